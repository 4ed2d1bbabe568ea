/// Errors of the GGUF importer. Every malformed or unsupported input ends here, never in a trap.
///
/// Cases name the metadata key or tensor involved so a message points at the offending entry.
public enum GGUFError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or mapped.
    case cannotOpen(path: String, detail: String)
    /// The first four bytes are not "GGUF".
    case badMagic(found: UInt32)
    /// A version this reader does not handle (it reads little-endian v2 and v3).
    case unsupportedVersion(UInt32)
    /// The file ends inside the fixed header (magic, version, counts).
    case truncatedHeader
    /// The file ends inside the metadata entry `key` (`#i` when the key itself is cut off).
    case truncatedMetadata(key: String)
    /// The file ends inside the tensor-info entry `tensor` (`#i` when the name is cut off).
    case truncatedTensorInfo(tensor: String)
    /// A count or length that cannot fit in the rest of the file or exceeds a hard cap.
    case oversizedLength(context: String, length: UInt64, limit: UInt64)
    /// A metadata value type code outside the GGUF specification.
    case unknownMetadataType(key: String, rawType: UInt32)
    /// Arrays nested deeper than the reader accepts.
    case nestingTooDeep(key: String, depth: Int)
    /// The same metadata key appears twice.
    case duplicateKey(String)
    /// `general.alignment` is zero, not a power of two, too large, or not an unsigned integer.
    case invalidAlignment(detail: String)
    /// A tensor-info entry is malformed (dimension count, dimensions, block multiple).
    case invalidTensorInfo(tensor: String, detail: String)
    /// A ggml tensor type code this reader does not know.
    case unknownTensorType(tensor: String, rawType: UInt32)
    /// A tensor's data offset is not a multiple of the file's alignment.
    case misalignedTensorOffset(tensor: String, offset: UInt64, alignment: Int)
    /// A tensor's data region reaches past the end of the file.
    case tensorOutOfBounds(tensor: String, offset: UInt64, byteCount: UInt64, fileSize: Int)
    /// Two tensors' data regions overlap.
    case overlappingTensors(String, String)
    /// The same tensor name appears twice.
    case duplicateTensor(String)
    /// A required metadata key is absent.
    case missingKey(String)
    /// A metadata value has the wrong type or an unusable value.
    case invalidMetadataValue(key: String, detail: String)
    /// A tensor the architecture needs is absent.
    case missingTensor(String)
    /// A tensor's shape disagrees with the hyperparameters in the metadata (shapes are row-major,
    /// i.e. GGUF's `ne` reversed).
    case tensorShapeMismatch(tensor: String, expected: [Int], actual: [Int])
    /// The tensor type is known but cannot be decoded by this importer (or not into this form).
    case unsupportedTensorType(tensor: String, type: String, detail: String)
    /// A TQ2_0 block holds the 2-bit value 3, which encodes no ternary digit.
    case invalidTernaryCode(tensor: String, block: Int)
    /// `general.architecture` names an architecture without a builder.
    case unsupportedArchitecture(String)
    /// The model uses a feature the builder does not implement.
    case unsupportedFeature(String)
    /// The requested sequence length is unusable.
    case invalidSequenceLength(Int, detail: String)
    /// A `{"tokens": [...]}` input is malformed.
    case invalidTokens(detail: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let detail): "cannot open GGUF file \(path): \(detail)"
        case .badMagic(let found): "not a GGUF file: magic 0x\(String(found, radix: 16)) (expected \"GGUF\")"
        case .unsupportedVersion(let v): "unsupported GGUF version \(v) (this reader handles little-endian v2 and v3)"
        case .truncatedHeader: "GGUF file truncated inside the header"
        case .truncatedMetadata(let key): "GGUF file truncated inside metadata entry '\(key)'"
        case .truncatedTensorInfo(let t): "GGUF file truncated inside tensor info '\(t)'"
        case .oversizedLength(let context, let length, let limit): "\(context): length \(length) exceeds the limit \(limit)"
        case .unknownMetadataType(let key, let raw): "metadata '\(key)' has unknown value type \(raw)"
        case .nestingTooDeep(let key, let depth): "metadata '\(key)' nests arrays deeper than \(depth)"
        case .duplicateKey(let key): "metadata key '\(key)' appears twice"
        case .invalidAlignment(let detail): "invalid general.alignment: \(detail)"
        case .invalidTensorInfo(let t, let detail): "tensor '\(t)': \(detail)"
        case .unknownTensorType(let t, let raw): "tensor '\(t)' has unknown ggml type \(raw)"
        case .misalignedTensorOffset(let t, let offset, let alignment):
            "tensor '\(t)' has offset \(offset), not a multiple of the alignment \(alignment)"
        case .tensorOutOfBounds(let t, let offset, let count, let size):
            "tensor '\(t)' (data offset \(offset), \(count) bytes) reaches past the end of the file (\(size) bytes)"
        case .overlappingTensors(let a, let b): "tensors '\(a)' and '\(b)' overlap in the data section"
        case .duplicateTensor(let t): "tensor '\(t)' appears twice"
        case .missingKey(let key): "required metadata key '\(key)' is missing"
        case .invalidMetadataValue(let key, let detail): "metadata '\(key)': \(detail)"
        case .missingTensor(let t): "required tensor '\(t)' is missing"
        case .tensorShapeMismatch(let t, let expected, let actual):
            "tensor '\(t)' has shape \(actual), the metadata implies \(expected)"
        case .unsupportedTensorType(let t, let type, let detail): "tensor '\(t)' of type \(type): \(detail)"
        case .invalidTernaryCode(let t, let block): "tensor '\(t)': TQ2_0 block \(block) holds the invalid 2-bit code 3"
        case .unsupportedArchitecture(let a): "unsupported GGUF architecture '\(a)' (supported: llama, bitnet)"
        case .unsupportedFeature(let f): "unsupported model feature: \(f)"
        case .invalidSequenceLength(let n, let detail): "invalid sequence length \(n): \(detail)"
        case .invalidTokens(let detail): "invalid tokens input: \(detail)"
        }
    }
}
