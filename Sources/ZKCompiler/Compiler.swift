public import Passes
public import TensorIR

/// The compile pipeline as a library call: load a model, run the pass pipeline, hand back the
/// module (what `zkc compile` prints or, once the backend lands, lowers to a circuit).
public enum Compiler {
    /// The pipeline `zkc compile` runs today: `canonicalize` (shape inference, folding of
    /// shape arithmetic, identity removal, CSE, DCE), then `recognize` (primitive subgraphs →
    /// rms_norm, silu/swiglu, masked softmax, tanh-gelu, rope, attention with GQA), then
    /// `partition-layers` (isomorphic decoder layers marked `layer_group` / `layer`). The
    /// quantize / fuse-lookups passes join it as they land.
    public static let defaultPipeline = ["canonicalize", "recognize", "partition-layers"]

    /// Loads `path` and runs `pipeline`, verifying the IR before and after every pass.
    ///
    /// - Parameters:
    ///   - inputPath: an input file, used only to size a GGUF model's sequence.
    ///   - ternarize: append `ternarize` (BitNet b1.58 weights) to `pipeline` (`--ternarize`).
    ///   - printAfter: passes whose output `printSink` receives (`--print-after`).
    public static func compile(
        path: String, inputPath: String? = nil, options: LoadOptions = LoadOptions(),
        pipeline: [String] = defaultPipeline, ternarize: Bool = false, printAfter: PassManager.PrintAfter = .none,
        printSink: @escaping @Sendable (String) -> Void = { Swift.print($0, terminator: "") }
    ) throws -> Module {
        var module = if let inputPath {
            try ModelLoader.load(path: path, forInput: inputPath, options: options)
        } else {
            try ModelLoader.load(path: path, options: options)
        }
        var manager = try PassManager(names: ternarize ? pipeline + [Ternarize.name] : pipeline, printAfter: printAfter)
        manager.printSink = printSink
        try manager.run(&module)
        return module
    }

    /// Op counts and parameter totals of a module (`zkc compile --emit stats`).
    public static func statistics(_ module: Module) -> [(key: String, value: String)] {
        var histogram: [String: Int] = [:]
        var ops = 0
        for f in module.functions {
            for op in f.operations {
                histogram[op.kind.rawValue, default: 0] += 1
                ops += 1
            }
        }
        var parameters = 0
        for name in module.constants.names { parameters += module.constants[name]?.elementCount ?? 0 }
        var rows: [(key: String, value: String)] = [
            ("functions", "\(module.functions.count)"),
            ("ops", "\(ops)"),
            ("constants", "\(module.constants.count)"),
            ("parameters", "\(parameters)"),
        ]
        rows += ternaryStatistics(module)
        rows += layerGroupRows(module)
        for (kind, count) in histogram.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            rows.append(("op \(kind)", "\(count)"))
        }
        return rows
    }

    /// Ternary-weight rows (only when the module has ternary constants): how many tensors and
    /// weights, how many the `ternarize` pass produced (the rest were ternary on import), the
    /// fraction of zero codes, the relative weight error the pass recorded, and the
    /// multiply-accumulates of matmuls with a ternary weight (products that became additions).
    static func ternaryStatistics(_ module: Module) -> [(key: String, value: String)] {
        var tensors = 0, weights = 0, zeros = 0
        for name in module.constants.names {
            guard let data = module.constants[name], case .ternary(let codes, _, _) = data.storage else { continue }
            tensors += 1
            weights += codes.count
            zeros += codes.count { $0 == 0 }
        }
        guard tensors > 0 else { return [] }
        let made = Int(module.metadata[Ternarize.MetadataKey.tensors] ?? "") ?? 0
        var rows: [(key: String, value: String)] = [
            ("ternary tensors", "\(tensors)"),
            ("ternary tensors ternarized", "\(made)"),
            ("ternary tensors passed through", "\(max(0, tensors - made))"),
            ("ternary weights", "\(weights)"),
            ("ternary zero fraction", "\(weights > 0 ? Double(zeros) / Double(weights) : 0)"),
        ]
        if let e = module.metadata[Ternarize.MetadataKey.weightError], Double(e) != nil {
            rows.append(("ternary weight error", e))
        }
        if let e = module.metadata[Ternarize.MetadataKey.worstWeightError], Double(e) != nil {
            rows.append(("ternary worst weight error", e))
        }
        rows.append(("products became additions", "\(Ternarize.ternaryMACs(module))"))
        return rows
    }

    /// "layer groups" and, per group gK, "layer group gK layers" and "layer group gK ops per
    /// layer" (the ops of its first layer; `partition-layers` makes every layer of a group the
    /// same size). Values stay integers so `--emit stats --json` prints numbers.
    static func layerGroupRows(_ module: Module) -> [(key: String, value: String)] {
        var counts: [String: [Int64: Int]] = [:]
        for f in module.functions {
            for op in f.operations {
                guard let group = op.attributes[PartitionLayers.groupAttribute]?.stringValue,
                      let layer = op.attributes[PartitionLayers.layerAttribute]?.intValue else { continue }
                counts[group, default: [:]][layer, default: 0] += 1
            }
        }
        var rows: [(key: String, value: String)] = [("layer groups", "\(counts.count)")]
        for (group, layers) in counts.sorted(by: { ($0.key.count, $0.key) < ($1.key.count, $1.key) }) {
            rows.append(("layer group \(group) layers", "\(layers.count)"))
            rows.append(("layer group \(group) ops per layer", "\(layers[layers.keys.min() ?? 0] ?? 0)"))
        }
        return rows
    }
}
