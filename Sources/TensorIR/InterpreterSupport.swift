import Foundation

/// Shape utilities shared by the interpreter kernels.
enum Shapes {
    static let limit = 1 << 31

    static func count(_ s: [Int]) throws -> Int {
        var c = 1
        for d in s {
            guard d >= 0 else { throw ExecutionFailure("negative dimension in \(s)") }
            let (p, o) = c.multipliedReportingOverflow(by: d)
            guard !o, p <= limit else { throw ExecutionFailure("shape \(s) is too large") }
            c = p
        }
        return c
    }

    static func strides(_ s: [Int]) -> [Int] {
        var st = [Int](repeating: 1, count: s.count)
        var acc = 1
        for i in stride(from: s.count - 1, through: 0, by: -1) { st[i] = acc; acc *= s[i] }
        return st
    }

    static func axis(_ a: Int64, rank: Int, inclusive: Bool = false) throws -> Int {
        let r = Int64(rank) + (inclusive ? 1 : 0)
        let v = a < 0 ? a + r : a
        guard v >= 0, v < r else { throw ExecutionFailure("axis \(a) out of range for rank \(rank)") }
        return Int(v)
    }

    static func broadcast(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let r = max(a.count, b.count)
        var out = [Int](repeating: 1, count: r)
        for i in 0..<r {
            let x = i < r - a.count ? 1 : a[i - (r - a.count)]
            let y = i < r - b.count ? 1 : b[i - (r - b.count)]
            guard x == y || x == 1 || y == 1 else { throw ExecutionFailure("cannot broadcast \(a) with \(b)") }
            out[i] = x == 1 ? y : x
        }
        return out
    }

    /// Strides of `from` seen as broadcast to `to` (0 on broadcast dims).
    static func broadcastStrides(_ from: [Int], to: [Int]) -> [Int] {
        let st = strides(from)
        let lead = to.count - from.count
        return (0..<to.count).map { i in i < lead || from[i - lead] == 1 ? 0 : st[i - lead] }
    }

    /// For every row-major position of `shape`, `base + Σ index_k · strides_k`.
    static func offsets(_ shape: [Int], _ strides: [Int], base: Int = 0) -> [Int] {
        let n = shape.reduce(1, *)
        var out = [Int](repeating: base, count: n)
        if n == 0 { return out }
        let r = shape.count
        if r == 0 { return out }
        var idx = [Int](repeating: 0, count: r)
        var off = base
        out.withUnsafeMutableBufferPointer { o in
            for p in 0..<n {
                o[p] = off
                var k = r - 1
                while k >= 0 {
                    idx[k] += 1
                    off += strides[k]
                    if idx[k] < shape[k] { break }
                    off -= strides[k] * shape[k]
                    idx[k] = 0
                    k -= 1
                }
            }
        }
        return out
    }

    /// Integer operand values, clamped to ±2^50 (slice ends use huge sentinels like INT64_MAX).
    static func ints(_ t: Tensor, _ what: String) throws -> [Int] {
        t.asInt64s.map { Int(min(max($0, -(1 << 50)), 1 << 50)) }
    }
}

extension Tensor {
    /// A tensor of the same element kind with values picked at `offsets`.
    func gathered(_ offsets: [Int], shape: [Int]) -> Tensor {
        if isFloat {
            return floats.withUnsafeBufferPointer { f in Tensor(shape: shape, floats: offsets.map { f[$0] }) }
        }
        return ints.withUnsafeBufferPointer { v in Tensor(shape: shape, int64s: offsets.map { v[$0] }, element: element) }
    }

    func reshaped(_ s: [Int]) -> Tensor {
        var t = self
        t.shape = s
        return t
    }

    func broadcast(to s: [Int]) -> Tensor {
        if shape == s { return self }
        return gathered(Shapes.offsets(s, Shapes.broadcastStrides(shape, to: s)), shape: s)
    }

    static func scalar(_ v: Float) -> Tensor { Tensor(shape: [], floats: [v]) }
}
