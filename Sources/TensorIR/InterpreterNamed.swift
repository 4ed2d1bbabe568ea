import Foundation

/// Reductions, normalizations and the named transformer ops.
enum Named {
    static func reduce(_ kind: OpKind, _ x: Tensor, axes: [Int64]?, keepdims: Bool) throws -> Tensor {
        let r = x.shape.count
        let requested = axes.flatMap { $0.isEmpty ? nil : $0 } ?? (0..<Int64(r)).map { $0 }
        let ax = Set(try requested.map { try Shapes.axis($0, rank: r) })
        let outKeep = x.shape.enumerated().map { ax.contains($0.offset) ? 1 : $0.element }
        let outStrides = Shapes.strides(outKeep).enumerated().map { ax.contains($0.offset) ? 0 : $0.element }
        let dst = Shapes.offsets(x.shape, outStrides)
        let n = outKeep.reduce(1, *)
        let xf = x.asFloats
        var acc = [Float](repeating: kind == .reduceMax ? -.infinity : 0, count: n)
        for i in 0..<xf.count {
            if kind == .reduceMax { acc[dst[i]] = max(acc[dst[i]], xf[i]) } else { acc[dst[i]] += xf[i] }
        }
        if kind == .reduceMean, n > 0 {
            let d = Float(xf.count / n)
            acc = acc.map { $0 / d }
        }
        let shape = keepdims ? outKeep : x.shape.enumerated().filter { !ax.contains($0.offset) }.map(\.element)
        return Tensor(shape: shape, floats: acc)
    }

    static func softmax(_ x0: Tensor, mask: Tensor?, axis: Int64) throws -> Tensor {
        var x = x0.isFloat ? x0 : Elementwise.cast(x0, to: .f32)
        if let mask { x = try Elementwise.binaryFloat(x, mask, +) }
        let a = try Shapes.axis(axis, rank: x.shape.count)
        let d = x.shape[a], inner = x.shape[(a + 1)...].reduce(1, *), outer = x.shape[..<a].reduce(1, *)
        x.floats.withUnsafeMutableBufferPointer { v in
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * d * inner + i
                    var m = -Float.infinity
                    for j in 0..<d { m = max(m, v[base + j * inner]) }
                    if m == -.infinity { m = 0 }
                    var s: Float = 0
                    for j in 0..<d { let e = expf(v[base + j * inner] - m); v[base + j * inner] = e; s += e }
                    for j in 0..<d { v[base + j * inner] /= s }
                }
            }
        }
        return x
    }

    /// layer_norm (with mean subtraction and optional beta) or rms_norm over axes [axis, rank).
    static func norm(_ x: Tensor, gamma: Tensor, beta: Tensor?, axis: Int64, epsilon: Float, rms: Bool) throws -> Tensor {
        let a = try Shapes.axis(axis, rank: x.shape.count)
        let trailing = Array(x.shape[a...])
        let inner = trailing.reduce(1, *), outer = x.count / max(inner, 1)
        let g = try gamma.broadcast(to: Shapes.broadcast(gamma.shape, trailing)).asFloats
        let b = try beta.map { try $0.broadcast(to: Shapes.broadcast($0.shape, trailing)).asFloats }
        guard g.count == inner, b == nil || b?.count == inner else { throw ExecutionFailure("scale shape \(gamma.shape) does not fit \(trailing)") }
        var y = x.asFloats
        for o in 0..<outer {
            let base = o * inner
            var mean: Float = 0
            if !rms { for j in 0..<inner { mean += y[base + j] }; mean /= Float(inner) }
            var v: Float = 0
            for j in 0..<inner { let d = y[base + j] - mean; v += d * d }
            let inv = 1 / sqrtf(v / Float(inner) + epsilon)
            for j in 0..<inner { y[base + j] = (y[base + j] - mean) * inv * g[j] + (b?[j] ?? 0) }
        }
        return Tensor(shape: x.shape, floats: y)
    }

    static func rope(_ x: Tensor, base: Float, offset: Int, adjacent: Bool) throws -> Tensor {
        guard x.shape.count >= 2 else { throw ExecutionFailure("rope needs [..., seq, head_dim]") }
        let d = x.shape[x.shape.count - 1], s = x.shape[x.shape.count - 2]
        guard d % 2 == 0, d > 0 else { throw ExecutionFailure("rope head_dim \(d) must be even") }
        let half = d / 2
        var y = x.asFloats
        let inv = (0..<half).map { Double(powf(base, -2 * Float($0) / Float(d))) }
        for row in 0..<(x.count / d) {
            let p = Double(row % max(s, 1) + offset)
            let b = row * d
            for i in 0..<half {
                let ang = p * inv[i]
                let c = Float(cos(ang)), sn = Float(sin(ang))
                let (i0, i1) = adjacent ? (b + 2 * i, b + 2 * i + 1) : (b + i, b + i + half)
                let x0 = y[i0], x1 = y[i1]
                y[i0] = x0 * c - x1 * sn
                y[i1] = x0 * sn + x1 * c
            }
        }
        return Tensor(shape: x.shape, floats: y)
    }

    static func attention(_ q: Tensor, _ k: Tensor, _ v: Tensor, mask: Tensor?, attributes: [String: Attribute]) throws -> Tensor {
        func strip(_ t: Tensor) throws -> [Int] {
            if t.shape.count == 4, t.shape[0] == 1 { return Array(t.shape.dropFirst()) }
            guard t.shape.count == 3 else { throw ExecutionFailure("attention operands must be [H, S, D] or [1, H, S, D], got \(t.shape)") }
            return t.shape
        }
        let qs = try strip(q), ks = try strip(k), vs = try strip(v)
        let (hq, s, d) = (qs[0], qs[1], qs[2])
        let (hkv, t) = (ks[0], ks[1])
        guard ks[2] == d, vs == ks, hkv > 0, hq % hkv == 0 else { throw ExecutionFailure("attention shapes q \(q.shape) k \(k.shape) v \(v.shape) mismatch") }
        if let h = attributes["heads"]?.intValue, h != hq { throw ExecutionFailure("heads = \(h) but q has \(hq)") }
        if let h = attributes["kv_heads"]?.intValue, h != hkv { throw ExecutionFailure("kv_heads = \(h) but k has \(hkv)") }
        let scale = Float(attributes["scale"]?.floatValue ?? 1 / sqrt(Double(d)))
        let causal = attributes["causal"]?.intValue == 1
        var m: [Float]? = nil
        if let mask {
            var ms = mask.shape
            while ms.count > 3, ms.first == 1 { ms.removeFirst() }
            m = try mask.reshaped(ms).broadcast(to: Shapes.broadcast(ms, [hq, s, t])).asFloats
            guard m?.count == hq * s * t else { throw ExecutionFailure("mask \(mask.shape) does not broadcast to [\(hq), \(s), \(t)]") }
        }
        let qf = q.asFloats, kf = k.asFloats, vf = v.asFloats
        var out = [Float](repeating: 0, count: hq * s * d)
        var row = [Float](repeating: 0, count: t)
        let group = hq / hkv
        for h in 0..<hq {
            let g = h / group
            for i in 0..<s {
                var mx = -Float.infinity
                for j in 0..<t {
                    var dot: Float = 0
                    for c in 0..<d { dot += qf[(h * s + i) * d + c] * kf[(g * t + j) * d + c] }
                    var val = dot * scale + (m?[(h * s + i) * t + j] ?? 0)
                    if causal && j > i + (t - s) { val = -.infinity }
                    row[j] = val
                    mx = max(mx, val)
                }
                if mx == -.infinity { mx = 0 }
                var sum: Float = 0
                for j in 0..<t { row[j] = expf(row[j] - mx); sum += row[j] }
                for j in 0..<t {
                    let p = row[j] / sum
                    for c in 0..<d { out[(h * s + i) * d + c] += p * vf[(g * t + j) * d + c] }
                }
            }
        }
        return Tensor(shape: q.shape, floats: out)
    }
}
