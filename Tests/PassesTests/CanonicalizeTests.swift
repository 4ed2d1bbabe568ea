import Passes
import TensorIR
import Testing

@Suite struct CanonicalizeTests {
    /// `links` copies of the torch dynamic-reshape chain, each feeding the next.
    func chain(_ links: Int) -> Function {
        var f = Function(name: "main")
        var x = f.addArgument(name: "x", type: .f32([4, 8]))
        for i in 0..<links {
            let s = f.append(.shape, [x], type: .i64([-1]))
            let idx = f.append(.constant, [], type: .i64([]), attributes: ["value": .ints([0])])
            let g = f.append(.gather, [s, idx], type: TensorType(.i64, nil), attributes: ["axis": .int(0)])
            let ax = f.append(.constant, [], type: .i64([1]), attributes: ["value": .ints([0])])
            let u = f.append(.unsqueeze, [g, ax], type: TensorType(.i64, nil))
            let m = f.append(.constant, [], type: .i64([1]), attributes: ["value": .ints([-1])])
            let c = f.append(.concat, [u, m], type: .i64([-1]), attributes: ["axis": .int(0)])
            let r = f.append(.reshape, [x, c], type: TensorType(.f32, nil))
            x = f.append(i % 2 == 0 ? .relu : .neg, [r], type: TensorType(.f32, nil))
        }
        f.setResults([x], names: ["y"])
        return f
    }

    @Test func longShapeChainsBecomeStaticInOneRun() throws {
        var m = Module(functions: [chain(150)])
        try PassManager(passes: [Canonicalize()]).run(&m)
        let f = m.functions[0]
        #expect(f.operations.map(\.kind) == (0..<150).map { $0 % 2 == 0 ? .relu : .neg })
        #expect(f.types.values.allSatisfy { $0 == .f32([4, 8]) })
    }

    @Test func resultOfCanonicalizeRoundTripsThroughText() throws {
        var m = Module(functions: [chain(3)])
        try Canonicalize().run(on: &m)
        #expect(try IRParser.parse(IRPrinter.print(m)).functions == m.functions)
    }
}
