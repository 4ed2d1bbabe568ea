import Fields
import Foundation
import TensorIR
import Testing

/// Grammar/examples/*.zkir, located from this file.
func grammarExamples() throws -> [URL] {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Grammar/examples").standardizedFileURL
    return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "zkir" }.sorted { $0.path < $1.path }
}

@Suite struct TextFormTests {
    func sampleFunction() -> Function {
        var f = Function(name: "main")
        let x = f.addArgument(name: "x", type: .f32([16, 64]))
        let w = f.append(.constant, [], type: .f32([64, 64]), attributes: ["name": .string("blk.0.attn_q.weight")])
        let y = f.append(.matmul, [x, w], type: .f32([16, 64]), origin: "MatMul_0")
        let shape = f.append(.constant, [], type: .i64([2]), attributes: ["value": .ints([-1, 32])])
        let r = f.append(.reshape, [y, shape], type: TensorType(.f32, [-1, 32]))
        let halves = f.append(.split, [r], types: [TensorType(.f32, [-1, 16]), TensorType(.f32, [-1, 16])],
                              attributes: ["axis": .int(-1), "num_outputs": .int(2)])
        let c = f.append(.cast, [halves[0]], type: TensorType(.fixed(bits: 32, scale: 12), nil),
                         attributes: ["to": .type(TensorType(.fixed(bits: 32, scale: 12), nil)), "note": .string("a \"quoted\"\n\\ line"),
                                      "eps": .float(1e-5), "scales": .floats([0.5, -2, .infinity]), "empty": .ints([])])
        let t = f.append(.identity, [halves[1]], type: TensorType(.ternary, [0, 3]))
        let b = f.append(.equal, [t, t], type: TensorType(.bool, []))
        let i = f.append(.cast, [b], type: TensorType(.i32, [1]), attributes: ["to": .type(TensorType(.i32, [1]))])
        f.setResults([y, c, i], names: ["y", "", "weird name\t"])
        return f
    }

    @Test func printShowsMLIRLikeSyntax() {
        let text = IRPrinter.print(sampleFunction())
        #expect(text.contains("func @main(%0: tensor<16x64xf32> {name = \"x\"}) -> (tensor<16x64xf32> {name = \"y\"}"))
        #expect(text.contains("%1 = constant @blk.0.attn_q.weight : tensor<64x64xf32>"))
        #expect(text.contains("%2 = matmul %0, %1 : (tensor<16x64xf32>, tensor<64x64xf32>) -> tensor<16x64xf32> loc(\"MatMul_0\")"))
        #expect(text.contains("%3 = constant dense<[-1, 32]> : tensor<2xi64>"))
        #expect(text.contains("%5, %6 = split %4 {axis = -1, num_outputs = 2}"))
        #expect(text.contains("tensor<*x!fx<int32, s=12>>"))
        #expect(text.contains("tensor<0x3x!tern>"))
        #expect(text.contains("tensor<i1>"))
        #expect(text.contains("{empty = array<i64>, eps = 1e-05, note = \"a \\\"quoted\\\"\\n\\\\ line\", scales = array<f64: 0.5, -2.0, inf>, to = tensor<*x!fx<int32, s=12>>}"))
        #expect(text.contains("  return %2, %7, %10\n}"))
    }

    @Test func parseOfPrintIsIdentity() throws {
        let f = sampleFunction()
        let parsed = try IRParser.parseFunction(IRPrinter.print(f))
        #expect(parsed == f)
    }

    @Test func sparseNumberingRoundTripsAsRenumbered() throws {
        var f = sampleFunction()
        f.nextValue += 5
        f.types[ValueID(99)] = .f32([1])
        #expect(f != f.renumbered())
        let parsed = try IRParser.parseFunction(IRPrinter.print(f))
        #expect(parsed == f.renumbered())
    }

    @Test func moduleRoundTripsConstantsAndMetadata() throws {
        var m = Module(functions: [sampleFunction()])
        m.metadata = ["source": "unit test", "a": "b"]
        m.constants["blk.0.attn_q.weight"] = TensorData(floats: Array(repeating: 0.5, count: 64 * 64), shape: [64, 64])
        m.constants["small"] = TensorData(floats: [1.5, -0.1, 3], shape: [3])
        m.constants["ids"] = TensorData(int64s: [7, -9], shape: [2])
        let text = IRPrinter.print(m)
        #expect(text.hasPrefix("meta \"a\" = \"b\"\nmeta \"source\" = \"unit test\"\n"))
        #expect(text.contains("global @blk.0.attn_q.weight : tensor<64x64xf32> = elided"))
        #expect(text.contains("global @small : tensor<3xf32> = dense<[1.5, -0.1, 3.0]>"))
        let parsed = try IRParser.parse(text)
        #expect(parsed.functions == m.functions)
        #expect(parsed.metadata == m.metadata)
        #expect(parsed.constants.names == m.constants.names)
        #expect(try parsed.constants["small"]?.floats() == [1.5, -0.1, 3])
        #expect(try parsed.constants["ids"]?.int64s() == [7, -9])
        #expect(parsed.constants["blk.0.attn_q.weight"]?.elementCount == 64 * 64)
        #expect(IRPrinter.print(parsed) == text)
    }

    @Test func grammarExamplesRoundTrip() throws {
        let files = try grammarExamples()
        #expect(files.count >= 4)
        for url in files {
            let text = try String(contentsOf: url, encoding: .utf8)
            let m = try IRParser.parse(text, file: url.lastPathComponent)
            #expect(!m.functions.isEmpty, "\(url.lastPathComponent)")
            let printed = IRPrinter.print(m)
            let again = try IRParser.parse(printed, file: url.lastPathComponent)
            #expect(again.functions == m.functions, "\(url.lastPathComponent)")
            #expect(IRPrinter.print(again) == printed, "\(url.lastPathComponent)")
        }
    }

    @Test(arguments: [
        ("func @f() -> () {\n  %0 = bogus : () -> tensor<f32>\n  return\n}", 2, "unknown op 'bogus'"),
        ("func @f(%0: tensor<2xf32> {name = \"x\"}) -> (tensor<2xf32> {name = \"y\"}) {\n  return %1\n}", 2, "undefined value %1"),
        ("func @f() -> () {\n  %0 = constant dense<[1]> : tensor<1xi64>\n  %0 = neg %0 : (tensor<1xi64>) -> tensor<1xi64>\n  return\n}", 3, "defined twice"),
        ("func @f(%0: tensor<2xf33> {name = \"x\"}) -> () {\n  return\n}", 1, "unknown element type"),
        ("func @f(%0: tensor<2xf32> {name = \"x\"}) -> () {\n  %1 = neg %0 : (tensor<3xf32>) -> tensor<2xf32>\n  return\n}", 2, "does not match"),
        ("func @f() -> () {\n  %0 = constant dense<[99999999999999999999]> : tensor<1xi64>\n  return\n}", 2, "out of range"),
        ("global @w : tensor<2xf32> = dense<[1.0]>\n", 1, "has 1 values"),
        ("func @f() -> () {\n  %0 = constant @w : tensor<2xf32> loc(\"unterminated\n", 2, "newline in string"),
    ])
    func parseErrorsNamePosition(_ text: String, _ line: Int, _ needle: String) {
        do {
            _ = try IRParser.parse(text, file: "t.zkir")
            Issue.record("expected a parse error")
        } catch {
            guard case .parse(let file, let l, _, let detail) = error else { Issue.record("wrong error \(error)"); return }
            #expect(file == "t.zkir")
            #expect(l == line, "\(error)")
            #expect(detail.contains(needle), "\(error)")
        }
    }

    /// Seeded mutation fuzzing: byte flips, deletions, duplications and truncations of valid text
    /// must give a module or an `IRError.parse`, never a trap.
    @Test func mutatedTextNeverTraps() throws {
        var corpus = [IRPrinter.print(sampleFunction())]
        for url in try grammarExamples() { corpus.append(try String(contentsOf: url, encoding: .utf8)) }
        var rng = SplitMix64(seed: 0x5EED)
        let alphabet = Array("%@<>(){}[]:,=x?*!-.0123456789\"\\ \nfitensordlcp".utf8)
        var parsed = 0
        for iteration in 0..<1500 {
            var bytes = Array(corpus[iteration % corpus.count].utf8)
            for _ in 0..<(1 + Int(rng.next() % 4)) where !bytes.isEmpty {
                let i = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 4 {
                case 0: bytes[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: i)
                case 2: bytes.insert(contentsOf: bytes[i..<min(bytes.count, i + 8)], at: i)
                default: bytes.removeSubrange(i..<bytes.count)
                }
            }
            do {
                _ = try IRParser.parse(String(decoding: bytes, as: UTF8.self))
                parsed += 1
            } catch {
                guard case .parse = error else { Issue.record("unexpected error kind \(error)"); return }
            }
        }
        #expect(parsed < 1500)
    }
}

