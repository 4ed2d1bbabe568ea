import Glibc
public import TensorIR

/// Options for importing an ONNX model.
public struct ONNXImportOptions: Sendable {
    /// Binds symbolic dims whose name mentions "seq" (e.g. `sequence_length`).
    public var seqLen: Int?
    /// Explicit values for symbolic dims by name (e.g. from the input file).
    public var dimBindings: [String: Int]

    public init(seqLen: Int? = nil, dimBindings: [String: Int] = [:]) {
        self.seqLen = seqLen
        self.dimBindings = dimBindings
    }
}

/// Imports ONNX models (opsets 13–21, default domain) into TensorIR.
public enum ONNXImporter {
    /// The ONNX op types the importer maps, and the TensorIR op each becomes.
    static let opMap: [String: OpKind] = [
        "MatMul": .matmul, "Gemm": .gemm, "Add": .add, "Sub": .sub, "Mul": .mul, "Div": .div, "Pow": .pow,
        "Sqrt": .sqrt, "Reciprocal": .reciprocal, "Exp": .exp, "Log": .log, "Abs": .abs, "Neg": .neg,
        "ReduceMean": .reduceMean, "ReduceSum": .reduceSum, "ReduceMax": .reduceMax, "Softmax": .softmax,
        "Sigmoid": .sigmoid, "Tanh": .tanh, "Erf": .erf, "Relu": .relu, "Gelu": .gelu,
        "LayerNormalization": .layerNorm, "Reshape": .reshape, "Transpose": .transpose, "Slice": .slice,
        "Concat": .concat, "Split": .split, "Squeeze": .squeeze, "Unsqueeze": .unsqueeze, "Expand": .expand,
        "Gather": .gather, "Shape": .shape, "Cast": .cast, "Where": .where, "Equal": .equal, "Less": .less,
        "Greater": .greater, "Not": .not, "And": .and, "Or": .or, "Constant": .constant,
        "ConstantOfShape": .constantOfShape, "Range": .range, "Trilu": .trilu, "Conv": .conv,
        "MaxPool": .maxPool, "AveragePool": .averagePool, "Flatten": .flatten, "Identity": .identity,
        "Dropout": .identity,
    ]

    /// Whether `opType` (default domain) is supported.
    public static func supports(opType: String) -> Bool { opMap[opType] != nil }

    /// Imports the model at `path`. External data files are resolved relative to it and memory-mapped.
    public static func load(path: String, options: ONNXImportOptions = ONNXImportOptions()) throws(ONNXError) -> Module {
        let proto = try readModel(path: path)
        return try build(proto, file: path, options: options)
    }

    /// Imports a model from bytes (`file` names it in errors and anchors external data paths).
    public static func load(bytes: [UInt8], file: String, options: ONNXImportOptions = ONNXImportOptions()) throws(ONNXError) -> Module {
        let result: Result<ProtoModel, ONNXError> = bytes.withUnsafeBytes { raw in
            Result { () throws(ONNXError) in try decodeModel(raw, file: file) }
        }
        let proto = try result.get()
        return try build(proto, file: file, options: options)
    }

    static func readModel(path: String) throws(ONNXError) -> ProtoModel {
        guard access(path, R_OK) == 0 else { throw .unreadable(file: path, detail: "no such readable file") }
        guard let map = MappedFile(path: path) else { throw .unreadable(file: path, detail: "cannot open or map it") }
        return try decodeModel(map.bytes, file: path, releaseInput: true)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    /// Default-domain opsets the importer maps (the forms of DESIGN §3's ops in these versions).
    public static let supportedOpsets: ClosedRange<Int64> = 11...21

    static func build(_ proto: ProtoModel, file: String, options: ONNXImportOptions) throws(ONNXError) -> Module {
        var b = GraphBuilder(file: file, options: options)
        b.opset = proto.opsets.first { $0.domain.isEmpty || $0.domain == "ai.onnx" }?.version ?? 17
        // Opsets 11 and 12 share the op forms handled here; older ones differ (Slice, Squeeze,
        // Split), and newer ones than 21 have not been checked against these op semantics.
        guard supportedOpsets.contains(b.opset) else { throw .unsupportedOpset(file: file, version: b.opset) }
        try b.build(proto.graph, directory: directory(of: file))
        var module = Module(functions: [b.function], constants: b.constants)
        module.metadata = ["source": "onnx", "opset": "\(b.opset)", "producer": proto.producer, "file": file]
        return module
    }
}
