import Passes
import TensorIR

/// Runs one `.zkir` test file: its `// RUN: zkc opt %s --pass NAME…` line, split at `// -----`,
/// each chunk's CHECK directives against that chunk's output, and `expected-error {{…}}`
/// directives (optionally `expected-error@+N` / `@-N` for a parse error's line) against the
/// chunk's error.
enum ZkirTestRunner {
    static func run(_ text: String, file: String) -> [FileCheck.Failure] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let runIndex = lines.firstIndex(where: { $0.contains("// RUN:") }) else {
            return [FileCheck.Failure(line: 1, message: "no // RUN: line")]
        }
        let words = lines[runIndex].split(separator: " ").map(String.init)
        guard let zkc = words.firstIndex(of: "zkc"), zkc + 2 < words.count, words[zkc + 1] == "opt", words[zkc + 2] == "%s" else {
            return [FileCheck.Failure(line: runIndex + 1, message: "RUN line must be 'zkc opt %s [--pass NAME]…'")]
        }
        var passes: [String] = []
        var printAfter: [String] = []
        var i = zkc + 3
        while i < words.count {
            switch words[i] {
            case "--pass" where i + 1 < words.count: passes.append(words[i + 1]); i += 2
            case "--print-after" where i + 1 < words.count: printAfter.append(words[i + 1]); i += 2
            default: return [FileCheck.Failure(line: runIndex + 1, message: "unknown RUN option '\(words[i])'")]
            }
        }
        var failures: [FileCheck.Failure] = []
        var chunkStart = 0
        var boundaries = lines.indices.filter { lines[$0].trimmingCharacters() == "// -----" }
        boundaries.append(lines.count)
        for end in boundaries {
            // Keep file line numbers: blank out every line outside the chunk.
            let chunk = lines.indices.map { $0 >= chunkStart && $0 < end ? String(lines[$0]) : "" }.joined(separator: "\n")
            let chunkText = lines[chunkStart..<end].joined(separator: "\n")
            failures += runChunk(chunk, directivesText: chunkText, firstLine: chunkStart + 1, file: file,
                                 passes: passes, printAfter: OptDriver.printAfter(printAfter))
            chunkStart = end + 1
        }
        return failures
    }

    struct ExpectedError {
        var line: Int
        var targetLine: Int
        var text: String
    }

    static func expectedErrors(_ text: String, firstLine: Int) -> [ExpectedError] {
        var out: [ExpectedError] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let r = line.range(of: "expected-error") else { continue }
            var rest = line[r.upperBound...]
            var offset = 0
            if rest.hasPrefix("@") {
                let digits = rest.dropFirst().prefix { $0 == "+" || $0 == "-" || $0.isNumber }
                offset = Int(digits) ?? 0
                rest = rest.dropFirst(1 + digits.count)
            }
            guard let open = rest.range(of: "{{"), let close = rest.range(of: "}}", range: open.upperBound..<rest.endIndex) else { continue }
            out.append(ExpectedError(line: firstLine + i, targetLine: firstLine + i + offset,
                                     text: String(rest[open.upperBound..<close.lowerBound])))
        }
        return out
    }

    static func runChunk(
        _ chunk: String, directivesText: String, firstLine: Int, file: String, passes: [String],
        printAfter: PassManager.PrintAfter
    ) -> [FileCheck.Failure] {
        let expected = expectedErrors(directivesText, firstLine: firstLine)
        let dumps = DumpCollector()
        let output: String
        do {
            output = try OptDriver.run(chunk, file: file, passes: passes, printAfter: printAfter) { dumps.append($0) }
        } catch {
            guard let first = expected.first else {
                return [FileCheck.Failure(line: firstLine, message: "unexpected error: \(error)")]
            }
            let message = "\(error)"
            if !message.contains(first.text) {
                return [FileCheck.Failure(line: first.line, message: "expected error containing '\(first.text)', got: \(message)")]
            }
            if case IRError.parse(_, let line, _, _)? = error as? IRError, line != first.targetLine {
                return [FileCheck.Failure(line: first.line, message: "expected the error on line \(first.targetLine), got: \(message)")]
            }
            return expected.dropFirst().map { FileCheck.Failure(line: $0.line, message: "only one error per chunk is reported; split with // -----") }
        }
        if let first = expected.first {
            return [FileCheck.Failure(line: first.line, message: "expected error '\(first.text)' was not produced")]
        }
        var checker = FileCheck()
        let directives = FileCheck.directives(in: directivesText, firstLine: firstLine)
        if let failure = checker.match(dumps.text + output, directives) { return [failure] }
        return []
    }
}

/// Collects `--print-after` dumps from the pass manager's sink.
final class DumpCollector: @unchecked Sendable {
    private var parts: [String] = []
    func append(_ s: String) { parts.append(s) }
    var text: String { parts.joined() }
}

extension Substring {
    func trimmingCharacters() -> String { trimmingBlanks() }
}
