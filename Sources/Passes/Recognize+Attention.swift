import TensorIR

extension Recognize {
    /// Scaled dot-product attention with grouped KV heads, as HF LLaMA exports it:
    /// `matmul(softmax(scaled[, mask]), V')` with scaled = `div(S, c)`, `mul(S, c)` (either
    /// order) or S, S = `matmul(q, transpose(K', swap last two))`, and K', V' either k, v
    /// themselves or `repeat_kv` of them (`reshape(expand(unsqueeze(t)))` from [.., Hkv, T, D]
    /// through [.., Hkv, 1, T, D] and [.., Hkv, n, T, D] to [.., Hkv·n, T, D], each query head
    /// h reading KV head h / n); a constant causal mask becomes `causal = 1`. q is [Hq, S, D] or [1, Hq, S, D], k and v of one type; every
    /// intermediate single-use; the softmax over the last axis → `attention(q, k, v[, mask])
    /// {heads = Hq, kv_heads = Hkv, causal, scale}`.
    static func matchAttention(_ root: Operation, _ g: Graph) -> Operation? {
        guard root.kind == .matmul, root.operands.count == 2, let out = root.results.first,
              let softmax = g.inner(root.operands[0], .softmax), (1...2).contains(softmax.operands.count),
              let (v, vRepeat) = repeatedKV(root.operands[1], g) else { return nil }
        let axis = softmax.attributes["axis"]?.intValue ?? -1
        guard let rank = g.types[out]?.rank, rank == 3 || rank == 4, axis == -1 || axis == Int64(rank - 1) else { return nil }
        let (scores, scale) = unscaled(softmax.operands[0], g)
        guard let scale, let qk = g.inner(scores, .matmul), qk.operands.count == 2,
              let kt = g.inner(qk.operands[1], .transpose),
              kt.attributes["perm"]?.intsValue == (rank == 4 ? [0, 1, 3, 2] : [0, 2, 1]),
              let (k, kRepeat) = repeatedKV(kt.operands[0], g), kRepeat == vRepeat, g.sameType(k, v) else { return nil }
        let q = qk.operands[0]
        guard let qs = g.types[q]?.shape, let ks = g.types[k]?.shape, qs.count == rank, ks.count == rank,
              g.sameType(q, out), rank == 3 || (qs[0] == 1 && ks[0] == 1) else { return nil }
        let hq = qs[rank - 3], hkv = ks[rank - 3]
        guard hkv > 0, hq == hkv * kRepeat, qs[rank - 1] == ks[rank - 1] else { return nil }
        var operands = [q, k, v]
        var causal: Int64 = 0
        if softmax.operands.count == 2 {
            let mask = softmax.operands[1]
            guard g.maskFits(mask, softmax.results[0]) else { return nil }
            if isCausalMask(mask, queries: qs[rank - 2], keys: ks[rank - 2], g) { causal = 1 } else { operands.append(mask) }
        }
        return Operation(.attention, operands: operands, results: root.results,
                         attributes: ["heads": .int(Int64(hq)), "kv_heads": .int(Int64(hkv)),
                                      "causal": .int(causal), "scale": .float(scale)],
                         origin: root.origin)
    }

    /// (S, scale) for scaled = S / c, S · c, c · S (c a splat constant that does not
    /// broadcast S), or (scaled, 1).
    static func unscaled(_ scaled: ValueID, _ g: Graph) -> (ValueID, Double?) {
        if let div = g.inner(scaled, .div), div.operands.count == 2, g.sameType(div.operands[0], scaled) {
            guard let c = g.splat(div.operands[1]), c != 0 else { return (scaled, nil) }
            return (div.operands[0], 1 / c)
        }
        if let mul = g.inner(scaled, .mul) {
            for (s, c) in g.orders(mul) where g.sameType(s, scaled) {
                if let c = g.splat(c) { return (s, c) }
            }
            return (scaled, nil)
        }
        return (scaled, 1)
    }

    /// (t, n) when `v` is repeat_kv(t) with n copies of each head, checked by the types
    /// (unsqueeze and reshape keep the data order; expand is fixed by its result type);
    /// otherwise (v, 1).
    static func repeatedKV(_ v: ValueID, _ g: Graph) -> (ValueID, Int)? {
        guard let vs = g.types[v]?.shape, vs.count >= 3 else { return nil }
        guard let reshape = g.inner(v, .reshape), let expand = g.inner(reshape.operands[0], .expand),
              let unsqueeze = g.inner(expand.operands[0], .unsqueeze), let t = unsqueeze.operands.first,
              let ts = g.types[t]?.shape, ts.count == vs.count,
              let us = g.types[unsqueeze.results[0]]?.shape, let es = g.types[expand.results[0]]?.shape,
              g.types[t]?.element == g.types[v]?.element else { return (v, 1) }
        let r = ts.count, h = ts[r - 3], n = vs[r - 3] / max(h, 1)
        var unsqueezed = ts; unsqueezed.insert(1, at: r - 2)
        var expanded = ts; expanded.insert(n, at: r - 2)
        var repeated = ts; repeated[r - 3] = h * n
        guard h > 0, n >= 1, us == unsqueezed, es == expanded, vs == repeated else { return (v, 1) }
        return (t, n)
    }

    /// Mask entries at or below this count as −∞: added to any score under 10²² they round to
    /// themselves, so exp gives exactly 0, as for `causal = 1`.
    static let maskedThreshold = -1e30

    /// The mask is a constant [1…, S, T] table that is 0 where key j ≤ i + (T − S) and
    /// ≤ `maskedThreshold` elsewhere — exactly what `causal = 1` does.
    static func isCausalMask(_ mask: ValueID, queries s: Int, keys t: Int, _ g: Graph) -> Bool {
        guard let ms = g.types[mask]?.shape, ms.count >= 2, ms.suffix(2) == [s, t],
              ms.dropLast(2).allSatisfy({ $0 == 1 }), let values = g.floatTable(mask), values.count == s * t else { return false }
        for i in 0..<s {
            for j in 0..<t {
                let m = values[i * t + j]
                if j > i + (t - s) ? !(m <= maskedThreshold) : m != 0 { return false }
            }
        }
        return true
    }
}
