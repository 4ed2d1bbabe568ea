import Foundation

/// Elementwise kernels with numpy broadcasting.
enum Elementwise {
    static func binaryFloat(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) throws -> Tensor {
        let s = try Shapes.broadcast(a.shape, b.shape)
        let n = try Shapes.count(s)
        let x = a.asFloats, y = b.asFloats
        var out = [Float](repeating: 0, count: n)
        if a.shape == s && b.shape == s {
            for i in 0..<n { out[i] = f(x[i], y[i]) }
        } else if b.count == 1 && a.shape == s {
            let c = y[0]
            for i in 0..<n { out[i] = f(x[i], c) }
        } else {
            let oa = Shapes.offsets(s, Shapes.broadcastStrides(a.shape, to: s))
            let ob = Shapes.offsets(s, Shapes.broadcastStrides(b.shape, to: s))
            for i in 0..<n { out[i] = f(x[oa[i]], y[ob[i]]) }
        }
        return Tensor(shape: s, floats: out)
    }

    static func binaryInt(_ a: Tensor, _ b: Tensor, element: ElementType = .i64, _ f: (Int64, Int64) throws -> Int64) throws -> Tensor {
        let s = try Shapes.broadcast(a.shape, b.shape)
        _ = try Shapes.count(s)
        let oa = Shapes.offsets(s, Shapes.broadcastStrides(a.shape, to: s))
        let ob = Shapes.offsets(s, Shapes.broadcastStrides(b.shape, to: s))
        let x = a.ints, y = b.ints
        var out = [Int64](repeating: 0, count: oa.count)
        for i in 0..<oa.count { out[i] = try f(x[oa[i]], y[ob[i]]) }
        return Tensor(shape: s, int64s: out, element: element)
    }

    static func compare(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Bool, _ g: (Int64, Int64) -> Bool) throws -> Tensor {
        if !a.isFloat && !b.isFloat { return try binaryInt(a, b, element: .bool) { g($0, $1) ? 1 : 0 } }
        let s = try Shapes.broadcast(a.shape, b.shape)
        _ = try Shapes.count(s)
        let oa = Shapes.offsets(s, Shapes.broadcastStrides(a.shape, to: s))
        let ob = Shapes.offsets(s, Shapes.broadcastStrides(b.shape, to: s))
        let x = a.asFloats, y = b.asFloats
        return Tensor(shape: s, int64s: (0..<oa.count).map { f(x[oa[$0]], y[ob[$0]]) ? 1 : 0 }, element: .bool)
    }

    static func arithmetic(_ kind: OpKind, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        if !a.isFloat && !b.isFloat && kind != .pow {
            return try binaryInt(a, b) { x, y in
                switch kind {
                case .add: return x &+ y
                case .sub: return x &- y
                case .mul: return x &* y
                default:
                    guard y != 0 else { throw ExecutionFailure("integer division by zero") }
                    return x == .min && y == -1 ? .min : x / y
                }
            }
        }
        switch kind {
        case .add: return try binaryFloat(a, b, +)
        case .sub: return try binaryFloat(a, b, -)
        case .mul: return try binaryFloat(a, b, *)
        case .div: return try binaryFloat(a, b, /)
        default:
            let r = try binaryFloat(a, b) { x, y in y == 2 ? x * x : (y == 3 ? x * x * x : powf(x, y)) }
            return a.isFloat ? r : Tensor(shape: r.shape, int64s: r.asInt64s)
        }
    }

    static func gelu(_ x: Float, tanhForm: Bool) -> Float {
        if tanhForm {
            let c: Float = 0.7978845608028654
            return 0.5 * x * (1 + tanhf(c * (x + 0.044715 * x * x * x)))
        }
        return 0.5 * x * (1 + erff(x / 1.4142135623730951))
    }

    static func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

    static func unary(_ kind: OpKind, _ t: Tensor, approximate: String?) throws -> Tensor {
        if kind == .neg && !t.isFloat { return Tensor(shape: t.shape, int64s: t.ints.map { 0 &- $0 }) }
        if kind == .abs && !t.isFloat { return Tensor(shape: t.shape, int64s: t.ints.map { $0 == .min ? .max : Swift.abs($0) }) }
        if kind == .not { return Tensor(shape: t.shape, int64s: t.asInt64s.map { $0 == 0 ? 1 : 0 }, element: .bool) }
        let f: (Float) -> Float
        switch kind {
        case .neg: f = { -$0 }
        case .sqrt: f = { sqrtf($0) }
        case .reciprocal: f = { 1 / $0 }
        case .exp: f = { expf($0) }
        case .log: f = { logf($0) }
        case .abs: f = { Swift.abs($0) }
        case .relu: f = { max($0, 0) }
        case .sigmoid: f = sigmoid
        case .tanh: f = { tanhf($0) }
        case .erf: f = { erff($0) }
        case .silu: f = { $0 * sigmoid($0) }
        case .gelu:
            let tanhForm = approximate == "tanh"
            f = { gelu($0, tanhForm: tanhForm) }
        default: throw ExecutionFailure("not a unary op")
        }
        return Tensor(shape: t.shape, floats: t.asFloats.map(f))
    }

    static func whereOp(_ c: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let s = try Shapes.broadcast(try Shapes.broadcast(c.shape, a.shape), b.shape)
        _ = try Shapes.count(s)
        let oc = Shapes.offsets(s, Shapes.broadcastStrides(c.shape, to: s))
        let oa = Shapes.offsets(s, Shapes.broadcastStrides(a.shape, to: s))
        let ob = Shapes.offsets(s, Shapes.broadcastStrides(b.shape, to: s))
        let cond = c.asInt64s
        if a.isFloat || b.isFloat {
            let x = a.asFloats, y = b.asFloats
            return Tensor(shape: s, floats: (0..<oc.count).map { cond[oc[$0]] != 0 ? x[oa[$0]] : y[ob[$0]] })
        }
        let x = a.ints, y = b.ints
        return Tensor(shape: s, int64s: (0..<oc.count).map { cond[oc[$0]] != 0 ? x[oa[$0]] : y[ob[$0]] }, element: a.element)
    }

    static func cast(_ t: Tensor, to e: ElementType) -> Tensor {
        switch e {
        case .f32: return Tensor(shape: t.shape, floats: t.asFloats)
        case .bool: return Tensor(shape: t.shape, int64s: t.isFloat ? t.floats.map { $0 != 0 ? 1 : 0 } : t.ints.map { $0 != 0 ? 1 : 0 }, element: .bool)
        default: return Tensor(shape: t.shape, int64s: t.asInt64s)
        }
    }
}
