import Foundation
import Passes
import TensorIR
import Testing
import ZKCompiler

/// `recognize` in the default pipeline on every bundled ONNX model: the module still computes
/// the reference output, and the transformer blocks built from primitives in
/// Models/generate_onnx.py come out as the expected number of named ops.
@Suite struct RecognizeModelsTests {
    static let models = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Models/onnx")

    /// Counts expected from Models/generate_onnx.py: a LLaMA layer has two RMSNorms, one
    /// SiLU-gated MLP, RoPE (rotate_half, θ = 10000) on q and k, and one GQA attention (4 query
    /// heads over 2 KV heads, scale 1/√16; llama_block's constant causal mask becomes causal = 1,
    /// tiny_llama's Trilu/Where mask stays an operand; no softmax is left); llama_block is one layer, tiny_llama two plus the final norm; gpt2_block has one
    /// tanh-GELU (its norms are LayerNormalization already, its where-mask attention stays primitive).
    struct Expectation: Sendable, CustomStringConvertible {
        var model: String
        var rmsNorm = 0
        var swiglu = 0
        var gelu = 0
        var maskedSoftmax = 0
        var rope = 0
        var attention: [(heads: Int64, kvHeads: Int64, causal: Int64)] = []
        /// Primitive ops that must be gone once every pattern of the model is recognized.
        var absent: [OpKind] = []
        var description: String { model }
    }

    static let expectations: [Expectation] = [
        Expectation(model: "llama_block", rmsNorm: 2, swiglu: 1, rope: 2, attention: [(4, 2, 1)], absent: [.pow, .sqrt, .sigmoid, .reduceMean, .neg, .concat, .slice, .softmax, .expand, .unsqueeze]),
        Expectation(model: "tiny_llama", rmsNorm: 5, swiglu: 2, rope: 4, attention: [(4, 2, 0), (4, 2, 0)], absent: [.pow, .sqrt, .sigmoid, .reduceMean, .neg, .concat, .slice, .softmax, .expand, .unsqueeze]),
        Expectation(model: "gpt2_block", gelu: 1, absent: [.pow, .tanh]),
        Expectation(model: "mlp"),
        Expectation(model: "cnn"),
        Expectation(model: "dynamic_mlp"),
        Expectation(model: "external_mlp"),
    ]

    static func path(_ model: String, _ suffix: String) -> String {
        models.appendingPathComponent("\(model).\(suffix)").path
    }

    static func run(_ module: Module, model: String) throws -> Tensor {
        let inputs = try ModelInput.load(path: path(model, "input.json"), for: module.main)
        return try #require(try Interpreter(module: module).run(inputs: inputs).first)
    }

    @Test(arguments: expectations)
    func recognizedModelMatchesTheReference(_ e: Expectation) throws {
        #expect(Compiler.defaultPipeline.firstIndex(of: "recognize").map { $0 > (Compiler.defaultPipeline.firstIndex(of: "canonicalize") ?? .max) } == true)
        let module = try Compiler.compile(path: Self.path(e.model, "onnx"), inputPath: Self.path(e.model, "input.json"))
        let ops = module.functions.flatMap(\.operations)
        let count = { (kind: OpKind) in ops.count { $0.kind == kind } }
        #expect(count(.rmsNorm) == e.rmsNorm, "\(e.model): rms_norm")
        #expect(count(.swiglu) == e.swiglu, "\(e.model): swiglu")
        #expect(count(.silu) == 0, "\(e.model): every silu should feed a swiglu")
        #expect(ops.count { $0.kind == .gelu && $0.attributes["approximate"] == .string("tanh") } == e.gelu, "\(e.model): gelu")
        #expect(ops.count { $0.kind == .softmax && $0.operands.count == 2 } == e.maskedSoftmax, "\(e.model): masked softmax")
        let ropes = ops.filter { $0.kind == .rope }
        #expect(ropes.count == e.rope, "\(e.model): rope")
        for op in ropes {
            #expect(op.attributes["style"] == .string("half") && op.attributes["base"] == .float(10000), "\(e.model): rope \(op.attributes)")
        }
        let attentions = ops.filter { $0.kind == .attention }
        #expect(attentions.count == e.attention.count, "\(e.model): attention")
        for (op, heads) in zip(attentions, e.attention) {
            #expect(op.attributes["heads"] == .int(heads.heads) && op.attributes["kv_heads"] == .int(heads.kvHeads), "\(e.model): \(op.attributes)")
            // A constant causal mask becomes causal = 1 (no mask operand); a computed one stays.
            #expect(op.attributes["scale"] == .float(0.25) && op.attributes["causal"] == .int(heads.causal), "\(e.model): \(op.attributes)")
            #expect(op.operands.count == (heads.causal == 1 ? 3 : 4), "\(e.model): \(op.operands.count) operands")
        }
        for kind in e.absent {
            #expect(count(kind) == 0, "\(e.model): \(kind) left after recognize")
        }
        for op in ops where op.kind == .rmsNorm {
            #expect(op.attributes["epsilon"]?.floatValue.map { abs($0 - 1e-6) < 1e-12 } == true, "\(e.model): epsilon \(String(describing: op.attributes["epsilon"]))")
            #expect(op.origin?.hasSuffix("/Mul_1") == true, "\(e.model): rms_norm origin \(op.origin ?? "nil")")
        }

        let result = try Self.run(module, model: e.model)
        let reference = try ReferenceOutput.load(path: Self.path(e.model, "output.json"))
        let error = try #require(reference.relativeL2Error(of: result), "\(e.model): shape \(result.shape) vs \(reference.shape)")
        #expect(error < 1e-4, "\(e.model): relative L2 error \(error)")
    }

    /// Without `recognize` the same models have none of the named ops, so the counts above are
    /// the pass's doing; with and without it the outputs agree.
    @Test(arguments: ["llama_block", "gpt2_block"])
    func recognizeIsWhatIntroducesTheNamedOps(_ model: String) throws {
        let plain = try Compiler.compile(path: Self.path(model, "onnx"), inputPath: Self.path(model, "input.json"), pipeline: ["canonicalize"])
        let recognized = try Compiler.compile(path: Self.path(model, "onnx"), inputPath: Self.path(model, "input.json"))
        let named: Set<OpKind> = [.rmsNorm, .swiglu, .silu, .gelu, .rope, .attention]
        #expect(!plain.main.operations.contains { named.contains($0.kind) || ($0.kind == .softmax && $0.operands.count == 2) })
        #expect(recognized.main.operations.count < plain.main.operations.count)
        let a = try Self.run(plain, model: model), b = try Self.run(recognized, model: model)
        let reference = ReferenceOutput(shape: a.shape, output: a.asFloats.map(Double.init))
        let error = try #require(reference.relativeL2Error(of: b))
        #expect(error < 1e-5, "\(model): recognized vs primitive relative L2 error \(error)")
    }

    /// Every case of Tests/PassesTests/Inputs/recognize.zkir (positive and negative) computes the
    /// same values before and after `recognize`, on random inputs: the rewrites keep semantics.
    @Test func fileCheckCasesKeepTheirValues() throws {
        let cases = try PassFileCases.run(file: "recognize.zkir", pass: "recognize", seed: 0x9E37_79B9_7F4A_7C15)
        #expect(cases.count >= 20)
        for c in cases {
            #expect(c.expected.count == c.actual.count)
            for (e, a) in zip(c.expected, c.actual) {
                if e.asFloats.contains(where: \.isNaN) {
                    // E.g. sqrt of a negative mean of cubes: NaNs must stay where they were.
                    #expect(e.shape == a.shape && zip(e.asFloats, a.asFloats).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(c.before.main.name)")
                    continue
                }
                let reference = ReferenceOutput(shape: e.shape, output: e.asFloats.map(Double.init))
                let error = try #require(reference.relativeL2Error(of: a), "\(c.before.main.name): shape \(a.shape) vs \(e.shape)")
                #expect(error < 1e-5, "\(c.before.main.name): relative L2 error \(error)")
            }
        }
        let rewritten = cases.filter { $0.after.main.operations.count < $0.before.main.operations.count }.count
        #expect(rewritten >= 9, "positive cases rewritten: \(rewritten)")
    }
}
