import TensorIR
import Testing

@Suite struct FunctionBuilderTests {
    @Test func appendedOpsGetFreshTypedValues() {
        var f = Function(name: "main")
        let x = f.addArgument(name: "x", type: .f32([2, 4]))
        let w = f.append(.constant, [], type: .f32([4, 3]), attributes: ["name": .string("w")])
        let y = f.append(.matmul, [x, w], type: .f32([2, 3]), origin: "MatMul_0")
        f.setResults([y], names: ["y"])
        #expect(Set([x, w, y]).count == 3)
        #expect(f.type(of: y) == .f32([2, 3]))
        #expect(f.operations.map(\.kind) == [.constant, .matmul])
        #expect(f.operations[1].origin == "MatMul_0")
    }

    @Test func constantTableKeepsInsertionOrder() throws {
        var table = ConstantTable()
        table["b"] = TensorData(floats: [1, 2], shape: [2])
        table["a"] = TensorData(int64s: [3], shape: [1])
        #expect(table.names == ["b", "a"])
        #expect(try table["a"]?.floats() == [3])
        table["b"] = nil
        #expect(table.names == ["a"])
    }
}
