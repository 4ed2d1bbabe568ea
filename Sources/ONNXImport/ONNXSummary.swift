/// What `zkc inspect` shows about an ONNX file, read without building IR (unsupported ops are
/// listed, not fatal).
public struct ONNXModelSummary: Sendable {
    /// A graph input or output: name, element type name and dims (numbers, symbolic names or "?").
    public struct Value: Sendable {
        public var name: String
        public var element: String
        public var dims: [String]?
    }

    public var file: String
    public var irVersion: Int64
    public var opsets: [String: Int64]
    public var producer: String
    public var inputs: [Value]
    public var outputs: [Value]
    public var parameterCount: Int
    public var parameterBytes: Int
    /// Node count per op type ("domain::Op" outside the default domain).
    public var opHistogram: [String: Int]
    public var unsupportedOps: [String]
}

extension ONNXImporter {
    /// Summarizes the model at `path` (opsets, producer, inputs/outputs, parameters, op histogram).
    public static func summary(path: String) throws(ONNXError) -> ONNXModelSummary {
        let m = try readModel(path: path)
        let inits = Set(m.graph.initializers.map(\.name))
        func value(_ v: ProtoValueInfo) -> ONNXModelSummary.Value {
            .init(name: v.name, element: ONNXDataType.name(v.elemType), dims: v.dims?.map {
                switch $0 { case .value(let x): "\(x)"; case .param(let p): p; case .unknown: "?" }
            })
        }
        var count = 0, bytes = 0
        for t in m.graph.initializers {
            let n = t.dims.reduce(1) { acc, d in d >= 0 && d < 1 << 40 ? acc.multipliedReportingOverflow(by: Int(d)).partialValue : acc }
            count &+= n
            bytes &+= n &* max(ONNXDataType.size(t.dataType), 1)
        }
        var hist: [String: Int] = [:]
        var unsupported = Set<String>()
        for n in m.graph.nodes {
            let defaultDomain = n.domain.isEmpty || n.domain == "ai.onnx"
            let key = defaultDomain ? n.opType : "\(n.domain)::\(n.opType)"
            hist[key, default: 0] += 1
            if !defaultDomain || !supports(opType: n.opType) { unsupported.insert(key) }
        }
        var opsets: [String: Int64] = [:]
        for o in m.opsets { opsets[o.domain.isEmpty ? "ai.onnx" : o.domain] = o.version }
        return ONNXModelSummary(
            file: path, irVersion: m.irVersion, opsets: opsets,
            producer: m.producer + (m.producerVersion.isEmpty ? "" : " " + m.producerVersion),
            inputs: m.graph.inputs.filter { !inits.contains($0.name) }.map(value), outputs: m.graph.outputs.map(value),
            parameterCount: count, parameterBytes: bytes, opHistogram: hist, unsupportedOps: unsupported.sorted())
    }
}
