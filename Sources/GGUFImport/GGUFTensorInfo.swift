/// One entry of a GGUF file's tensor-info table, validated against the file.
public struct GGUFTensorInfo: Sendable, Equatable {
    public var name: String
    /// ggml's `ne`: dimensions innermost first (`ne[0]` is the contiguous one).
    public var dimensions: [Int]
    public var type: GGMLType
    /// Offset of the data relative to the start of the data section.
    public var offset: UInt64
    /// Absolute offset of the data in the file.
    public var fileOffset: Int
    /// Bytes the data occupies.
    public var byteCount: Int

    /// Row-major shape: `dimensions` reversed, so `ne = [in, out]` is `[out, in]` (a weight
    /// matrix stored one output row after another).
    public var shape: [Int] { dimensions.reversed() }

    public var elementCount: Int { dimensions.reduce(1, *) }
}

/// One metadata key/value pair.
public struct GGUFMetadataEntry: Sendable, Equatable {
    public var key: String
    public var value: GGUFValue
}
