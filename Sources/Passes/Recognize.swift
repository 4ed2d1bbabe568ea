/// `recognize`: rewrites the primitive subgraphs torch.onnx.export produces into the named ops
/// of docs/ops.md, so later stages see one op per transformer building block.
///
/// | Before | After |
/// |--------|-------|
/// | `mul(γ, mul(x, div(1, sqrt(add(reduce_mean(pow(x, 2), [-1]), ε)))))` (also `reciprocal`, `x / sqrt(…)`, `mul(x, x)`) | `rms_norm(x, γ) {epsilon = ε}` |
/// | `mul(x, sigmoid(x))` | `silu(x)` |
/// | `mul(silu(g), u)` | `swiglu(g, u)` |
/// | `softmax(add(s, mask))` | `softmax(s, mask)` |
/// | `add(mul(x, cos), mul(concat(neg(x[…, h:]), x[…, :h]), sin))` (cos/sin tables checked) | `rope(x) {style = "half", base}` |
/// | `matmul(softmax(div(matmul(q, transpose(repeat_kv(k))), c)[, mask]), repeat_kv(v))` | `attention(q, k, v[, mask]) {heads, kv_heads, causal, scale = 1/c}` (a constant causal mask → `causal = 1`) |
/// | `mul(mul(0.5, x), add(1, tanh(mul(√(2/π), add(x, mul(0.044715, pow(x, 3)))))))` | `gelu(x) {approximate = "tanh"}` |
///
/// A match checks every constant it relies on (exponents, axes, keepdims, the GELU
/// coefficients, a scalar ε), that the same value feeds every branch, that no broadcast
/// changes the result type, and that each intermediate has exactly one use (an intermediate
/// used elsewhere blocks the rewrite). The new op replaces the subgraph's last op, keeping its
/// result and origin; the other ops of the subgraph become dead and are removed.
/// Run after `canonicalize` (static shapes, folded constants).
public import TensorIR

public struct Recognize: Pass {
    public static let name = "recognize"
    public static let summary = "primitive subgraphs → rms_norm, silu, swiglu, gelu (tanh), masked softmax, rope (half), attention (GQA)"
    /// Upper bound on sweeps; each productive sweep rewrites at least one op.
    static let maxRounds = 16

    public init() {}

    public func run(on module: inout Module) throws(IRError) {
        for i in module.functions.indices {
            var f = module.functions[i]
            Self.recognize(&f, constants: module.constants)
            module.functions[i] = f.renumbered()
        }
    }

    /// Rewrites one function to a fixpoint: each sweep tries every pattern at every op (in
    /// program order, so `silu` found in a sweep can feed `swiglu` later in the same sweep),
    /// then removes the dead remains.
    public static func recognize(_ f: inout Function, constants: ConstantTable) {
        for _ in 0..<maxRounds {
            var changed = false
            let graph = Graph(f, constants: constants)
            for i in f.operations.indices {
                if let op = match(f.operations[i], graph) {
                    f.operations[i] = op
                    graph.operations[i] = op
                    changed = true
                }
            }
            guard changed else { return }
            _ = Canonicalize.eliminateDeadCode(&f)
        }
    }

    /// Every pattern in priority order; the first that matches wins.
    static func match(_ root: Operation, _ g: Graph) -> Operation? {
        guard root.results.count == 1 else { return nil }
        return matchRMSNorm(root, g) ?? matchSwiGLU(root, g) ?? matchSiLU(root, g)
            ?? matchGeluTanh(root, g) ?? matchMaskedSoftmax(root, g) ?? matchRopeHalf(root, g)
            ?? matchAttention(root, g)
    }
}

/// Def-use view of a function used by the matchers. Use counts are taken at the start of a
/// sweep, so ops made dead by an earlier rewrite in the sweep still count as uses (which only
/// blocks matches until the next sweep).
final class Graph {
    var operations: [Operation]
    let types: [ValueID: TensorType]
    let constants: ConstantTable
    /// Value → index of its defining op (arguments are absent).
    let definer: [ValueID: Int]
    /// Value → number of operand slots (and function results) that use it.
    let uses: [ValueID: Int]

    init(_ f: Function, constants: ConstantTable) {
        operations = f.operations
        types = f.types
        self.constants = constants
        var definer: [ValueID: Int] = [:]
        var uses: [ValueID: Int] = [:]
        for (i, op) in f.operations.enumerated() {
            for r in op.results { definer[r] = i }
            for v in op.operands { uses[v, default: 0] += 1 }
        }
        for v in f.results { uses[v, default: 0] += 1 }
        self.definer = definer
        self.uses = uses
    }

    /// The single-result op defining `v`, if it has `kind`.
    func def(_ v: ValueID, _ kind: OpKind) -> Operation? {
        guard let i = definer[v], operations[i].kind == kind, operations[i].results.count == 1 else { return nil }
        return operations[i]
    }

    /// Like `def`, but only when `v` has exactly one use (an intermediate of the pattern).
    func inner(_ v: ValueID, _ kind: OpKind) -> Operation? {
        uses[v] == 1 ? def(v, kind) : nil
    }

    /// The two operands of a binary op in both orders, for commutative matching.
    func orders(_ op: Operation) -> [(ValueID, ValueID)] {
        guard op.operands.count == 2 else { return [] }
        return [(op.operands[0], op.operands[1]), (op.operands[1], op.operands[0])]
    }

    /// The values of a small f32 constant (inline `value` or a named weight of ≤ 16 elements).
    func floatConstant(_ v: ValueID) -> [Double]? {
        guard let op = def(v, .constant), types[v]?.element == .f32 else { return nil }
        if let value = op.attributes["value"] {
            switch value {
            case .floats(let xs): return xs
            case .ints(let xs): return xs.map(Double.init)
            default: return nil
            }
        }
        guard let name = op.attributes["name"]?.stringValue, let data = constants[name],
              data.elementCount >= 1, data.elementCount <= 16,
              let xs = try? data.floats() else { return nil }
        return xs.map(Double.init)
    }

    /// The value of a constant all of whose elements are equal (a scalar after broadcasting).
    func splat(_ v: ValueID) -> Double? {
        guard let xs = floatConstant(v), let first = xs.first, xs.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    /// True when `v` is a splat constant within `relativeTolerance` of `expected`.
    func isSplat(_ v: ValueID, _ expected: Double, relativeTolerance: Double = 0) -> Bool {
        guard let s = splat(v) else { return false }
        return abs(s - expected) <= relativeTolerance * abs(expected)
    }

    /// The values of an f32 constant table of at most `Recognize.ropeTableLimit` elements.
    func floatTable(_ v: ValueID) -> [Double]? {
        guard let op = def(v, .constant), types[v]?.element == .f32 else { return nil }
        if case .floats(let xs)? = op.attributes["value"] { return xs }
        guard let name = op.attributes["name"]?.stringValue, let data = constants[name],
              data.elementCount <= Recognize.ropeTableLimit, let xs = try? data.floats() else { return nil }
        return xs.map(Double.init)
    }

    /// The integer values of a constant (inline `value` only; canonicalize inlines small ones).
    func intConstant(_ v: ValueID) -> [Int64]? {
        def(v, .constant)?.attributes["value"]?.intsValue
    }

    /// `mask` (f32) broadcasts into `scores` without changing its shape: no more dims, and
    /// each right-aligned dim 1 or equal.
    func maskFits(_ mask: ValueID, _ scores: ValueID) -> Bool {
        guard let tm = types[mask], tm.element == .f32, let ms = tm.shape, let ss = types[scores]?.shape,
              ms.count <= ss.count else { return false }
        return zip(ms.reversed(), ss.reversed()).allSatisfy { $0 == 1 || $0 == $1 }
    }

    /// `a` and `b` have the same known type.
    func sameType(_ a: ValueID, _ b: ValueID) -> Bool {
        guard let ta = types[a], let tb = types[b] else { return false }
        return ta == tb
    }
}
