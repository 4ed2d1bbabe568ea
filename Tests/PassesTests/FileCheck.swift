/// A small FileCheck (LLVM's test matcher) for `.zkir` pass tests.
///
/// Directives (in `//` comments): `CHECK:`, `CHECK-NEXT:`, `CHECK-SAME:`, `CHECK-NOT:`, `CHECK-LABEL:`.
/// Patterns are literal text with `{{regex}}`, `[[NAME:regex]]` (define) and `[[NAME]]` (use);
/// runs of blanks match any run of blanks. Matching is line-based, in order.
struct FileCheck {
    enum Kind: String {
        case check = "CHECK", next = "CHECK-NEXT", same = "CHECK-SAME", not = "CHECK-NOT", label = "CHECK-LABEL"
    }

    struct Directive {
        var kind: Kind
        var pattern: String
        var line: Int
    }

    struct Failure: Error, Equatable {
        var line: Int
        var message: String
    }

    /// Directives in `text`; `firstLine` is the file line number of `text`'s first line.
    static func directives(in text: String, firstLine: Int) -> [Directive] {
        var out: [Directive] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let slash = raw.range(of: "//") else { continue }
            let comment = raw[slash.upperBound...].drop { $0 == " " }
            for kind in [Kind.next, .same, .not, .label, .check] where comment.hasPrefix(kind.rawValue + ":") {
                let pattern = comment.dropFirst(kind.rawValue.count + 1).trimmingBlanks()
                out.append(Directive(kind: kind, pattern: pattern, line: firstLine + i))
                break
            }
        }
        return out
    }

    var variables: [String: String] = [:]

    /// Builds the regex for `pattern` with the current variables; returns it and the names it defines.
    func regex(for pattern: String, line: Int) throws(Failure) -> (Regex<AnyRegexOutput>, [String]) {
        var source = ""
        var defines: [String] = []
        var rest = Substring(pattern)
        var lastWasBlank = false
        while let c = rest.first {
            if rest.hasPrefix("{{"), let end = rest.range(of: "}}") {
                source += "(?:" + rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound] + ")"
                rest = rest[end.upperBound...]
                lastWasBlank = false
                continue
            }
            if rest.hasPrefix("[["), let end = rest.range(of: "]]") {
                let body = rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound]
                if let colon = body.firstIndex(of: ":") {
                    let name = String(body[..<colon])
                    source += "(?<\(name)>" + body[body.index(after: colon)...] + ")"
                    defines.append(name)
                } else {
                    guard let value = variables[String(body)] else {
                        throw Failure(line: line, message: "use of undefined variable [[\(body)]]")
                    }
                    source += Self.escape(value)
                }
                rest = rest[end.upperBound...]
                lastWasBlank = false
                continue
            }
            rest = rest.dropFirst()
            if c == " " || c == "\t" {
                if !lastWasBlank { source += "[ \\t]+" }
                lastWasBlank = true
            } else {
                source += Self.escape(String(c))
                lastWasBlank = false
            }
        }
        do {
            return (try Regex(source), defines)
        } catch {
            throw Failure(line: line, message: "bad pattern '\(pattern)': \(error)")
        }
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            if "\\^$.|?*+()[]{}/-".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Checks `output` against `directives`; returns the first failure.
    ///
    /// As in LLVM FileCheck, the CHECK-LABEL lines are matched first, in order; they split the
    /// output into blocks, and every other directive must match inside the block of the label
    /// that precedes it, so a CHECK cannot pass by matching text of the next function.
    mutating func match(_ output: String, _ directives: [Directive]) -> Failure? {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var line = 0, column = 0
        var lastMatchLine = -1
        var pendingNots: [Directive] = []
        do throws(Failure) {
            var labelLines: [Int: Int] = [:]  // directive index → output line of its label
            var searchFrom = 0
            for (i, d) in directives.enumerated() where d.kind == .label {
                let (re, _) = try regex(for: d.pattern, line: d.line)
                guard let l = (searchFrom..<max(searchFrom, lines.count)).first(where: { (try? re.firstMatch(in: lines[$0])) != nil }) else {
                    return Failure(line: d.line, message: "CHECK-LABEL: '\(d.pattern)' not found after the previous label\nOutput:\n\(output)")
                }
                labelLines[i] = l
                searchFrom = l + 1
            }
            for (i, d) in directives.enumerated() {
                if d.kind == .not { pendingNots.append(d); continue }
                // The block ends at the next label's line.
                let blockEnd = labelLines.filter { $0.key > i }.min { $0.key < $1.key }?.value ?? lines.count
                let (re, defines) = try regex(for: d.pattern, line: d.line)
                var found: (line: Int, end: Int, match: Regex<AnyRegexOutput>.Match)?
                let candidates = switch d.kind {
                case .next: [lastMatchLine + 1]
                case .same: [lastMatchLine]
                case .label: [labelLines[i] ?? lines.count]
                default: Array(line..<max(line, blockEnd))
                }
                for l in candidates where l >= 0 && l < lines.count && (d.kind == .label || l < blockEnd) {
                    let start = l == line ? column : 0
                    let text = lines[l].dropFirst(start)
                    if let m = try? re.firstMatch(in: text) {
                        found = (l, start + text.distance(from: text.startIndex, to: m.range.upperBound), m)
                        break
                    }
                }
                guard let found else {
                    let what = switch d.kind {
                    case .next: "on the line after the previous match"
                    case .same: "on the same line after the previous match"
                    case .label: "at its label line (it matched before the previous directive's match)"
                    default: blockEnd < lines.count ? "before the next CHECK-LABEL" : "in the output"
                    }
                    return Failure(line: d.line, message: "\(d.kind.rawValue): '\(d.pattern)' not found \(what)\nOutput:\n\(output)")
                }
                if let failure = try checkNots(pendingNots, lines, from: (line, column), to: found.line) { return failure }
                pendingNots = []
                for name in defines {
                    if let sub = found.match.output[name]?.substring { variables[name] = String(sub) }
                }
                (line, column, lastMatchLine) = (found.line, found.end, found.line)
            }
            return try checkNots(pendingNots, lines, from: (line, column), to: lines.count)
        } catch {
            return error
        }
    }

    func checkNots(_ nots: [Directive], _ lines: [String], from: (Int, Int), to: Int) throws(Failure) -> Failure? {
        for d in nots {
            let (re, _) = try regex(for: d.pattern, line: d.line)
            for l in from.0..<max(from.0, min(to, lines.count)) {
                let text = lines[l].dropFirst(l == from.0 ? from.1 : 0)
                if (try? re.firstMatch(in: text)) != nil {
                    return Failure(line: d.line, message: "CHECK-NOT: '\(d.pattern)' found in line: \(lines[l])")
                }
            }
        }
        return nil
    }
}

extension Substring {
    func trimmingBlanks() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
