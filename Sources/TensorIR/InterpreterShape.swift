/// Shape and data-movement kernels.
enum Movement {
    static func reshape(_ x: Tensor, _ spec: [Int]) throws -> Tensor {
        var s = spec
        var infer = -1
        for i in 0..<s.count {
            if s[i] == 0 {
                guard i < x.shape.count else { throw ExecutionFailure("reshape 0 at axis \(i) beyond input rank") }
                s[i] = x.shape[i]
            } else if s[i] == -1 {
                guard infer < 0 else { throw ExecutionFailure("reshape has two -1 dims") }
                infer = i
            } else if s[i] < 0 {
                throw ExecutionFailure("invalid reshape dim \(s[i])")
            }
        }
        if infer >= 0 {
            s[infer] = 1
            let known = try Shapes.count(s)
            guard known > 0, x.count % known == 0 else { throw ExecutionFailure("cannot reshape \(x.shape) to \(spec)") }
            s[infer] = x.count / known
        }
        guard try Shapes.count(s) == x.count else { throw ExecutionFailure("cannot reshape \(x.shape) to \(spec)") }
        return x.reshaped(s)
    }

    static func transpose(_ x: Tensor, _ perm: [Int64]?) throws -> Tensor {
        let r = x.shape.count
        let p = try perm.map { try $0.map { try Shapes.axis($0, rank: r) } } ?? Array((0..<r).reversed())
        guard p.count == r, Set(p).count == r else { throw ExecutionFailure("invalid perm \(p) for rank \(r)") }
        let st = Shapes.strides(x.shape)
        let s = p.map { x.shape[$0] }
        return x.gathered(Shapes.offsets(s, p.map { st[$0] }), shape: s)
    }

    static func slice(_ x: Tensor, starts: [Int], ends: [Int], axes: [Int]?, steps: [Int]?) throws -> Tensor {
        let r = x.shape.count
        guard starts.count == ends.count else { throw ExecutionFailure("starts and ends differ in length") }
        let ax = try (axes ?? Array(0..<starts.count)).map { try Shapes.axis(Int64($0), rank: r) }
        let stp = steps ?? Array(repeating: 1, count: starts.count)
        guard ax.count == starts.count, stp.count == starts.count else { throw ExecutionFailure("slice operand lengths differ") }
        var begin = [Int](repeating: 0, count: r)
        var step = [Int](repeating: 1, count: r)
        var s = x.shape
        for (i, a) in ax.enumerated() {
            let d = x.shape[a], k = stp[i]
            guard k != 0 else { throw ExecutionFailure("slice step 0") }
            var b = starts[i] < 0 ? starts[i] + d : starts[i]
            var e = ends[i] < 0 ? ends[i] + d : ends[i]
            if k > 0 {
                b = min(max(b, 0), d); e = min(max(e, 0), d)
                s[a] = e > b ? (e - b + k - 1) / k : 0
            } else {
                b = min(max(b, -1), d - 1); e = min(max(e, -1), d - 1)
                s[a] = b > e ? (b - e - k - 1) / (-k) : 0
            }
            begin[a] = b
            step[a] = k
        }
        let st = Shapes.strides(x.shape)
        let base = (0..<r).reduce(0) { $0 + (s[$1] > 0 ? begin[$1] * st[$1] : 0) }
        return x.gathered(Shapes.offsets(s, (0..<r).map { st[$0] * step[$0] }, base: base), shape: s)
    }

    static func concat(_ xs: [Tensor], axis: Int64) throws -> Tensor {
        guard let first = xs.first else { throw ExecutionFailure("concat of nothing") }
        let a = try Shapes.axis(axis, rank: first.shape.count)
        var s = first.shape
        s[a] = 0
        for x in xs {
            guard x.shape.count == first.shape.count,
                  (0..<s.count).allSatisfy({ $0 == a || x.shape[$0] == first.shape[$0] }) else {
                throw ExecutionFailure("concat shapes \(xs.map(\.shape)) differ off axis \(a)")
            }
            s[a] += x.shape[a]
        }
        let outer = s[..<a].reduce(1, *), inner = s[(a + 1)...].reduce(1, *)
        let isFloat = xs.contains { $0.isFloat }
        var f: [Float] = [], v: [Int64] = []
        for o in 0..<outer {
            for x in xs {
                let len = x.shape[a] * inner
                if isFloat { f.append(contentsOf: x.asFloats[(o * len)..<((o + 1) * len)]) } else { v.append(contentsOf: x.ints[(o * len)..<((o + 1) * len)]) }
            }
        }
        return isFloat ? Tensor(shape: s, floats: f) : Tensor(shape: s, int64s: v, element: first.element)
    }

    static func split(_ x: Tensor, axis: Int64, sizes: [Int]?, count: Int) throws -> [Tensor] {
        let a = try Shapes.axis(axis, rank: x.shape.count)
        let d = x.shape[a]
        var parts = sizes ?? []
        if sizes == nil {
            guard count > 0 else { throw ExecutionFailure("split into 0 parts") }
            let chunk = (d + count - 1) / count
            var left = d
            for _ in 0..<count { parts.append(min(chunk, left)); left -= min(chunk, left) }
        }
        guard parts.reduce(0, +) == d, parts.allSatisfy({ $0 >= 0 }) else { throw ExecutionFailure("split sizes \(parts) do not sum to \(d)") }
        var start = 0
        return try parts.map { p in
            defer { start += p }
            return try slice(x, starts: [start], ends: [start + p], axes: [a], steps: nil)
        }
    }

    static func squeeze(_ x: Tensor, axes: [Int]?) throws -> Tensor {
        guard let axes else { return x.reshaped(x.shape.filter { $0 != 1 }) }
        let ax = Set(try axes.map { try Shapes.axis(Int64($0), rank: x.shape.count) })
        for a in ax where x.shape[a] != 1 { throw ExecutionFailure("cannot squeeze axis \(a) of \(x.shape)") }
        return x.reshaped(x.shape.enumerated().filter { !ax.contains($0.offset) }.map(\.element))
    }

    static func unsqueeze(_ x: Tensor, axes: [Int]) throws -> Tensor {
        let r = x.shape.count + axes.count
        let ax = Set(try axes.map { try Shapes.axis(Int64($0), rank: r) })
        guard ax.count == axes.count else { throw ExecutionFailure("repeated unsqueeze axes") }
        var s: [Int] = []
        var it = x.shape.makeIterator()
        for i in 0..<r { s.append(ax.contains(i) ? 1 : (it.next() ?? 1)) }
        return x.reshaped(s)
    }

    static func gather(_ data: Tensor, _ idx: Tensor, axis: Int64) throws -> Tensor {
        let a = try Shapes.axis(axis, rank: data.shape.count)
        let d = data.shape[a]
        let outer = data.shape[..<a].reduce(1, *), inner = data.shape[(a + 1)...].reduce(1, *)
        let ids = try idx.asInt64s.map { v -> Int in
            let i = v < 0 ? v + Int64(d) : v
            guard i >= 0, i < d else { throw ExecutionFailure("index \(v) out of range for dim \(d)") }
            return Int(i)
        }
        let s = Array(data.shape[..<a]) + idx.shape + Array(data.shape[(a + 1)...])
        var offs: [Int] = []
        offs.reserveCapacity(try Shapes.count(s))
        for o in 0..<outer { for i in ids { let b = (o * d + i) * inner; for j in 0..<inner { offs.append(b + j) } } }
        return data.gathered(offs, shape: s)
    }

    static func trilu(_ x: Tensor, k: Int, upper: Bool) throws -> Tensor {
        guard x.shape.count >= 2 else { throw ExecutionFailure("trilu needs rank ≥ 2") }
        let rows = x.shape[x.shape.count - 2], cols = x.shape[x.shape.count - 1]
        var t = x
        for p in 0..<x.count {
            let j = p % cols, i = (p / max(cols, 1)) % max(rows, 1)
            let keep = upper ? j - i >= k : j - i <= k
            if !keep { if t.isFloat { t.floats[p] = 0 } else { t.ints[p] = 0 } }
        }
        return t
    }

    static func range(_ a: Tensor, _ b: Tensor, _ c: Tensor) throws -> Tensor {
        guard a.count == 1, b.count == 1, c.count == 1 else { throw ExecutionFailure("range operands must be scalars") }
        if a.isFloat || b.isFloat || c.isFloat {
            let s = a.asFloats[0], l = b.asFloats[0], d = c.asFloats[0]
            guard d != 0, d.isFinite, s.isFinite, l.isFinite else { throw ExecutionFailure("invalid range delta") }
            let n = max(Int(((l - s) / d).rounded(.up)), 0)
            _ = try Shapes.count([n])
            return Tensor(shape: [n], floats: (0..<n).map { s + Float($0) * d })
        }
        let s = a.ints[0], l = b.ints[0], d = c.ints[0]
        guard d != 0 else { throw ExecutionFailure("range delta 0") }
        let span = Double(l) - Double(s)
        let n = max(Int((span / Double(d)).rounded(.up)), 0)
        _ = try Shapes.count([n])
        return Tensor(shape: [n], int64s: (0..<n).map { s &+ Int64($0) &* d })
    }
}
