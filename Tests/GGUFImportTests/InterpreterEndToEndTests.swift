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

    @Test(arguments: models)
    func interpreterMatchesTheNumpyReference(name: String) throws {
        let model = Self.directory.appendingPathComponent("\(name).gguf").path
        let tokens = Self.directory.appendingPathComponent("\(name).tokens.json").path
        let reference = try ReferenceOutput.load(path: Self.directory.appendingPathComponent("\(name).output.json").path)
        let result = try FloatRunner.run(modelPath: model, inputPath: tokens)
        let error = try #require(reference.relativeL2Error(of: result), "\(name): shape \(result.shape) vs \(reference.shape)")
        #expect(error < 1e-4, "\(name): relative L2 error \(error)")
    }

    @Test func ggufWithoutSequenceLengthIsATypedError() {
        let model = Self.directory.appendingPathComponent("tiny_llama_f32.gguf").path
        #expect(throws: DriverError.self) { try ModelLoader.load(path: model) }
    }
}
