import Foundation
import Passes
import TensorIR
import Testing
import ZKCompiler

/// `ternarize` (BitNet b1.58 absmean, arXiv 2402.17764) on the bundled models: every matmul
/// weight becomes codes in {−1, 0, 1} with γ = mean|W| (recomputed here from the float
/// weights), a second run changes nothing, imported TQ2_0 weights pass through, the
/// ternarized llama_block still runs, and the statistics count the right MACs.
@Suite struct TernarizeModelsTests {
    static let models = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Models")

    static func path(_ p: String) -> String { models.appendingPathComponent(p).path }

    /// (model, input, expected number of matmul weights): 7 projections per LLaMA layer
    /// (q, k, v, o, gate, up, down) plus the untied output head of the multi-layer models.
    static let cases: [(model: String, input: String, weights: Int)] = [
        ("onnx/llama_block.onnx", "onnx/llama_block.input.json", 7),
        ("onnx/tiny_llama.onnx", "onnx/tiny_llama.input.json", 2 * 7 + 1),
        ("gguf/tiny_llama_f32.gguf", "gguf/tiny_llama_f32.tokens.json", 2 * 7 + 1),
    ]

    static func compile(_ model: String, _ input: String) throws -> Module {
        try Compiler.compile(path: path(model), inputPath: path(input))
    }

    /// Constant names feeding a matmul/gemm weight operand through transpose/reshape, minus
    /// those also used by embedding/gather — traced here independently of the pass.
    static func matmulWeights(_ module: Module) -> Set<String> {
        var weights: Set<String> = [], tables: Set<String> = []
        for f in module.functions {
            var def: [ValueID: TensorIR.Operation] = [:]
            for op in f.operations { for r in op.results { def[r] = op } }
            func source(_ v: ValueID) -> String? {
                var v = v
                while let op = def[v] {
                    if op.kind == .constant { return op.attributes["name"]?.stringValue }
                    guard op.kind == .transpose || op.kind == .reshape else { return nil }
                    v = op.operands[0]
                }
                return nil
            }
            for op in f.operations {
                if op.kind == .matmul || op.kind == .gemm, let name = source(op.operands[1]) { weights.insert(name) }
                if op.kind == .gather || op.kind == .embedding { for v in op.operands { if let n = source(v) { tables.insert(n) } } }
            }
        }
        return weights.subtracting(tables).filter { (module.constants[$0]?.type.rank ?? 0) >= 2 }
    }

    @Test(arguments: cases.map(\.model))
    func everyMatmulWeightBecomesAbsmeanTernary(model: String) throws {
        let entry = try #require(Self.cases.first { $0.model == model })
        let original = try Self.compile(entry.model, entry.input)
        var module = original
        try Ternarize().run(on: &module)
        let weights = Self.matmulWeights(original)
        #expect(weights.count == entry.weights, "\(model): \(weights.sorted())")
        for name in weights {
            let w = try #require(try original.constants[name]?.floats())
            let data = try #require(module.constants[name])
            #expect(data.type == original.constants[name]?.type)
            guard case .ternary(let codes, let scales, let blockSize) = data.storage else {
                Issue.record("\(model): \(name) is not ternary"); continue
            }
            var sum = 0.0
            for x in w { sum += Double(abs(x)) }
            let gamma = Float(sum / Double(w.count))
            #expect(scales == [gamma] && blockSize == w.count && codes.count == w.count, "\(model): \(name)")
            #expect(codes.allSatisfy { $0 == -1 || $0 == 0 || $0 == 1 })
            let expected = w.map { x -> Int8 in
                let r = Double(x) / Double(gamma)
                return r >= 0.5 ? 1 : (r <= -0.5 ? -1 : 0)
            }
            #expect(codes == expected, "\(model): \(name) codes")
        }
        // Everything else is untouched.
        for name in original.constants.names where !weights.contains(name) {
            #expect(try module.constants[name]?.floats() == original.constants[name]?.floats(), "\(model): \(name) changed")
        }
        #expect(module.metadata[Ternarize.MetadataKey.tensors] == "\(entry.weights)")
        // A second run is a no-op: same storage, same metadata.
        var twice = module
        try Ternarize().run(on: &twice)
        #expect(twice.metadata == module.metadata)
        #expect(IRPrinter.print(twice) == IRPrinter.print(module))
        for name in weights {
            guard case .ternary(let a, let sa, _) = module.constants[name]?.storage,
                  case .ternary(let b, let sb, _) = twice.constants[name]?.storage else { Issue.record("\(name)"); continue }
            #expect(a == b && sa == sb)
        }
    }

    @Test func importedTQ2_0WeightsPassThroughUnchanged() throws {
        let original = try Self.compile("gguf/tiny_bitnet_tq2_0.gguf", "gguf/tiny_bitnet_tq2_0.tokens.json")
        let module = try Compiler.compile(path: Self.path("gguf/tiny_bitnet_tq2_0.gguf"),
                                          inputPath: Self.path("gguf/tiny_bitnet_tq2_0.tokens.json"), ternarize: true)
        var ternary = 0
        for name in original.constants.names {
            if case .ternary(let a, let sa, let ba) = original.constants[name]?.storage {
                ternary += 1
                guard case .ternary(let b, let sb, let bb) = module.constants[name]?.storage else { Issue.record("\(name)"); continue }
                #expect(a == b && sa == sb && ba == bb, "\(name)")
            } else {
                #expect(try module.constants[name]?.floats() == original.constants[name]?.floats(), "\(name)")
            }
        }
        #expect(ternary > 0)
        #expect(module.metadata[Ternarize.MetadataKey.tensors] == nil)
        let stats = Dictionary(uniqueKeysWithValues: Compiler.statistics(module).map { ($0.key, $0.value) })
        #expect(stats["ternary tensors"] == "\(ternary)" && stats["ternary tensors passed through"] == "\(ternary)")
        #expect(stats["ternary tensors ternarized"] == "0" && stats["ternary weight error"] == nil)
    }

    @Test func ternarizedLlamaBlockRunsAndReportsStatistics() throws {
        let module = try Compiler.compile(path: Self.path("onnx/llama_block.onnx"),
                                          inputPath: Self.path("onnx/llama_block.input.json"), ternarize: true)
        let inputs = try ModelInput.load(path: Self.path("onnx/llama_block.input.json"), for: module.main)
        let result = try #require(try Interpreter(module: module).run(inputs: inputs).first)
        let reference = try ReferenceOutput.load(path: Self.path("onnx/llama_block.output.json"))
        let error = try #require(reference.relativeL2Error(of: result))
        print("ternarized llama_block: relative L2 error vs float reference = \(error)")
        #expect(error.isFinite && error > 0)

        let stats = Dictionary(uniqueKeysWithValues: Compiler.statistics(module).map { ($0.key, $0.value) })
        // Models/generate_onnx.py: D = 64, S = 16, HQ = 4, HKV = 2, HD = 16, FFN = 172.
        let (d, s, hq, hkv, hd, ffn) = (64, 16, 4, 2, 16, 172)
        let weightsPerToken = d * hq * hd + 2 * d * hkv * hd + hq * hd * d + 3 * d * ffn
        #expect(stats["products became additions"] == "\(s * weightsPerToken)")
        #expect(stats["ternary weights"] == "\(weightsPerToken)")
        #expect(stats["ternary tensors"] == "7" && stats["ternary tensors ternarized"] == "7")
        let weightError = try #require(stats["ternary weight error"].flatMap(Double.init))
        let worst = try #require(stats["ternary worst weight error"].flatMap(Double.init))
        let zeros = try #require(stats["ternary zero fraction"].flatMap(Double.init))
        #expect(weightError > 0 && weightError < 1 && worst >= weightError && worst < 1)
        #expect(zeros > 0 && zeros < 1)
    }

    /// Hand-computed: γ = mean|W| = 1, ±0.5 rounds away from zero, ‖W − γT‖² = 4 · 0.25,
    /// ‖W‖² = 2 · 2.25 + 2 · 0.25; an all-zero tensor gets γ = 0 and zero codes (no NaN).
    @Test func absmeanRoundsHalfAwayFromZeroAndGuardsZeroScale() {
        let q = Ternarize.ternarize([1.5, -1.5, 0.5, -0.5])
        #expect(q.scale == 1 && q.codes == [1, -1, 1, -1])
        #expect(q.errorSquared == 1 && q.normSquared == 5)
        let z = Ternarize.ternarize([0, 0, 0])
        #expect(z.scale == 0 && z.codes == [0, 0, 0] && z.errorSquared == 0)
    }
}
