import ArgumentParser
import Foundation
import Testing
import ZKCCommands

@Suite struct OptCommandTests {
    func temporaryFile(_ name: String, _ contents: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zkc-opt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func canonicalizesFileToOutput() throws {
        let input = try temporaryFile("in.zkir", """
            func @main(%x: tensor<2x3xf32> {name = "x"}) -> (tensor<?xf32> {name = "y"}) {
              %s = constant dense<[-1]> : tensor<1xi64>
              %i = identity %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
              %y = reshape %i, %s : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<?xf32>
              return %y
            }
            """)
        let output = input + ".out"
        var command = try ZKC.parseAsRoot(["opt", input, "--pass", "canonicalize", "-o", output])
        try command.run()
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains("-> (tensor<6xf32> {name = \"y\"})"))
        #expect(text.contains("%2 = reshape %0, %1 : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<6xf32>"))
        #expect(!text.contains("identity"))
    }

    @Test func parseErrorExitsWithFailure() throws {
        let input = try temporaryFile("bad.zkir", "func @main() -> () {\n  %0 = nonsense : () -> tensor<f32>\n  return\n}\n")
        var command = try ZKC.parseAsRoot(["opt", input, "--pass", "canonicalize"])
        #expect(throws: ExitCode.failure) { try command.run() }
    }

    @Test func unknownPassExitsWithFailure() throws {
        let input = try temporaryFile("ok.zkir", "func @main() -> () {\n  return\n}\n")
        var command = try ZKC.parseAsRoot(["opt", input, "--pass", "no-such-pass"])
        #expect(throws: ExitCode.failure) { try command.run() }
    }

    @Test func helpListsOpt() {
        #expect(ZKC.helpMessage().contains("opt"))
    }
}
