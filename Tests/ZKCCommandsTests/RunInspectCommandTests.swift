import ArgumentParser
import Foundation
import Testing
import ZKCCommands

@Suite struct RunInspectCommandTests {
    static let models: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/Models/onnx"
    }()

    @Test func helpListsRunAndInspect() {
        let help = ZKC.helpMessage()
        #expect(help.contains("run"))
        #expect(help.contains("inspect"))
    }

    @Test func runAndInspectSucceedOnAModel() throws {
        var run = try ZKC.parseAsRoot(["run", Self.models + "/mlp.onnx", "--input", Self.models + "/mlp.input.json", "--float", "--json"])
        try run.run()
        var inspect = try ZKC.parseAsRoot(["inspect", Self.models + "/tiny_llama.onnx"])
        try inspect.run()
    }

    @Test func badModelExitsWithCode1() throws {
        var run = try ZKC.parseAsRoot(["run", Self.models + "/bad/unknown_op.onnx", "--input", Self.models + "/mlp.input.json"])
        #expect(throws: ExitCode(1)) { try run.run() }
        var inspect = try ZKC.parseAsRoot(["inspect", Self.models + "/missing.onnx"])
        #expect(throws: ExitCode(1)) { try inspect.run() }
    }
}
