/// Row-major index helpers for constant folding (small tensors only).
enum FoldIndex {
    /// Element count of a static shape, nil if unknown or beyond 2^40.
    static func count(_ shape: [Int]) -> Int? {
        var p = 1
        for d in shape {
            guard d >= 0 else { return nil }
            let (r, o) = p.multipliedReportingOverflow(by: d)
            guard !o, r <= 1 << 40 else { return nil }
            p = r
        }
        return p
    }

    static func strides(_ shape: [Int]) -> [Int] {
        var out = Array(repeating: 1, count: shape.count)
        var s = 1
        // Wrapping: only shapes with a zero dimension can exceed Int, and those are never indexed.
        for i in shape.indices.reversed() { out[i] = s; s = s &* shape[i] }
        return out
    }

    /// Every multi-index of `shape` in row-major order.
    static func all(_ shape: [Int]) -> [[Int]] {
        guard let n = count(shape), n > 0 else { return [] }
        var out: [[Int]] = []
        out.reserveCapacity(n)
        var idx = Array(repeating: 0, count: shape.count)
        for _ in 0..<n {
            out.append(idx)
            var d = shape.count - 1
            while d >= 0 {
                idx[d] += 1
                if idx[d] < shape[d] { break }
                idx[d] = 0
                d -= 1
            }
        }
        return out
    }

    /// For each element of `to`, the flat index of the `from` element numpy broadcasting reads.
    static func broadcastMap(from: [Int], to: [Int]) -> [Int]? {
        guard from.count <= to.count else { return nil }
        let offset = to.count - from.count
        for (i, d) in from.enumerated() where d != 1 && d != to[i + offset] { return nil }
        let strides = Self.strides(from)
        return all(to).map { idx in
            var flat = 0
            for (i, d) in from.enumerated() where d != 1 { flat += idx[i + offset] * strides[i] }
            return flat
        }
    }
}
