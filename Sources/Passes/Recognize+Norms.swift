import TensorIR

extension Recognize {
    /// `mul(γ, N)` (either order) with N the RMS-normalized x:
    /// `mul(x, R)` / `mul(R, x)` with R = `div(1, S)` or `reciprocal(S)`, or `div(x, S)`;
    /// S = `sqrt(add(M, ε))` (either order), M = `reduce_mean(P)` over exactly the last axis
    /// with keepdims, P = `pow(x, 2)` or `mul(x, x)`. → `rms_norm(x, γ) {axis = -1, epsilon = ε}`.
    static func matchRMSNorm(_ root: Operation, _ g: Graph) -> Operation? {
        guard root.kind == .mul, let out = root.results.first else { return nil }
        for (gamma, n) in g.orders(root) {
            guard let x = normalizedInput(n, g), g.sameType(x, out),
                  let epsilon = rmsEpsilon(of: n, x: x, g), gammaFits(gamma, x: x, g) else { continue }
            return Operation(.rmsNorm, operands: [x, gamma], results: root.results,
                             attributes: ["axis": .int(-1), "epsilon": .float(epsilon)], origin: root.origin)
        }
        return nil
    }

    /// The x of N = x · (1/S) or x / S, when N is single-use.
    static func normalizedInput(_ n: ValueID, _ g: Graph) -> ValueID? {
        if let div = g.inner(n, .div), div.operands.count == 2 { return div.operands[0] }
        guard let mul = g.inner(n, .mul) else { return nil }
        for (x, r) in g.orders(mul) {
            if g.inner(r, .reciprocal)?.operands.count == 1 { return x }
            if let div = g.inner(r, .div), div.operands.count == 2, g.isSplat(div.operands[0], 1) { return x }
        }
        return nil
    }

    /// ε when N's denominator is sqrt(mean(x², last axis) + ε) of the same x.
    static func rmsEpsilon(of n: ValueID, x: ValueID, _ g: Graph) -> Double? {
        var s: ValueID?
        if let div = g.def(n, .div), div.operands[0] == x {
            s = div.operands[1]
        } else if let mul = g.def(n, .mul) {
            for (a, r) in g.orders(mul) where a == x {
                if let rec = g.inner(r, .reciprocal) { s = rec.operands[0] }
                else if let div = g.inner(r, .div), g.isSplat(div.operands[0], 1) { s = div.operands[1] }
                if s != nil { break }
            }
        }
        guard let s, let sqrt = g.inner(s, .sqrt), sqrt.operands.count == 1,
              let add = g.inner(sqrt.operands[0], .add) else { return nil }
        for (m, e) in g.orders(add) {
            guard let eps = g.splat(e), eps >= 0, let mean = g.inner(m, .reduceMean),
                  reducesLastAxisOnly(mean, x: x, g), let p = mean.operands.first, isSquare(p, of: x, g),
                  let tm = g.types[m], let te = g.types[add.results[0]], tm == te else { continue }
            return eps
        }
        return nil
    }

    /// reduce_mean over exactly the last axis of x, keepdims = 1.
    static func reducesLastAxisOnly(_ mean: Operation, x: ValueID, _ g: Graph) -> Bool {
        guard let rank = g.types[x]?.rank, rank >= 1 else { return false }
        if let keep = mean.attributes["keepdims"], keep.intValue != 1 { return false }
        let axes: [Int64]?
        if mean.operands.count == 2 { axes = g.intConstant(mean.operands[1]) }
        else if mean.operands.count == 1 { axes = mean.attributes["axes"]?.intsValue }
        else { return false }
        guard let axes, axes.count == 1 else { return false }
        return axes[0] == -1 || axes[0] == Int64(rank - 1)
    }

    /// p = pow(x, 2) with the exponent exactly 2, or mul(x, x); single-use.
    static func isSquare(_ p: ValueID, of x: ValueID, _ g: Graph) -> Bool {
        if let pow = g.inner(p, .pow), pow.operands.count == 2 {
            return pow.operands[0] == x && g.isSplat(pow.operands[1], 2)
        }
        if let mul = g.inner(p, .mul), mul.operands.count == 2 {
            return mul.operands[0] == x && mul.operands[1] == x
        }
        return false
    }

    /// γ is f32 and broadcasts over x's last axis only: every dim 1 except the last, which is
    /// 1 or x's last dim, and no more dims than x.
    static func gammaFits(_ gamma: ValueID, x: ValueID, _ g: Graph) -> Bool {
        guard let tg = g.types[gamma], tg.element == .f32, let gs = tg.shape, tg.isStatic,
              let xs = g.types[x]?.shape, let d = xs.last, gs.count <= xs.count else { return false }
        guard let last = gs.last else { return true }
        return gs.dropLast().allSatisfy { $0 == 1 } && (last == d || last == 1)
    }
}
