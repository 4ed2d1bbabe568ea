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

struct Reference: Decodable {
    var shape: [Int]
    var output: [Double]
}

@Suite struct ModelReferenceTests {
    @Test(arguments: Fixtures.models)
    func floatRunMatchesOnnxruntime(_ name: String) throws {
        let base = Fixtures.onnxDir + "/" + name
        let result = try FloatRunner.run(modelPath: base + ".onnx", inputPath: base + ".input.json")
        let refData = try #require(FileManager.default.contents(atPath: base + ".output.json"))
        let ref = try JSONDecoder().decode(Reference.self, from: refData)
        #expect(result.shape == ref.shape)
        let got = result.asFloats
        try #require(got.count == ref.output.count)
        var num = 0.0, den = 0.0
        for (g, r) in zip(got, ref.output) { num += (Double(g) - r) * (Double(g) - r); den += r * r }
        let rel = (num / max(den, 1e-30)).squareRoot()
        #expect(rel < 1e-4, "\(name): relative L2 error \(rel)")
    }
}
