import Fields
import Foundation
import Passes
import TensorIR
import Testing

/// Seeded mutation fuzzing of the whole `zkc opt` path: any text either fails with a typed error
/// or parses, verifies, canonicalizes and prints — never traps or hangs.
@Suite struct RobustnessTests {
    /// Indices from the shared seeded generator (modulo bias is irrelevant for fuzzing).
    struct RNG {
        var generator: SplitMix64
        init(state: UInt64) { generator = SplitMix64(seed: state) }
        mutating func next(_ bound: Int) -> Int { Int(generator.next() % UInt64(max(bound, 1))) }
    }

    @Test func mutatedInputsNeverTrapThroughCanonicalize() throws {
        var corpus: [String] = []
        for name in inputFiles() {
            let text = try String(contentsOfFile: inputsDirectory.appendingPathComponent(name).path, encoding: .utf8)
            corpus += text.components(separatedBy: "// -----")
        }
        let grammar = inputsDirectory.appendingPathComponent("../../../Grammar/examples").standardizedFileURL
        for name in (try? FileManager.default.contentsOfDirectory(atPath: grammar.path)) ?? [] where name.hasSuffix(".zkir") {
            corpus.append(try String(contentsOfFile: grammar.appendingPathComponent(name).path, encoding: .utf8))
        }
        #expect(corpus.count >= 10)
        let tokens = ["0", "-1", "1", "2", "?", "x", "%0", "%1", "9223372036854775807", "-9223372036854775808",
                      "1099511627776", "0x", "*x", ",", "[", "]", "{", "}", "(", ")", "1.5", "axis", "dense<[0]>",
                      "i64", "f32", "!tern", "i1", "-100", "100"]
        var rng = RNG(state: 0xC0FFEE)
        var survived = 0
        for iteration in 0..<1200 {
            var text = corpus[iteration % corpus.count]
            for _ in 0..<(1 + rng.next(3)) {
                var chars = Array(text.unicodeScalars)
                guard !chars.isEmpty else { break }
                let i = rng.next(chars.count)
                let j = min(chars.count, i + rng.next(6))
                switch rng.next(3) {
                case 0: chars.replaceSubrange(i..<j, with: tokens[rng.next(tokens.count)].unicodeScalars)
                case 1: chars.removeSubrange(i..<j)
                default:
                    // Replace one number with another.
                    chars.replaceSubrange(i..<min(chars.count, i + 1), with: tokens[rng.next(8)].unicodeScalars)
                }
                var s = ""
                s.unicodeScalars.append(contentsOf: chars)
                text = s
            }
            guard var module = try? IRParser.parse(text) else { continue }
            _ = IRPrinter.print(module)
            guard (try? Verifier.verify(module)) != nil else { continue }
            survived += 1
            if (try? Canonicalize().run(on: &module)) != nil {
                _ = IRPrinter.print(module)
                _ = try? Verifier.verify(module)
            }
        }
        #expect(survived > 0)
    }

    @Test func canonicalizeOutputVerifiesAndIsAFixpoint() throws {
        let text = try String(contentsOfFile: inputsDirectory.appendingPathComponent("canonicalize.zkir").path, encoding: .utf8)
        for chunk in text.components(separatedBy: "// -----") {
            var module = try IRParser.parse(chunk)
            try PassManager(names: ["canonicalize"]).run(&module)
            let once = IRPrinter.print(module)
            try PassManager(names: ["canonicalize"]).run(&module)
            #expect(IRPrinter.print(module) == once)
        }
    }
}
