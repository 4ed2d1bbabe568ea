import Foundation
import TensorIR
import Testing
import ZKCompiler

/// The compile pipeline (import → canonicalize, verified after every pass) on every bundled
/// model, and the canonicalized module still computes the reference output.
@Suite struct CompilePipelineTests {
    static let models = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Models")

    static let cases: [(model: String, input: String, reference: String)] = {
        let onnx = ["mlp", "cnn", "llama_block", "tiny_llama", "gpt2_block", "dynamic_mlp", "external_mlp"].map {
            ("onnx/\($0).onnx", "onnx/\($0).input.json", "onnx/\($0).output.json")
        }
        let gguf = ["tiny_llama_f32", "tiny_llama_q8_0", "tiny_bitnet_tq2_0", "tiny_bitnet_tq1_0"].map {
            ("gguf/\($0).gguf", "gguf/\($0).tokens.json", "gguf/\($0).output.json")
        }
        return onnx + gguf
    }()

    @Test(arguments: cases.map(\.model))
    func canonicalizedModelStillMatchesTheReference(model: String) throws {
        let entry = try #require(Self.cases.first { $0.model == model })
        let path = { (p: String) in Self.models.appendingPathComponent(p).path }
        let module = try Compiler.compile(path: path(entry.model), inputPath: path(entry.input))
        // Shapes are static after canonicalize.
        for f in module.functions {
            for op in f.operations {
                for r in op.results {
                    #expect(f.type(of: r)?.isStatic == true, "\(model): \(op.kind) (\(op.origin ?? "?")) has a dynamic result type")
                }
            }
        }
        let inputs = try ModelInput.load(path: path(entry.input), for: module.main)
        let result = try #require(try Interpreter(module: module).run(inputs: inputs).first)
        let reference = try ReferenceOutput.load(path: path(entry.reference))
        let error = try #require(reference.relativeL2Error(of: result), "\(model): shape \(result.shape) vs \(reference.shape)")
        #expect(error < 1e-4, "\(model): relative L2 error \(error)")
    }

    @Test func canonicalizeFoldsTheDynamicShapeArithmetic() throws {
        let path = Self.models.appendingPathComponent("onnx/dynamic_mlp.onnx").path
        let before = try ModelLoader.load(path: path, options: LoadOptions(dimBindings: ["batch": 2]))
        let after = try Compiler.compile(path: path, options: LoadOptions(dimBindings: ["batch": 2]))
        let kinds = { (m: Module) in Set(m.main.operations.map(\.kind)) }
        #expect(kinds(before).contains(.shape))
        #expect(!kinds(after).contains(.shape))
        #expect(!kinds(after).contains(.concat))
    }
}
