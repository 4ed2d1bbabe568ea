import Foundation
import TensorIR
import Testing
import ZKCompiler

/// Every GGUF model in Models/gguf, imported and run by the float interpreter through the
/// driver (`zkc run` path), matches the numpy reference logits of the generator.
@Suite struct InterpreterEndToEndTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Models/gguf")

    static let models = ["tiny_llama_f32", "tiny_llama_q8_0", "tiny_bitnet_tq2_0", "tiny_bitnet_tq1_0"]

    struct Reference: Decodable {
        var shape: [Int]
        var output: [Double]
    }

    @Test(arguments: models)
    func interpreterMatchesTheNumpyReference(name: String) throws {
        let model = Self.directory.appendingPathComponent("\(name).gguf").path
        let tokens = Self.directory.appendingPathComponent("\(name).tokens.json").path
        let reference = try JSONDecoder().decode(
            Reference.self, from: Data(contentsOf: Self.directory.appendingPathComponent("\(name).output.json")))
        let result = try FloatRunner.run(modelPath: model, inputPath: tokens)
        #expect(result.shape == reference.shape)
        let got = result.asFloats.map(Double.init)
        try #require(got.count == reference.output.count)
        var diff = 0.0, norm = 0.0
        for (a, b) in zip(got, reference.output) {
            diff += (a - b) * (a - b)
            norm += b * b
        }
        let relative = (diff / max(norm, 1e-30)).squareRoot()
        #expect(relative < 1e-4, "relative L2 error \(relative)")
    }

    @Test func ggufWithoutSequenceLengthIsATypedError() {
        let model = Self.directory.appendingPathComponent("tiny_llama_f32.gguf").path
        #expect(throws: DriverError.self) { try ModelLoader.load(path: model) }
    }
}
