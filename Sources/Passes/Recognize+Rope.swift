import Foundation
import TensorIR

extension Recognize {
    /// Largest cos/sin table read when checking a RoPE match.
    static let ropeTableLimit = 1 << 16
    /// Absolute tolerance of a table entry against cos/sin of the recomputed angle (the tables
    /// are f32, computed in f32 by the exporter).
    static let ropeTolerance = 2e-5

    /// HF `apply_rotary_pos_emb` with `rotate_half`:
    /// `add(mul(x, cos), mul(concat(neg(slice(x, h:)), slice(x, :h), axis=-1), sin))` (every
    /// add/mul in either order, every intermediate single-use, the slices over the last axis of
    /// x with head_dim D = 2h), where cos/sin are constant [.., S, D] tables (leading dims 1)
    /// equal to cos/sin(p · base^(−2(j mod h)/D)) for p < S → `rope(x) {base, offset = 0,
    /// style = "half"}`. The base is read off the table and the whole table is then checked.
    static func matchRopeHalf(_ root: TensorIR.Operation, _ g: Graph) -> TensorIR.Operation? {
        guard root.kind == .add, let out = root.results.first else { return nil }
        for (a, b) in g.orders(root) {
            guard let ma = g.inner(a, .mul), let mb = g.inner(b, .mul) else { continue }
            for (x, cos) in g.orders(ma) where g.sameType(x, out) {
                for (rot, sin) in g.orders(mb) where isRotateHalf(rot, of: x, g) {
                    guard let base = ropeBase(cos: cos, sin: sin, x: x, g) else { continue }
                    return TensorIR.Operation(.rope, operands: [x], results: root.results,
                                     attributes: ["base": .float(base), "offset": .int(0), "style": .string("half")],
                                     origin: root.origin)
                }
            }
        }
        return nil
    }

    /// rot = concat(neg(x[..., h:]), x[..., :h]) over the last axis, D = 2h.
    static func isRotateHalf(_ rot: ValueID, of x: ValueID, _ g: Graph) -> Bool {
        guard let shape = g.types[x]?.shape, let d = shape.last, d >= 2, d % 2 == 0, g.sameType(rot, x),
              let concat = g.inner(rot, .concat), concat.operands.count == 2,
              let axis = concat.attributes["axis"]?.intValue, axis == -1 || axis == Int64(shape.count - 1),
              let neg = g.inner(concat.operands[0], .neg), neg.operands.count == 1 else { return false }
        let h = Int64(d / 2)
        return isLastAxisSlice(neg.operands[0], of: x, start: h, end: Int64(d), g)
            && isLastAxisSlice(concat.operands[1], of: x, start: 0, end: h, g)
    }

    /// v = slice(x, [start], [end'], [last axis], [1]) (single-use), where end' clamps to `end`.
    static func isLastAxisSlice(_ v: ValueID, of x: ValueID, start: Int64, end: Int64, _ g: Graph) -> Bool {
        guard let slice = g.inner(v, .slice), slice.operands.count >= 4, slice.operands.count <= 5,
              slice.operands[0] == x, let rank = g.types[x]?.rank,
              let starts = g.intConstant(slice.operands[1]), let ends = g.intConstant(slice.operands[2]),
              let axes = g.intConstant(slice.operands[3]), starts.count == 1, ends.count == 1, axes.count == 1,
              axes[0] == -1 || axes[0] == Int64(rank - 1) else { return false }
        if slice.operands.count == 5 { guard g.intConstant(slice.operands[4]) == [1] else { return false } }
        let clampedEnd = ends[0] >= end ? end : ends[0]
        return starts[0] == start && clampedEnd == end
    }

    /// The RoPE base the cos/sin tables were built with, if both are [.., S, D] constants
    /// (leading dims 1) matching it entry by entry.
    static func ropeBase(cos: ValueID, sin: ValueID, x: ValueID, _ g: Graph) -> Double? {
        guard let xs = g.types[x]?.shape, xs.count >= 2, let d = xs.last else { return nil }
        let s = xs[xs.count - 2]
        for table in [cos, sin] {
            guard let ts = g.types[table]?.shape, ts.count >= 2, ts.count <= xs.count,
                  ts.suffix(2) == [s, d], ts.dropLast(2).allSatisfy({ $0 == 1 }) else { return nil }
        }
        guard let c = g.floatTable(cos), let sn = g.floatTable(sin), c.count == s * d, sn.count == s * d else { return nil }
        let h = d / 2
        var base = 10000.0
        if h >= 2, s >= 2 {
            // Position 1, frequency 1: angle = base^(−2/D).
            let angle = atan2(sn[d + 1], c[d + 1])
            guard angle > 0, angle < 1 else { return nil }
            let estimate = Foundation.pow(angle, -Double(d) / 2)
            // The f32 table gives the base to a few parts in 10⁶; snap to the integer it rounds to.
            base = abs(estimate.rounded() - estimate) <= 1e-3 * estimate ? estimate.rounded() : estimate
        }
        for p in 0..<s {
            for j in 0..<d {
                let angle = Double(p) * exp(-2 * Double(j % h) / Double(d) * log(base))
                guard abs(c[p * d + j] - Foundation.cos(angle)) <= ropeTolerance,
                      abs(sn[p * d + j] - Foundation.sin(angle)) <= ropeTolerance else { return nil }
            }
        }
        return base
    }
}
