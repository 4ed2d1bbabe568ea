import Foundation
import Testing
import TensorIR
import ZKCompiler

/// Repository paths for test fixtures.
enum Fixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let onnxDir = root + "/Models/onnx"
    static let models = ["mlp", "cnn", "llama_block", "tiny_llama", "gpt2_block", "dynamic_mlp", "external_mlp"]
}

@Suite struct ModelReferenceTests {
    @Test(arguments: Fixtures.models)
    func floatRunMatchesOnnxruntime(_ name: String) throws {
        let base = Fixtures.onnxDir + "/" + name
        let result = try FloatRunner.run(modelPath: base + ".onnx", inputPath: base + ".input.json")
        let reference = try ReferenceOutput.load(path: base + ".output.json")
        let error = try #require(reference.relativeL2Error(of: result), "\(name): shape \(result.shape) vs \(reference.shape)")
        #expect(error < 1e-4, "\(name): relative L2 error \(error)")
    }
}
