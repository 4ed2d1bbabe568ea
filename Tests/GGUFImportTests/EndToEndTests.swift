import Foundation
import Testing
import TensorIR
@testable import GGUFImport

/// Imported graphs evaluated op by op (float64, `ReferenceEvaluator`) match the numpy forward
/// pass in `Models/generate_gguf.py` — which covers both RoPE styles (llama: adjacent,
/// bitnet: half), GQA, tied and separate outputs, Q8_0 and ternary weights.
@Suite struct EndToEndTests {
    @Test(arguments: modelNames)
    func importedGraphMatchesTheNumpyReference(name: String) throws {
        let tokens = try TokenInput.load(path: modelsDirectory + "/\(name).tokens.json", vocabularySize: 256)
        let module = try GGUFImporter.importModel(path: modelPath(name), seqLen: tokens.count)
        let logits = try ReferenceEvaluator(module: module).run(tokens: tokens)
        let reference = try loadJSON(name + ".output.json")
        #expect(logits.shape == (reference["shape"] as? [Int]))
        let expected = try #require(reference["output"] as? [Double])
        let error = relativeL2(logits.data, expected)
        #expect(error < 1e-6, "relative L2 \(error)")
    }

    @Test func swappingTheRopeStyleBreaksTheMatch() throws {
        // The check above can fail: the same llama graph with NEOX rotation is far off.
        let name = "tiny_llama_f32"
        let tokens = try TokenInput.load(path: modelsDirectory + "/\(name).tokens.json")
        var module = try GGUFImporter.importModel(path: modelPath(name), seqLen: tokens.count)
        for i in module.main.operations.indices where module.main.operations[i].kind == .rope {
            module.main.operations[i].attributes["style"] = .string("half")
        }
        let logits = try ReferenceEvaluator(module: module).run(tokens: tokens)
        let expected = try #require(try loadJSON(name + ".output.json")["output"] as? [Double])
        #expect(relativeL2(logits.data, expected) > 1e-3)
    }
}
