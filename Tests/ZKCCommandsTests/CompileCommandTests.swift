import ArgumentParser
import Foundation
import Testing
import ZKCCommands

@Suite struct CompileCommandTests {
    static let models: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/Models"
    }()

    func output(of arguments: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zkc-compile-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var command = try ZKC.parseAsRoot(arguments + ["-o", path])
        try command.run()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func emitsCanonicalizedIRWithStaticShapes() throws {
        let text = try output(of: ["compile", Self.models + "/onnx/dynamic_mlp.onnx",
                                   "--input", Self.models + "/onnx/dynamic_mlp.input.json"])
        #expect(text.contains("func @main("))
        #expect(!text.contains(" shape "))       // the Shape → … → Reshape chain is folded
        #expect(!text.contains("?x"))            // no unknown dims remain
    }

    @Test func emitsStatisticsAsJSON() throws {
        let text = try output(of: ["compile", Self.models + "/gguf/tiny_llama_q8_0.gguf", "--seq-len", "8",
                                   "--emit", "stats", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Int])
        #expect(object["op attention"] == 2)   // two decoder blocks
        #expect(object["constants"] == 20)
    }

    @Test func badInputsExitWithCode1() throws {
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("zkc-bad-\(UUID().uuidString).zkir").path
        try "func @main(%0: tensor<2xf32>) -> (tensor<2xf32>) {\n  %1 = frobnicate %0\n}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: bad) }
        for arguments in [
            ["compile", bad],
            ["compile", Self.models + "/gguf/tiny_llama_f32.gguf"],  // no sequence length
            ["compile", Self.models + "/onnx/bad/unknown_op.onnx"],
            ["compile", Self.models + "/onnx/mlp.onnx", "--print-after", "no-such-pass"],
        ] {
            var command = try ZKC.parseAsRoot(arguments)
            #expect(throws: ExitCode(1), "\(arguments)") { try command.run() }
        }
    }

    @Test func inspectDescribesGGUFArchitecture() throws {
        let report = try InspectCommand.report(Self.models + "/gguf/tiny_llama_q8_0.gguf")
        #expect(report.contains("llama.attention.head_count_kv"))
        #expect(report.contains("blk.0.attn_q.weight"))
        #expect(report.contains("Q8_0"))
    }
}
