import TensorIR

extension Recognize {
    /// `mul(x, sigmoid(x))` (either order; sigmoid single-use) → `silu(x)`.
    static func matchSiLU(_ root: Operation, _ g: Graph) -> Operation? {
        guard root.kind == .mul, let out = root.results.first else { return nil }
        for (x, s) in g.orders(root) {
            guard let sig = g.inner(s, .sigmoid), sig.operands == [x], g.sameType(x, out) else { continue }
            return Operation(.silu, operands: [x], results: root.results, origin: root.origin)
        }
        return nil
    }

    /// `mul(silu(g), u)` (either order; silu single-use; g, u and the result of one type)
    /// → `swiglu(g, u)`. The silu may itself have been recognized earlier in the sweep.
    static func matchSwiGLU(_ root: Operation, _ g: Graph) -> Operation? {
        guard root.kind == .mul, let out = root.results.first else { return nil }
        for (s, up) in g.orders(root) {
            guard let silu = g.inner(s, .silu), silu.operands.count == 1 else { continue }
            let gate = silu.operands[0]
            guard g.sameType(gate, out), g.sameType(up, out) else { continue }
            return Operation(.swiglu, operands: [gate, up], results: root.results, origin: root.origin)
        }
        return nil
    }

    /// √(2/π), the tanh-GELU coefficient.
    static let geluScale = (2 / Double.pi).squareRoot()
    /// Relative tolerance for f32-rounded GELU constants.
    static let constantTolerance = 1e-6

    /// `mul(H, P)` (either order) with H = `mul(0.5, x)` and P = `add(1, tanh(mul(√(2/π),
    /// add(x, mul(0.044715, pow(x, 3))))))`, every mul/add in either order, every intermediate
    /// single-use, every coefficient checked → `gelu(x) {approximate = "tanh"}`.
    static func matchGeluTanh(_ root: Operation, _ g: Graph) -> Operation? {
        guard root.kind == .mul, let out = root.results.first else { return nil }
        for (h, p) in g.orders(root) {
            guard let half = g.inner(h, .mul) else { continue }
            for (c, x) in g.orders(half) where g.isSplat(c, 0.5) && g.sameType(x, out) && g.sameType(h, out) {
                if geluTanhBranch(p, x: x, g) {
                    return Operation(.gelu, operands: [x], results: root.results,
                                     attributes: ["approximate": .string("tanh")], origin: root.origin)
                }
            }
        }
        return nil
    }

    /// p = 1 + tanh(√(2/π) · (x + 0.044715 · x³)) of this x.
    static func geluTanhBranch(_ p: ValueID, x: ValueID, _ g: Graph) -> Bool {
        guard let add = g.inner(p, .add) else { return false }
        for (one, t) in g.orders(add) where g.isSplat(one, 1) && g.sameType(t, p) {
            guard let tanh = g.inner(t, .tanh), let scaled = g.inner(tanh.operands[0], .mul) else { continue }
            for (c, inner) in g.orders(scaled) where g.isSplat(c, geluScale, relativeTolerance: constantTolerance) && g.sameType(inner, t) {
                guard let sum = g.inner(inner, .add) else { continue }
                for (x1, cubic) in g.orders(sum) where x1 == x && g.sameType(cubic, inner) {
                    guard let m = g.inner(cubic, .mul) else { continue }
                    for (k, cube) in g.orders(m) where g.isSplat(k, 0.044715, relativeTolerance: constantTolerance) {
                        if isCube(cube, of: x, g) { return true }
                    }
                }
            }
        }
        return false
    }

    /// `pow(x, 3)` (exponent exactly 3) or `mul(mul(x, x), x)` in either order; single-use.
    static func isCube(_ v: ValueID, of x: ValueID, _ g: Graph) -> Bool {
        if let pow = g.inner(v, .pow), pow.operands.count == 2 {
            return pow.operands[0] == x && g.isSplat(pow.operands[1], 3)
        }
        guard let mul = g.inner(v, .mul) else { return false }
        for (a, sq) in g.orders(mul) where a == x {
            if let s = g.inner(sq, .mul), s.operands == [x, x] { return true }
        }
        return false
    }

    /// `softmax(add(s, mask))` with the add single-use and of s's type (so the mask only
    /// broadcasts) → `softmax(s, mask)`. A constant operand is taken as the mask.
    static func matchMaskedSoftmax(_ root: Operation, _ g: Graph) -> Operation? {
        guard root.kind == .softmax, root.operands.count == 1, let add = g.inner(root.operands[0], .add),
              let sum = add.results.first, g.types[sum]?.element == .f32 else { return nil }
        let pairs = g.orders(add)
        let candidates = pairs.filter { g.def($0.1, .constant) != nil } + pairs.filter { g.def($0.1, .constant) == nil }
        for (s, mask) in candidates where g.sameType(s, sum) && g.maskFits(mask, s) {
            var op = root
            op.operands = [s, mask]
            return op
        }
        return nil
    }
}
