/// Everything that can go wrong importing an ONNX file. Each case names the file and, where it
/// applies, the node (name and op type) or tensor, and the problem.
public enum ONNXError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(file: String, detail: String)
    case emptyFile(file: String)
    /// The bytes are not a valid ModelProto (truncated, corrupted or not ONNX).
    case unparsable(file: String)
    case missingGraph(file: String)
    case unknownOp(file: String, node: String, opType: String)
    case unknownDomain(file: String, node: String, opType: String, domain: String)
    case undefinedInput(file: String, node: String, opType: String, input: String)
    case rawDataLengthMismatch(file: String, tensor: String, expectedBytes: Int, actualBytes: Int)
    case missingExternalData(file: String, tensor: String, path: String)
    case externalDataOutOfRange(file: String, tensor: String, detail: String)
    case cycle(file: String, node: String, opType: String)
    case unsupportedDataType(file: String, tensor: String, dataType: Int)
    case unsupportedAttribute(file: String, node: String, opType: String, attribute: String, detail: String)
    case invalidNode(file: String, node: String, opType: String, detail: String)
    case invalidTensor(file: String, tensor: String, detail: String)
    case unsupportedOpset(file: String, version: Int64)

    public var description: String {
        switch self {
        case .unreadable(let f, let d): "\(f): cannot read the file: \(d)"
        case .emptyFile(let f): "\(f): the file is empty; expected an ONNX ModelProto"
        case .unparsable(let f): "\(f): not a valid ONNX model (truncated or corrupted protobuf); re-export the model"
        case .missingGraph(let f): "\(f): the model has no graph"
        case .unknownOp(let f, let n, let t): "\(f): node '\(n)' (\(t)): unsupported op \(t)"
        case .unknownDomain(let f, let n, let t, let d): "\(f): node '\(n)' (\(t)): unsupported op domain '\(d)'"
        case .undefinedInput(let f, let n, let t, let i): "\(f): node '\(n)' (\(t)): input '\(i)' is not defined by any node, initializer or graph input"
        case .rawDataLengthMismatch(let f, let t, let e, let a): "\(f): tensor '\(t)': raw_data has \(a) bytes, its shape and type need \(e)"
        case .missingExternalData(let f, let t, let p): "\(f): tensor '\(t)': external data file '\(p)' not found (keep it next to the model)"
        case .externalDataOutOfRange(let f, let t, let d): "\(f): tensor '\(t)': external data \(d)"
        case .cycle(let f, let n, let t): "\(f): node '\(n)' (\(t)) is part of a cycle; ONNX graphs must be acyclic"
        case .unsupportedDataType(let f, let t, let d): "\(f): tensor '\(t)': unsupported ONNX data type \(d)"
        case .unsupportedAttribute(let f, let n, let t, let a, let d): "\(f): node '\(n)' (\(t)): attribute '\(a)': \(d)"
        case .invalidNode(let f, let n, let t, let d): "\(f): node '\(n)' (\(t)): \(d)"
        case .invalidTensor(let f, let t, let d): "\(f): tensor '\(t)': \(d)"
        case .unsupportedOpset(let f, let v): "\(f): default-domain opset \(v) is outside the supported range 11–21; re-export with an opset in 13–21"
        }
    }
}
