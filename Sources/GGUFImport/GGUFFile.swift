/// An opened, indexed GGUF file (ggml `docs/gguf.md`, versions 2 and 3, little-endian).
///
/// Opening reads the header, the metadata and the tensor-info table and validates them; the
/// tensor data stays in the memory-mapped file, untouched until a tensor is decoded.
///
/// Every count, length and offset read from the file is checked against the bytes that remain
/// and against hard caps before anything is allocated, so a corrupt or hostile file throws a
/// `GGUFError` instead of trapping or allocating gigabytes.
public final class GGUFFile: Sendable {
    /// The file this was read from ("<memory>" for `init(bytes:)`).
    public let path: String
    public let version: UInt32
    /// Metadata in file order.
    public let metadata: [GGUFMetadataEntry]
    /// Tensor infos in file order.
    public let tensors: [GGUFTensorInfo]
    /// `general.alignment` (32 when absent).
    public let alignment: Int
    /// Absolute offset of the data section.
    public let dataOffset: Int
    /// File size in bytes.
    public var fileSize: Int { source.count }

    let source: ByteSource
    private let metadataIndex: [String: Int]
    private let tensorIndex: [String: Int]

    /// Limits on what a file may declare.
    public enum Limits {
        /// Longest metadata key or tensor name.
        public static let maxKeyLength = 65_536
        /// Longest string value.
        public static let maxStringLength = 1 << 28
        /// Deepest array nesting.
        public static let maxArrayDepth = 8
        /// Most dimensions a tensor may have (ggml's GGML_MAX_DIMS).
        public static let maxDimensions = 4
        /// Largest `general.alignment`.
        public static let maxAlignment = 1 << 16
    }

    /// Opens and indexes the GGUF file at `path` (memory-mapped; the tensor data is not read).
    public convenience init(path: String) throws(GGUFError) {
        try self.init(source: ByteSource(mapping: path), path: path)
    }

    /// Indexes a GGUF file held in memory (tests, fuzzing).
    public convenience init(bytes: [UInt8]) throws(GGUFError) {
        try self.init(source: ByteSource(copying: bytes), path: "<memory>")
    }

    init(source: ByteSource, path: String) throws(GGUFError) {
        self.source = source
        self.path = path
        var cursor = ByteCursor(source.buffer(0..<source.count))

        let magic = try cursor.u32()
        guard magic == 0x4655_4747 else { throw .badMagic(found: magic) }  // "GGUF" little-endian
        let version = try cursor.u32()
        guard version == 2 || version == 3 else { throw .unsupportedVersion(version) }
        self.version = version
        let tensorCount = try cursor.u64()
        let metadataCount = try cursor.u64()

        // Each metadata entry takes ≥ 13 bytes (key length, type, 1-byte value); each tensor
        // info ≥ 32 (name length, n_dims, one dimension, type, offset).
        guard metadataCount <= UInt64(cursor.remaining / 13) else {
            throw .oversizedLength(context: "metadata count", length: metadataCount, limit: UInt64(cursor.remaining / 13))
        }
        guard tensorCount <= UInt64(cursor.remaining / 32) else {
            throw .oversizedLength(context: "tensor count", length: tensorCount, limit: UInt64(cursor.remaining / 32))
        }

        var metadata: [GGUFMetadataEntry] = []
        metadata.reserveCapacity(Int(metadataCount))
        var metadataIndex: [String: Int] = [:]
        for i in 0..<Int(metadataCount) {
            cursor.section = .metadata("#\(i)")
            let key = try cursor.string(limit: Limits.maxKeyLength, context: "metadata key #\(i)")
            cursor.section = .metadata(key)
            let rawType = try cursor.u32()
            guard let type = GGUFValueType(rawValue: rawType) else { throw .unknownMetadataType(key: key, rawType: rawType) }
            let value = try Self.readValue(type, key: key, depth: 0, cursor: &cursor)
            guard metadataIndex[key] == nil else { throw .duplicateKey(key) }
            metadataIndex[key] = metadata.count
            metadata.append(GGUFMetadataEntry(key: key, value: value))
        }
        self.metadata = metadata
        self.metadataIndex = metadataIndex

        var alignment = 32
        if let value = metadataIndex["general.alignment"].map({ metadata[$0].value }) {
            guard let a = value.intValue, value.type != .bool else {
                throw .invalidAlignment(detail: "value \(value.summary()) is not an unsigned integer")
            }
            guard a > 0, a & (a - 1) == 0, a <= Limits.maxAlignment else {
                throw .invalidAlignment(detail: "\(a) is not a power of two in [1, \(Limits.maxAlignment)]")
            }
            alignment = a
        }
        self.alignment = alignment

        var tensors: [GGUFTensorInfo] = []
        tensors.reserveCapacity(Int(tensorCount))
        var tensorIndex: [String: Int] = [:]
        for i in 0..<Int(tensorCount) {
            cursor.section = .tensorInfo("#\(i)")
            let name = try cursor.string(limit: Limits.maxKeyLength, context: "tensor name #\(i)")
            cursor.section = .tensorInfo(name)
            let info = try Self.readTensorInfo(name: name, cursor: &cursor)
            guard tensorIndex[name] == nil else { throw .duplicateTensor(name) }
            tensorIndex[name] = tensors.count
            tensors.append(info)
        }

        // The data section starts at the next multiple of the alignment.
        let position = cursor.position
        let dataOffset = (position + alignment - 1) / alignment * alignment
        self.dataOffset = dataOffset
        for i in tensors.indices {
            let t = tensors[i]
            guard t.offset % UInt64(alignment) == 0 else {
                throw .misalignedTensorOffset(tensor: t.name, offset: t.offset, alignment: alignment)
            }
            let available = UInt64(max(0, source.count - dataOffset))
            guard t.offset <= available, UInt64(t.byteCount) <= available - t.offset else {
                throw .tensorOutOfBounds(tensor: t.name, offset: t.offset, byteCount: UInt64(t.byteCount), fileSize: source.count)
            }
            tensors[i].fileOffset = dataOffset + Int(t.offset)
        }
        let byStart = tensors.indices.filter { tensors[$0].byteCount > 0 }.sorted { tensors[$0].offset < tensors[$1].offset }
        for (a, b) in zip(byStart, byStart.dropFirst())
        where tensors[a].fileOffset + tensors[a].byteCount > tensors[b].fileOffset {
            throw .overlappingTensors(tensors[a].name, tensors[b].name)
        }
        self.tensors = tensors
        self.tensorIndex = tensorIndex
    }

    private static func readValue(
        _ type: GGUFValueType, key: String, depth: Int, cursor: inout ByteCursor
    ) throws(GGUFError) -> GGUFValue {
        switch type {
        case .uint8: return .uint8(try cursor.u8())
        case .int8: return .int8(Int8(bitPattern: try cursor.u8()))
        case .uint16: return .uint16(try cursor.u16())
        case .int16: return .int16(Int16(bitPattern: try cursor.u16()))
        case .uint32: return .uint32(try cursor.u32())
        case .int32: return .int32(Int32(bitPattern: try cursor.u32()))
        case .float32: return .float32(Float(bitPattern: try cursor.u32()))
        case .bool: return .bool(try cursor.u8() != 0)
        case .string: return .string(try cursor.string(limit: Limits.maxStringLength, context: "metadata '\(key)' string"))
        case .uint64: return .uint64(try cursor.u64())
        case .int64: return .int64(Int64(bitPattern: try cursor.u64()))
        case .float64: return .float64(Double(bitPattern: try cursor.u64()))
        case .array:
            guard depth < Limits.maxArrayDepth else { throw .nestingTooDeep(key: key, depth: Limits.maxArrayDepth) }
            let rawType = try cursor.u32()
            guard let elementType = GGUFValueType(rawValue: rawType) else {
                throw .unknownMetadataType(key: key, rawType: rawType)
            }
            let count = try cursor.u64()
            let limit = UInt64(cursor.remaining / elementType.minimumEncodedSize)
            guard count <= limit else {
                throw .oversizedLength(context: "metadata '\(key)' array length", length: count, limit: limit)
            }
            var values: [GGUFValue] = []
            values.reserveCapacity(Int(count))
            for _ in 0..<Int(count) {
                values.append(try readValue(elementType, key: key, depth: depth + 1, cursor: &cursor))
            }
            return .array(elementType: elementType, values: values)
        }
    }

    private static func readTensorInfo(name: String, cursor: inout ByteCursor) throws(GGUFError) -> GGUFTensorInfo {
        let rank = try cursor.u32()
        guard rank >= 1, rank <= UInt32(Limits.maxDimensions) else {
            throw .invalidTensorInfo(tensor: name, detail: "\(rank) dimensions (expected 1…\(Limits.maxDimensions))")
        }
        var dimensions: [Int] = []
        var elements = 1
        for _ in 0..<Int(rank) {
            let d = try cursor.u64()
            guard d <= UInt64(Int32.max) else {
                throw .invalidTensorInfo(tensor: name, detail: "dimension \(d) is too large")
            }
            let (product, overflow) = elements.multipliedReportingOverflow(by: Int(d))
            guard !overflow, product <= 1 << 48 else {
                throw .invalidTensorInfo(tensor: name, detail: "element count overflows")
            }
            elements = product
            dimensions.append(Int(d))
        }
        let rawType = try cursor.u32()
        guard let type = GGMLType(rawValue: rawType) else { throw .unknownTensorType(tensor: name, rawType: rawType) }
        let offset = try cursor.u64()
        guard dimensions[0] % type.blockSize == 0 else {
            throw .invalidTensorInfo(tensor: name, detail: "ne[0] = \(dimensions[0]) is not a multiple of the \(type) block size \(type.blockSize)")
        }
        // Cannot overflow: elements ≤ 2^48 and bytesPerBlock ≤ 292 < 2^9.
        let byteCount = elements / type.blockSize * type.bytesPerBlock
        return GGUFTensorInfo(name: name, dimensions: dimensions, type: type, offset: offset, fileOffset: 0, byteCount: byteCount)
    }

    /// The metadata value for `key`.
    public func value(forKey key: String) -> GGUFValue? {
        metadataIndex[key].map { metadata[$0].value }
    }

    /// The tensor named `name`.
    public func tensor(named name: String) -> GGUFTensorInfo? {
        tensorIndex[name].map { tensors[$0] }
    }

    /// `general.architecture`, when present and a string.
    public var architecture: String? { value(forKey: "general.architecture")?.stringValue }

    /// The raw bytes of `tensor` (a view into the mapping, valid while `self` lives).
    func bytes(of tensor: GGUFTensorInfo) -> UnsafeRawBufferPointer {
        source.buffer(tensor.fileOffset..<(tensor.fileOffset + tensor.byteCount))
    }
}
