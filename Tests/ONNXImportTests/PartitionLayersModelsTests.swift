import Foundation
import Passes
import TensorIR
import Testing
import ZKCompiler

/// `partition-layers` in the default pipeline on the bundled models: the two-layer LLaMA /
/// BitNet models get one group of two equal layers whose ops are exactly the ones the exporter
/// named after that layer; one-block and non-transformer models get no group and are
/// unchanged; the markers do not change what the module computes.
@Suite struct PartitionLayersModelsTests {
    static let models = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Models")

    struct Case: Sendable, CustomStringConvertible {
        var model: String
        var input: String
        var reference: String
        /// The text an op's origin contains when the exporter put it in layer `l`.
        var layerTag: @Sendable (Int) -> String
        var description: String { model }
    }

    static func onnx(_ name: String) -> Case {
        Case(model: "onnx/\(name).onnx", input: "onnx/\(name).input.json", reference: "onnx/\(name).output.json",
             layerTag: { "layers.\($0)" })
    }

    static func gguf(_ name: String) -> Case {
        Case(model: "gguf/\(name).gguf", input: "gguf/\(name).tokens.json", reference: "gguf/\(name).output.json",
             layerTag: { "blk.\($0)." })
    }

    static let layered = [onnx("tiny_llama"), gguf("tiny_llama_f32"), gguf("tiny_bitnet_tq2_0")]
    static let unlayered = [onnx("llama_block"), onnx("gpt2_block"), onnx("mlp"), onnx("cnn")]

    static func path(_ p: String) -> String { models.appendingPathComponent(p).path }

    static func compile(_ c: Case, pipeline: [String] = Compiler.defaultPipeline) throws -> Module {
        try Compiler.compile(path: path(c.model), inputPath: path(c.input), pipeline: pipeline)
    }

    static func run(_ module: Module, _ c: Case) throws -> Tensor {
        let inputs = try ModelInput.load(path: path(c.input), for: module.main)
        return try #require(try Interpreter(module: module).run(inputs: inputs).first)
    }

    static func marker(_ op: TensorIR.Operation) -> (group: String, layer: Int64)? {
        guard let g = op.attributes[PartitionLayers.groupAttribute]?.stringValue,
              let l = op.attributes[PartitionLayers.layerAttribute]?.intValue else { return nil }
        return (g, l)
    }

    @Test(arguments: layered)
    func twoDecoderLayersFormOneGroup(_ c: Case) throws {
        #expect(Compiler.defaultPipeline.suffix(2) == ["recognize", "partition-layers"])
        let module = try Self.compile(c)
        let ops = module.functions.flatMap(\.operations)
        let marked = ops.compactMap { op in Self.marker(op).map { (op, $0) } }
        #expect(Set(marked.map(\.1.group)) == ["g0"], "\(c): groups")
        let layers = Dictionary(grouping: marked, by: \.1.layer)
        #expect(layers.keys.sorted() == [0, 1], "\(c): layers \(layers.keys.sorted())")
        let sizes = [0, 1].map { layers[Int64($0)]?.count ?? 0 }
        #expect(sizes[0] == sizes[1] && sizes[0] > 10, "\(c): layer sizes \(sizes)")
        for l in 0..<2 {
            let layer = layers[Int64(l)]?.map(\.0) ?? []
            #expect(layer.count { $0.kind == .attention } == 1, "\(c): layer \(l) attention")
            #expect(layer.count { $0.kind == .swiglu } == 1, "\(c): layer \(l) swiglu")
            #expect(layer.count { $0.kind == .rmsNorm } >= 2, "\(c): layer \(l) rms_norm")
        }
        // Independent of the pass: the exporter names every non-constant op of layer l after it.
        for op in ops where op.kind != .constant {
            let origin = op.origin ?? ""
            let tagged = (0..<2).filter { origin.contains(c.layerTag($0)) }
            let layer = Self.marker(op).map { Int($0.layer) }
            #expect(tagged == (layer.map { [$0] } ?? []), "\(c): \(op.kind) \(origin) marked \(String(describing: layer))")
        }
        let stats = Dictionary(uniqueKeysWithValues: Compiler.statistics(module).map { ($0.key, $0.value) })
        #expect(stats["layer groups"] == "1" && stats["layer group g0 layers"] == "2", "\(c): \(stats)")
        #expect(stats["layer group g0 ops per layer"] == "\(sizes[0])", "\(c): \(stats)")

        let result = try Self.run(module, c)
        let reference = try ReferenceOutput.load(path: Self.path(c.reference))
        let error = try #require(reference.relativeL2Error(of: result), "\(c): shape \(result.shape) vs \(reference.shape)")
        #expect(error < 1e-4, "\(c): relative L2 error \(error)")
        // The markers only annotate: without the pass the output is bit-identical.
        let plain = try Self.compile(c, pipeline: ["canonicalize", "recognize"])
        #expect(try Self.run(plain, c).asFloats == result.asFloats, "\(c): output changed by partition-layers")
    }

    @Test(arguments: unlayered)
    func modelsWithoutRepeatedBlocksAreUnchanged(_ c: Case) throws {
        let module = try Self.compile(c)
        #expect(!module.functions.flatMap(\.operations).contains { Self.marker($0) != nil || $0.attributes[PartitionLayers.layerAttribute] != nil }, "\(c)")
        let plain = try Self.compile(c, pipeline: ["canonicalize", "recognize"])
        #expect(plain.functions == module.functions, "\(c): partition-layers changed a model without layer groups")
        #expect(Compiler.statistics(module).first { $0.key == "layer groups" }?.value == "0")
    }

    /// Running the pass twice gives the same module (old markers are recomputed, not compared).
    @Test func rerunningIsIdempotent() throws {
        var module = try Self.compile(Self.layered[0])
        let once = module.functions
        try PassManager(names: ["partition-layers"]).run(&module)
        #expect(module.functions == once)
    }

    /// Every case of Tests/PassesTests/Inputs/partition-layers.zkir computes bit-identical
    /// values before and after the pass on random inputs.
    @Test func fileCheckCasesKeepTheirValues() throws {
        let cases = try PassFileCases.run(file: "partition-layers.zkir", pass: "partition-layers", seed: 0x2545_F491_4F6C_DD1D)
        #expect(cases.count >= 8)
        for c in cases {
            #expect(c.expected.map(\.asFloats) == c.actual.map(\.asFloats), "\(c.before.main.name)")
        }
        let grouped = cases.filter { $0.after.main.operations.contains { Self.marker($0) != nil } }.count
        #expect(grouped == 3, "cases with a group: \(grouped)")
    }

    /// A function of `a` norm-matmul-residual blocks then `b` matmul-relu-residual blocks, with
    /// distinct random weights per block.
    static func stacked(a: Int, b: Int) -> Module {
        var module = Module()
        var f = Function(name: "main")
        let t = TensorType(.f32, [2, 4])
        let square = TensorType(.f32, [4, 4]), vector = TensorType(.f32, [4])
        var state: UInt64 = 7
        func weight(_ name: String, _ type: TensorType, _ f: inout Function) -> ValueID {
            let count = type.shape?.reduce(1, *) ?? 0
            module.constants[name] = TensorData(floats: (0..<count).map { _ in { state = state &* 6364136223846793005 &+ 1442695040888963407; return Float(state >> 40) / Float(1 << 24) * 2 - 1 }() }, shape: type.shape ?? [])
            return f.append(.constant, [], type: type, attributes: ["name": .string(name)])
        }
        var x = f.addArgument(name: "x", type: t)
        for l in 0..<a {
            let n = f.append(.rmsNorm, [x, weight("a\(l).gamma", vector, &f)], type: t, attributes: ["axis": .int(-1), "epsilon": .float(1e-5)])
            let m = f.append(.matmul, [n, weight("a\(l).w", square, &f)], type: t)
            x = f.append(.add, [x, m], type: t)
        }
        for l in 0..<b {
            let m = f.append(.matmul, [x, weight("b\(l).w", square, &f)], type: t)
            let r = f.append(.relu, [m], type: t)
            x = f.append(.add, [x, r], type: t)
        }
        f.setResults([f.append(.sigmoid, [x], type: t)], names: ["y"])
        module.functions = [f]
        return module
    }

    /// Two different chains back to back become two groups, the one covering more ops first;
    /// a deep chain keeps every layer; values are unchanged.
    @Test(arguments: [(3, 4), (24, 0), (0, 2)])
    func chainsOfSeveralLayersAndSeveralGroups(_ a: Int, _ b: Int) throws {
        let before = Self.stacked(a: a, b: b)
        var after = before
        try PassManager(names: ["partition-layers"]).run(&after)
        var layers: [String: [Int64: [OpKind]]] = [:]
        for op in after.main.operations {
            if let m = Self.marker(op) { layers[m.group, default: [:]][m.layer, default: []].append(op.kind) }
        }
        // Each block is 3 ops plus 2 (norm blocks) or 1 (relu blocks) private weights; the chain
        // covering more non-constant ops (3 per block) is g0, ties to the earlier one.
        let a3 = a >= 2 ? [Array(repeating: 5, count: a)] : [], b3 = b >= 2 ? [Array(repeating: 4, count: b)] : []
        let expected = a >= b ? a3 + b3 : b3 + a3
        let actual = layers.keys.sorted().map { g in (layers[g] ?? [:]).keys.sorted().map { layers[g]?[$0]?.count ?? 0 } }
        #expect(actual == expected, "a = \(a), b = \(b): \(layers)")
        let x = Tensor(shape: [2, 4], floats: (0..<8).map { Float($0) / 4 - 1 })
        #expect(try Interpreter(module: before).run(inputs: ["x": x]).map(\.asFloats)
                == Interpreter(module: after).run(inputs: ["x": x]).map(\.asFloats))
    }
}
