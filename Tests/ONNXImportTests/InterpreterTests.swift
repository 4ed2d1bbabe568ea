import Testing
import TensorIR

/// Named-op semantics against literals computed once with numpy (expressions cited per test).
@Suite struct InterpreterTests {
    func run(_ kind: OpKind, _ inputs: [Tensor], attributes: [String: Attribute] = [:]) throws -> Tensor {
        var f = Function(name: "main")
        let args = inputs.indices.map { f.addArgument(name: "a\($0)", type: TensorType(.f32, nil)) }
        let r = f.append(kind, args, type: TensorType(.f32, nil), attributes: attributes, origin: "test")
        f.setResults([r], names: ["out"])
        let feed = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { ("a\($0.offset)", $0.element) })
        return try Interpreter(module: Module(functions: [f])).run(inputs: feed)[0]
    }

    func expectClose(_ a: [Float], _ b: [Float], tol: Float = 2e-6) {
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) { #expect(abs(x - y) <= tol, "\(x) vs \(y)") }
    }

    /// x = arange(12).reshape(3, 4) * 0.1 - 0.5, base 100, inv = base ** (-2 * arange(2) / 4),
    /// angle = p * inv; half: (x[:, :2], x[:, 2:]) rotated; adjacent: (x[:, 0::2], x[:, 1::2]) rotated.
    @Test func ropeHalfAndAdjacent() throws {
        let x = Tensor(shape: [3, 4], floats: (0..<12).map { Float($0) * 0.1 - 0.5 })
        let half = try run(.rope, [x], attributes: ["base": .float(100), "style": .string("half")])
        expectClose(half.floats, [-0.5, -0.4, -0.3, -0.2, -0.1381773, -0.0199667, -0.0301169, 0.1990008,
                                  -0.5794928, 0.272825, 0.0647158, 0.6675077])
        let adj = try run(.rope, [x], attributes: ["base": .float(100), "style": .string("adjacent")])
        expectClose(adj.floats, [-0.5, -0.4, -0.3, -0.2, -0.0540302, -0.0841471, 0.0795337, 0.2089842,
                                 -0.488563, 0.1063305, 0.3708317, 0.6873746])
    }

    /// q = (arange(16).reshape(4,2,2) * 0.13) % 1 - 0.4, k = (arange(12).reshape(2,3,2) * 0.29) % 1 - 0.5,
    /// v = (arange(12).reshape(2,3,2) * 0.37) % 1; head h uses kv head h // 2;
    /// softmax(q[h] @ k[g].T / sqrt(2) + triu(full((2,3), -inf), 2)) @ v[g].
    @Test func groupedQueryCausalAttention() throws {
        func mod1(_ v: Double) -> Float { Float(v - v.rounded(.down)) }
        let q = Tensor(shape: [4, 2, 2], floats: (0..<16).map { mod1(Double($0) * 0.13) - 0.4 })
        let k = Tensor(shape: [2, 3, 2], floats: (0..<12).map { mod1(Double($0) * 0.29) - 0.5 })
        let v = Tensor(shape: [2, 3, 2], floats: (0..<12).map { mod1(Double($0) * 0.37) })
        let out = try run(.attention, [q, k, v], attributes: ["heads": .int(4), "kv_heads": .int(2), "causal": .int(1)])
        #expect(out.shape == [4, 2, 2])
        expectClose(out.floats, [0.3194828, 0.2577493, 0.3994418, 0.4477954, 0.3980191, 0.2301555, 0.4502624, 0.4140756,
                                 0.5923285, 0.4591819, 0.6311874, 0.3306758, 0.6032067, 0.4553598, 0.6402821, 0.3206403], tol: 1e-5)
    }

    /// [1,2,3,4] / sqrt(mean([1,4,9,16]) + 1e-6) * [1,1,2,2].
    @Test func rmsNorm() throws {
        let y = try run(.rmsNorm, [Tensor(shape: [1, 4], floats: [1, 2, 3, 4]), Tensor(shape: [4], floats: [1, 1, 2, 2])],
                        attributes: ["epsilon": .float(1e-6)])
        expectClose(y.floats, [0.3651484, 0.7302967, 2.1908902, 2.9211870], tol: 1e-5)
    }

    @Test func embeddingAndSwiglu() throws {
        var f = Function(name: "main")
        let table = f.addArgument(name: "table", type: .f32([3, 2]))
        let ids = f.addArgument(name: "ids", type: .i64([2]))
        let e = f.append(.embedding, [table, ids], type: TensorType(.f32, nil))
        let s = f.append(.swiglu, [e, e], type: TensorType(.f32, nil))
        f.setResults([e, s], names: ["e", "s"])
        let r = try Interpreter(module: Module(functions: [f])).run(inputs: [
            "table": Tensor(shape: [3, 2], floats: [0, 1, 2, 3, 4, 5]), "ids": Tensor(shape: [2], int64s: [2, 0]),
        ])
        #expect(r[0].shape == [2, 2])
        #expect(r[0].floats == [4, 5, 0, 1])
        // numpy: x * x / (1 + np.exp(-x)) for x = [4, 5, 0, 1].
        expectClose(r[1].floats, [15.71222064, 24.83267873, 0, 0.73105858], tol: 1e-4)
    }

    @Test func executionErrorNamesOrigin() {
        #expect(throws: IRError.execution(op: "matmul 'test'", detail: "matmul inner dims differ: [2, 3] · [2, 3]")) {
            _ = try run(.matmul, [Tensor(shape: [2, 3], floats: Array(repeating: 1, count: 6)),
                                  Tensor(shape: [2, 3], floats: Array(repeating: 1, count: 6))])
        }
    }
}
