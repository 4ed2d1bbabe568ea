import Foundation
import TensorIR
import Testing

@Suite struct VerifierTests {
    @Test func grammarExamplesVerify() throws {
        for url in try grammarExamples() {
            let m = try IRParser.parse(try String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
            #expect(throws: Never.self, "\(url.lastPathComponent)") { try Verifier.verify(m) }
        }
    }

    func verifyError(_ body: String, globals: String = "") -> String? {
        let text = globals + "func @f(%x: tensor<2x3xf32> {name = \"x\"}) -> () {\n" + body + "\n  return\n}\n"
        do {
            try Verifier.verify(try IRParser.parse(text))
            return nil
        } catch {
            guard case .invalid(let function, let op, let detail) = error else { return "unexpected \(error)" }
            return "\(function)|\(op)|\(detail)"
        }
    }

    @Test func reportsFunctionOpOriginAndProblem() {
        let e = verifyError("  %1 = matmul %x, %x : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32> loc(\"MatMul_7\")")
        #expect(e == "f|'matmul' (MatMul_7) #0|matmul inner dimensions 3 and 2 differ")
    }

    @Test(arguments: [
        ("  %1 = add %x : (tensor<2x3xf32>) -> tensor<2x3xf32>", "expects 2 operands, has 1"),
        ("  %1 = concat %x : (tensor<2x3xf32>) -> tensor<2x3xf32>", "missing required attribute 'axis'"),
        ("  %1 = softmax %x {axis = 1.5} : (tensor<2x3xf32>) -> tensor<2x3xf32>", "attribute 'axis' has the wrong kind"),
        ("  %1 = constant @nope : tensor<2xf32>", "constant @nope is not defined"),
        ("  %1 = constant @w : tensor<3xf32>", "constant @w has type tensor<2xf32>"),
        ("  %1 = constant dense<[1, 2, 3]> : tensor<2xi64>", "has 3 values but its type"),
        ("  %1 = add %x, %x : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<3x2xf32>", "operands give shape [2, 3]"),
        ("  %1 = constant dense<[4, 2]> : tensor<2xi64>\n  %2 = reshape %x, %1 : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<?x?xf32>", "cannot reshape 6 elements"),
        ("  %1, %2 = relu %x : (tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>)", "expects 1 result, has 2"),
        ("  %1 = shape %x : (tensor<2x3xf32>) -> tensor<2xi32>", "shape must produce i64, not i32"),
        ("  %1 = equal %x, %x : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>", "equal must produce i1"),
        ("  %1 = constant dense<[1]> : tensor<1xi64>\n  %2 = add %x, %1 : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2x3xf32>", "mixes f32 with i64"),
        ("  %1 = constant dense<[6.0]> : tensor<1xf32>\n  %2 = reshape %x, %1 : (tensor<2x3xf32>, tensor<1xf32>) -> tensor<6xf32>", "operand 1 must be an integer tensor, not f32"),
        ("  %1 = where %x, %x, %x : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>", "condition must be i1"),
    ])
    func rejectsInvalidOps(_ body: String, _ needle: String) {
        let e = verifyError(body, globals: "global @w : tensor<2xf32> = elided\n")
        #expect(e?.contains(needle) == true, "\(e ?? "no error")")
    }

    @Test func rejectsUseBeforeDefinitionAndUndefinedResults() {
        var f = Function(name: "g")
        let x = f.addArgument(name: "x", type: .f32([2]))
        let later = ValueID(5)
        f.operations.append(Operation(.neg, operands: [later], results: [ValueID(1)]))
        f.types[ValueID(1)] = .f32([2])
        f.nextValue = 2
        #expect(throws: IRError.invalid(function: "g", op: "'neg' #0", detail: "operand %5 is used before it is defined")) {
            try Verifier.verify(f, constants: nil)
        }
        f.operations[0].operands = [x]
        f.setResults([ValueID(9)], names: ["y"])
        #expect(throws: IRError.invalid(function: "g", op: "return", detail: "returned value %9 is not defined")) {
            try Verifier.verify(f, constants: nil)
        }
        f.setResults([ValueID(1)], names: ["y"])
        #expect(throws: Never.self) { try Verifier.verify(f, constants: nil) }
    }
}

@Suite struct ShapeInferenceTests {
    func infer(_ kind: OpKind, _ shapes: [[Int]?], values: [[Int64]?] = [], results: Int = 1,
               _ attributes: [String: Attribute] = [:]) -> ShapeInference.Inference {
        let op = Operation(kind, operands: shapes.indices.map { ValueID($0) },
                           results: (0..<results).map { ValueID(100 + $0) }, attributes: attributes)
        let vals = shapes.indices.map { $0 < values.count ? values[$0] : nil }
        return ShapeInference.infer(op, operandTypes: shapes.map { TensorType(.f32, $0) }, operandValues: vals)
    }

    @Test func broadcastingAndMatmul() {
        #expect(infer(.add, [[2, 1, 4], [3, 1]]) == .shapes([[2, 3, 4]]))
        #expect(infer(.add, [[2, 3], [4]]) == .conflict("shapes [2, 3] and [4] do not broadcast"))
        #expect(infer(.matmul, [[5, 2, 3], [3, 7]]) == .shapes([[5, 2, 7]]))
        #expect(infer(.matmul, [[3], [3, 7]]) == .shapes([[7]]))
        #expect(infer(.matmul, [[-1, 4], [4, 8]]) == .shapes([[-1, 8]]))
        #expect(infer(.gemm, [[4, 3], [5, 4]], ["trans_a": .int(1), "trans_b": .int(1)]) == .shapes([[3, 5]]))
    }

    @Test func valueDependentShapes() {
        #expect(infer(.reshape, [[2, 3, 4], [3]], values: [nil, [0, -1, 2]]) == .shapes([[2, 6, 2]]))
        #expect(infer(.reshape, [[2, 3, 4], [2]]) == .shapes([[-1, -1]]))
        #expect(infer(.slice, [[10, 8], [1], [1], [1], [1]], values: [nil, [1], [-1], [1], [2]]) == .shapes([[10, 3]]))
        #expect(infer(.slice, [[10], [1], [1], [1], [1]], values: [nil, [-1], [-100], [0], [-1]]) == .shapes([[10]]))
        #expect(infer(.unsqueeze, [[3, 4], [2]], values: [nil, [0, -1]]) == .shapes([[1, 3, 4, 1]]))
        #expect(infer(.squeeze, [[1, 3, 1], [1]], values: [nil, [2]]) == .shapes([[1, 3]]))
        #expect(infer(.expand, [[3, 1], [3]], values: [nil, [2, 1, 5]]) == .shapes([[2, 3, 5]]))
        #expect(infer(.range, [[], [], []], values: [[0], [10], [3]]) == .shapes([[4]]))
        #expect(infer(.constantOfShape, [[2]], values: [[4, 5]]) == .shapes([[4, 5]]))
        #expect(infer(.split, [[6, 2], [3]], values: [nil, [1, 2, 3]], results: 3) == .shapes([[1, 2], [2, 2], [3, 2]]))
        #expect(infer(.split, [[7]], results: 2, ["num_outputs": .int(2)]) == .shapes([[4], [3]]))
    }

    @Test func structuralOps() {
        #expect(infer(.transpose, [[2, 3, 4]], ["perm": .ints([2, 0, 1])]) == .shapes([[4, 2, 3]]))
        #expect(infer(.concat, [[2, 3], [2, 5]], ["axis": .int(-1)]) == .shapes([[2, 8]]))
        #expect(infer(.gather, [[10, 4], [2, 3]], ["axis": .int(0)]) == .shapes([[2, 3, 4]]))
        #expect(infer(.shape, [[2, 3, 4]], ["start": .int(1)]) == .shapes([[2]]))
        #expect(infer(.reduceMean, [[2, 3, 4]], ["axes": .ints([-1]), "keepdims": .int(0)]) == .shapes([[2, 3]]))
        #expect(infer(.flatten, [[2, 3, 4]], ["axis": .int(2)]) == .shapes([[6, 4]]))
        #expect(infer(.conv, [[1, 3, 8, 8], [16, 3, 3, 3]], ["pads": .ints([1, 1, 1, 1]), "strides": .ints([2, 2])]) == .shapes([[1, 16, 4, 4]]))
        #expect(infer(.maxPool, [[1, 3, 8, 8]], ["kernel_shape": .ints([2, 2]), "strides": .ints([2, 2])]) == .shapes([[1, 3, 4, 4]]))
        #expect(infer(.embedding, [[100, 16], [5]]) == .shapes([[5, 16]]))
    }
}
