/// Per-op shape rules of `ShapeInference`.
struct ShapeRules {
    let op: Operation
    let types: [TensorType]
    let values: [[Int64]?]

    init(op: Operation, types: [TensorType], values: [[Int64]?]) {
        self.op = op
        self.types = types
        self.values = values
    }

    func fail(_ detail: String) -> ShapeConflict { ShapeConflict(detail: detail) }

    func shape(_ i: Int) -> [Int]? { i < types.count ? types[i].shape : nil }
    func value(_ i: Int) -> [Int64]? { i < values.count ? values[i] : nil }
    func int(_ name: String, _ def: Int64) -> Int64 { op.attributes[name]?.intValue ?? def }
    func ints(_ name: String) -> [Int64]? { op.attributes[name]?.intsValue }

    /// Normalizes a possibly negative axis into [0, rank).
    func axis(_ a: Int64, rank: Int) throws(ShapeConflict) -> Int {
        let r = Int64(rank)
        guard a >= -r, a < r else { throw fail("axis \(a) is out of range for rank \(rank)") }
        return Int(a < 0 ? a + r : a)
    }

    /// Values as dims; −1 entries (and anything negative) count as unknown.
    static func dims(_ v: [Int64]) -> [Int]? {
        guard v.allSatisfy({ $0 <= Int64(IRScanner.sizeLimit) }) else { return nil }
        return v.map { $0 < 0 ? -1 : Int($0) }
    }

    static func product(_ dims: ArraySlice<Int>) -> Int? {
        var p = 1
        for d in dims {
            guard d >= 0 else { return nil }
            let (r, o) = p.multipliedReportingOverflow(by: d)
            guard !o, r <= IRScanner.sizeLimit else { return nil }
            p = r
        }
        return p
    }

    func requireOperands(_ n: Int) throws(ShapeConflict) {
        guard types.count >= n else { throw fail("expected at least \(n) operands, got \(types.count)") }
    }

    mutating func run() throws(ShapeConflict) -> [[Int]?]? {
        switch op.kind {
        case .constant:
            return nil
        case .neg, .sqrt, .reciprocal, .exp, .log, .abs, .relu, .sigmoid, .tanh, .erf, .gelu, .silu, .not,
             .cast, .identity, .softmax, .layerNorm, .rmsNorm, .trilu, .rope, .attention, .rescale, .requantize, .lookup:
            try requireOperands(1)
            return [shape(0)]
        case .add, .sub, .mul, .div, .pow, .equal, .less, .greater, .and, .or, .swiglu, .where:
            try requireOperands(op.kind == .where ? 3 : 2)
            var out: [Int]? = shape(0)
            for i in 1..<types.count {
                guard let a = out, let b = shape(i) else { return [nil] }
                guard let c = ShapeInference.broadcast(a, b) else {
                    throw fail("shapes \(ShapeInference.shapeText(a)) and \(ShapeInference.shapeText(b)) do not broadcast")
                }
                out = c
            }
            return [out]
        case .reduceMean, .reduceSum, .reduceMax:
            try requireOperands(1)
            guard let s = shape(0) else { return [nil] }
            let keep = int("keepdims", 1) != 0
            guard let axesValues = ints("axes") ?? value(1) ?? (types.count > 1 ? nil : []) else {
                return keep ? [Array(repeating: -1, count: s.count)] : nil
            }
            var axes = Set<Int>()
            for a in axesValues { axes.insert(try axis(a, rank: s.count)) }
            if axesValues.isEmpty { axes = Set(s.indices) }
            var out: [Int] = []
            for (i, d) in s.enumerated() {
                if axes.contains(i) { if keep { out.append(1) } } else { out.append(d) }
            }
            return [out]
        case .matmul:
            try requireOperands(2)
            return [try matmul()]
        case .gemm:
            try requireOperands(2)
            guard let a = shape(0), let b = shape(1) else { return [[-1, -1]] }
            guard a.count == 2, b.count == 2 else { throw fail("gemm operands must be 2-D") }
            let (m, ka) = int("trans_a", 0) != 0 ? (a[1], a[0]) : (a[0], a[1])
            let (kb, n) = int("trans_b", 0) != 0 ? (b[1], b[0]) : (b[0], b[1])
            if ka >= 0, kb >= 0, ka != kb { throw fail("gemm inner dimensions \(ka) and \(kb) differ") }
            return [[m, n]]
        case .conv, .maxPool, .averagePool:
            try requireOperands(op.kind == .conv ? 2 : 1)
            return [try window()]
        case .reshape:
            try requireOperands(2)
            return [try reshape()]
        case .transpose:
            try requireOperands(1)
            guard let s = shape(0) else { return [nil] }
            let perm = ints("perm") ?? (0..<Int64(s.count)).reversed()
            guard perm.count == s.count, Set(perm).count == perm.count else { throw fail("perm \(perm) does not fit rank \(s.count)") }
            var out: [Int] = []
            for p in perm { out.append(s[try axis(p, rank: s.count)]) }
            return [out]
        case .slice:
            try requireOperands(3)
            return [try slice()]
        case .concat:
            try requireOperands(1)
            return [try concat()]
        case .split:
            try requireOperands(1)
            return try split()
        case .squeeze, .unsqueeze:
            try requireOperands(1)
            return [try squeeze(unsqueeze: op.kind == .unsqueeze)]
        case .expand:
            try requireOperands(2)
            guard let s = shape(0), let v = value(1), let target = Self.dims(v) else {
                if let n = shape(1), n.count == 1, n[0] >= 0, let s = shape(0) { return [Array(repeating: -1, count: max(n[0], s.count))] }
                return [nil]
            }
            guard let out = ShapeInference.broadcast(s, target) else { throw fail("cannot expand \(ShapeInference.shapeText(s)) to \(v)") }
            return [out]
        case .flatten:
            try requireOperands(1)
            guard let s = shape(0) else { return [[-1, -1]] }
            let a = Int(int("axis", 1))
            guard a >= -s.count, a <= s.count else { throw fail("flatten axis \(a) out of range") }
            let k = a < 0 ? a + s.count : a
            return [[Self.product(s[..<k]) ?? -1, Self.product(s[k...]) ?? -1]]
        case .gather:
            try requireOperands(2)
            guard let d = shape(0), let i = shape(1) else { return [nil] }
            let a = try axis(int("axis", 0), rank: d.count)
            return [Array(d[..<a]) + i + Array(d[(a + 1)...])]
        case .shape:
            try requireOperands(1)
            guard let s = shape(0) else { return [[-1]] }
            return [[Self.shapeRange(rank: s.count, start: int("start", 0), end: op.attributes["end"]?.intValue).count]]
        case .range:
            try requireOperands(3)
            guard let s = value(0)?.first, let l = value(1)?.first, let d = value(2)?.first else { return [[-1]] }
            guard d != 0 else { throw fail("range delta is 0") }
            let (diff, o) = l.subtractingReportingOverflow(s)
            guard !o else { return [[-1]] }
            let (q, qo) = diff.dividedReportingOverflow(by: d)
            guard !qo else { return [[-1]] }
            let n = q + (diff % d != 0 ? 1 : 0)
            return [[Int(max(0, min(n, Int64(IRScanner.sizeLimit))))]]
        case .constantOfShape:
            try requireOperands(1)
            guard let v = value(0), let d = Self.dims(v) else {
                if let n = shape(0), n.count == 1, n[0] >= 0 { return [Array(repeating: -1, count: n[0])] }
                return [nil]
            }
            return [d]
        case .embedding:
            try requireOperands(2)
            guard let t = shape(0), t.count == 2, let ids = shape(1) else { return [nil] }
            return [ids + [t[1]]]
        }
    }

    /// Indices ONNX `Shape(start:, end:)` keeps.
    static func shapeRange(rank: Int, start: Int64, end: Int64?) -> Range<Int> {
        func clamp(_ v: Int64) -> Int {
            let r = Int64(rank)
            let x = v < 0 ? v + r : v
            return Int(min(max(x, 0), r))
        }
        let s = clamp(start)
        let e = clamp(end ?? Int64(rank))
        return s..<max(s, e)
    }
}
