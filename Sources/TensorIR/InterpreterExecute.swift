extension Interpreter {
    /// Executes one op on concrete operands.
    func execute(_ op: Operation, _ x: [Tensor], resultType: TensorType?) throws -> [Tensor] {
        func arg(_ i: Int) throws -> Tensor {
            guard i < x.count else { throw ExecutionFailure("missing operand \(i)") }
            return x[i]
        }
        func opt(_ i: Int) -> Tensor? { i < x.count ? x[i] : nil }
        func ints(_ i: Int, _ what: String) throws -> [Int] { try Shapes.ints(try arg(i), what) }
        let attrs = op.attributes
        let axis = attrs["axis"]?.intValue

        switch op.kind {
        case .constant:
            return [try constant(op, resultType)]
        case .add, .sub, .mul, .div, .pow:
            return [try Elementwise.arithmetic(op.kind, try arg(0), try arg(1))]
        case .neg, .sqrt, .reciprocal, .exp, .log, .abs, .relu, .sigmoid, .tanh, .erf, .gelu, .silu, .not:
            return [try Elementwise.unary(op.kind, try arg(0), approximate: attrs["approximate"]?.stringValue)]
        case .equal: return [try Elementwise.compare(try arg(0), try arg(1), ==, ==)]
        case .less: return [try Elementwise.compare(try arg(0), try arg(1), <, <)]
        case .greater: return [try Elementwise.compare(try arg(0), try arg(1), >, >)]
        case .and, .or:
            let and = op.kind == .and
            return [try Elementwise.binaryInt(Elementwise.cast(try arg(0), to: .bool), Elementwise.cast(try arg(1), to: .bool), element: .bool) {
                and ? ($0 != 0 && $1 != 0 ? 1 : 0) : ($0 != 0 || $1 != 0 ? 1 : 0)
            }]
        case .where: return [try Elementwise.whereOp(try arg(0), try arg(1), try arg(2))]
        case .cast:
            guard case .type(let t)? = attrs["to"] else { throw ExecutionFailure("cast needs a 'to' type") }
            return [Elementwise.cast(try arg(0), to: t.element)]
        case .identity: return [try arg(0)]
        case .reduceMean, .reduceSum, .reduceMax:
            return [try Named.reduce(op.kind, try arg(0), axes: attrs["axes"]?.intsValue, keepdims: (attrs["keepdims"]?.intValue ?? 1) != 0)]
        case .softmax: return [try Named.softmax(try arg(0), mask: opt(1), axis: axis ?? -1)]
        case .layerNorm, .rmsNorm:
            let eps = Float(attrs["epsilon"]?.floatValue ?? (op.kind == .layerNorm ? 1e-5 : 1e-6))
            return [try Named.norm(try arg(0), gamma: try arg(1), beta: op.kind == .layerNorm ? opt(2) : nil,
                                   axis: axis ?? -1, epsilon: eps, rms: op.kind == .rmsNorm)]
        case .matmul: return [try Linear.matmul(try arg(0), try arg(1))]
        case .gemm:
            return [try Linear.gemm(try arg(0), try arg(1), opt(2), alpha: Float(attrs["alpha"]?.floatValue ?? 1),
                                    beta: Float(attrs["beta"]?.floatValue ?? 1), transA: attrs["trans_a"]?.intValue == 1,
                                    transB: attrs["trans_b"]?.intValue == 1)]
        case .conv: return [try Linear.conv(try arg(0), try arg(1), opt(2), attributes: attrs)]
        case .maxPool, .averagePool: return [try Linear.pool(try arg(0), max: op.kind == .maxPool, attributes: attrs)]
        case .reshape: return [try Movement.reshape(try arg(0), try ints(1, "shape"))]
        case .transpose: return [try Movement.transpose(try arg(0), attrs["perm"]?.intsValue)]
        case .slice:
            return [try Movement.slice(try arg(0), starts: try ints(1, "starts"), ends: try ints(2, "ends"),
                                       axes: x.count > 3 ? try ints(3, "axes") : nil, steps: x.count > 4 ? try ints(4, "steps") : nil)]
        case .concat: return [try Movement.concat(x, axis: axis ?? 0)]
        case .split:
            let n = op.results.count
            if let k = attrs["num_outputs"]?.intValue, k != Int64(n) {
                throw ExecutionFailure("num_outputs = \(k) but the op has \(n) results")
            }
            return try Movement.split(try arg(0), axis: axis ?? 0, sizes: x.count > 1 ? try ints(1, "split") : nil, count: n)
        case .squeeze: return [try Movement.squeeze(try arg(0), axes: x.count > 1 ? try ints(1, "axes") : nil)]
        case .unsqueeze: return [try Movement.unsqueeze(try arg(0), axes: try ints(1, "axes"))]
        case .expand:
            let t = try arg(0)
            let s = try Shapes.broadcast(t.shape, try ints(1, "shape"))
            _ = try Shapes.count(s)
            return [t.broadcast(to: s)]
        case .flatten:
            let t = try arg(0)
            let a = try Shapes.axis(axis ?? 1, rank: t.shape.count, inclusive: true)
            return [t.reshaped([t.shape[..<a].reduce(1, *), t.shape[a...].reduce(1, *)])]
        case .gather: return [try Movement.gather(try arg(0), try arg(1), axis: axis ?? 0)]
        case .embedding:
            let table = try arg(0)
            guard table.shape.count == 2 else { throw ExecutionFailure("embedding table must be [V, D]") }
            return [try Movement.gather(table, try arg(1), axis: 0)]
        case .shape:
            let s = try arg(0).shape
            let r = Int64(s.count)
            func clampIndex(_ v: Int64) -> Int { Int(min(max(v < 0 ? v + r : v, 0), r)) }
            let a = clampIndex(attrs["start"]?.intValue ?? 0), b = clampIndex(attrs["end"]?.intValue ?? r)
            let dims = a < b ? s[a..<b].map { Int64($0) } : []
            return [Tensor(shape: [dims.count], int64s: dims)]
        case .range: return [try Movement.range(try arg(0), try arg(1), try arg(2))]
        case .trilu:
            let k = x.count > 1 ? try ints(1, "k").first ?? 0 : 0
            return [try Movement.trilu(try arg(0), k: k, upper: (attrs["upper"]?.intValue ?? 1) != 0)]
        case .constantOfShape:
            let s = try ints(0, "shape")
            let n = try Shapes.count(s)
            if case .ints(let v)? = attrs["value"] {
                return [Tensor(shape: s, int64s: Array(repeating: v.first ?? 0, count: n), element: resultType?.element ?? .i64)]
            }
            let v = Float(attrs["value"]?.floatValue ?? (attrs["value"].flatMap { if case .floats(let f) = $0 { f.first } else { nil } } ?? 0))
            return [Tensor(shape: s, floats: Array(repeating: v, count: n))]
        case .swiglu:
            let g = try Elementwise.unary(.silu, try arg(0), approximate: nil)
            return [try Elementwise.binaryFloat(g, try arg(1), *)]
        case .rope:
            let style = attrs["style"]?.stringValue ?? "half"
            guard style == "half" || style == "adjacent" else { throw ExecutionFailure("unknown rope style '\(style)'") }
            return [try Named.rope(try arg(0), base: Float(attrs["base"]?.floatValue ?? 10000),
                                   offset: Int(clamping: attrs["offset"]?.intValue ?? 0), adjacent: style == "adjacent")]
        case .attention:
            return [try Named.attention(try arg(0), try arg(1), try arg(2), mask: opt(3), attributes: attrs)]
        case .rescale, .lookup, .requantize:
            throw ExecutionFailure("quantized op \(op.kind.rawValue) is not supported by the float interpreter")
        }
    }

    func constant(_ op: Operation, _ type: TensorType?) throws -> Tensor {
        if let name = op.attributes["name"]?.stringValue {
            guard let data = module.constants[name] else { throw ExecutionFailure("constant @\(name) is not in the module") }
            let shape = data.type.shape ?? [data.elementCount]
            guard (try? Shapes.count(shape)) == data.elementCount else { throw ExecutionFailure("constant @\(name) has a bad shape") }
            switch data.type.element {
            case .f32: return Tensor(shape: shape, floats: try data.floats())
            case .bool: return Tensor(shape: shape, int64s: try data.int64s(), element: .bool)
            default: return Tensor(shape: shape, int64s: try data.int64s())
            }
        }
        let shape: [Int]?
        if let s = type?.shape, s.allSatisfy({ $0 >= 0 }) { shape = s } else { shape = nil }
        switch op.attributes["value"] {
        case .ints(let v)?:
            let s = shape ?? [v.count]
            guard s.reduce(1, *) == v.count else { throw ExecutionFailure("inline constant shape \(s) does not match \(v.count) values") }
            return Tensor(shape: s, int64s: v, element: type?.element == .bool ? .bool : .i64)
        case .floats(let v)?:
            let s = shape ?? [v.count]
            guard s.reduce(1, *) == v.count else { throw ExecutionFailure("inline constant shape \(s) does not match \(v.count) values") }
            return Tensor(shape: s, floats: v.map { Float($0) })
        default:
            throw ExecutionFailure("constant needs a 'name' or 'value' attribute")
        }
    }
}
