/// `canonicalize`: makes shapes static and removes redundancy, to a fixpoint.
///
/// Per round: one forward sweep of shape inference (`ShapeInference.infer`) and constant
/// folding of integer and shape arithmetic (`Folder`), then identity removal,
/// common-subexpression elimination and dead-code elimination. The torch.onnx.export chain
/// `reshape(x, concat(unsqueeze(gather(shape(x), 0)), [-1]))` → `reshape(x, constant dense<[2, -1]>)`
/// with a static result type. Small integer weights (`constant @n` of ≤ 1024 i64 values) become
/// inline `value` constants so they can fold.
public import TensorIR

public struct Canonicalize: Pass {
    public static let name = "canonicalize"
    public static let summary = "shape inference, constant folding of shape arithmetic, identity removal, CSE, DCE"
    /// Upper bound on rounds; each productive round removes or folds at least one op.
    static let maxRounds = 64

    public init() {}

    public func run(on module: inout Module) throws(IRError) {
        for i in module.functions.indices {
            var f = module.functions[i]
            try Self.canonicalize(&f, constants: module.constants)
            module.functions[i] = f.renumbered()
        }
    }

    /// Canonicalizes one function.
    public static func canonicalize(_ f: inout Function, constants: ConstantTable) throws(IRError) {
        inlineSmallIntegerConstants(&f, constants)
        for _ in 0..<maxRounds {
            var changed = try inferAndFold(&f)
            changed = removeIdentities(&f) || changed
            changed = eliminateCommonSubexpressions(&f) || changed
            changed = eliminateDeadCode(&f) || changed
            if !changed { return }
        }
    }

    static func inlineSmallIntegerConstants(_ f: inout Function, _ constants: ConstantTable) {
        for i in f.operations.indices {
            let op = f.operations[i]
            guard op.kind == .constant, op.operands.isEmpty, op.results.count == 1, op.attributes.count == 1,
                  let name = op.attributes["name"]?.stringValue, let data = constants[name],
                  case .int64(let v) = data.storage, v.count <= Folder.elementLimit,
                  let t = f.types[op.results[0]], t.element.isInteger, t.elementCount == v.count else { continue }
            f.operations[i].attributes = ["value": .ints(v)]
        }
    }

    /// One forward sweep: refines each op's result types from its operands (known constant
    /// values included, so value-dependent shapes resolve), then replaces the op by an inline
    /// constant when it folds. A whole Shape→…→Reshape chain resolves in one sweep.
    static func inferAndFold(_ f: inout Function) throws(IRError) -> Bool {
        var known: [ValueID: Known] = [:]
        var changed = false
        for i in f.operations.indices {
            let op = f.operations[i]
            if op.kind == .constant {
                if op.results.count == 1, let t = f.types[op.results[0]], let shape = t.shape, t.isStatic,
                   let k = knownValue(op.attributes["value"], shape: shape) {
                    known[op.results[0]] = k
                }
                continue
            }
            let operandTypes = op.operands.compactMap { f.types[$0] }
            guard operandTypes.count == op.operands.count else { continue }
            switch ShapeInference.infer(op, operandTypes: operandTypes, operandValues: op.operands.map { known[$0]?.ints }) {
            case .unknown: break
            case .conflict(let detail): throw IRError.invalid(function: f.name, op: op.label(i), detail: detail)
            case .shapes(let shapes):
                for (r, shape) in zip(op.results, shapes) {
                    guard let declared = f.types[r] else { continue }
                    guard let refined = ShapeInference.refine(declared, with: shape) else {
                        throw IRError.invalid(function: f.name, op: op.label(i),
                                              detail: "result \(r) has type \(IRPrinter.typeText(declared)) but its operands give another shape")
                    }
                    if refined != declared { f.types[r] = refined; changed = true }
                }
            }
            guard op.results.count == 1, let resultType = f.types[op.results[0]] else { continue }
            let folder = Folder(op: op, operands: op.operands.map { known[$0] }, resultType: resultType)
            guard let k = folder.fold(inputShapes: operandTypes.map(\.shape)),
                  let refined = ShapeInference.refine(resultType, with: k.shape),
                  FoldIndex.count(k.shape) == k.count else { continue }
            f.types[op.results[0]] = refined
            f.operations[i] = Operation(.constant, operands: [], results: op.results,
                                        attributes: ["value": k.attribute], origin: op.origin)
            known[op.results[0]] = k
            changed = true
        }
        return changed
    }

    static func knownValue(_ value: Attribute?, shape: [Int]) -> Known? {
        switch value {
        case .ints(let v)?: FoldIndex.count(shape) == v.count ? Known(shape: shape, values: .ints(v)) : nil
        case .floats(let v)?: FoldIndex.count(shape) == v.count ? Known(shape: shape, values: .floats(v)) : nil
        default: nil
        }
    }

    /// identity(x), cast to x's own element type, reshape/expand/flatten/squeeze/unsqueeze that
    /// keep x's static shape, and transpose by the identity permutation → x.
    static func removeIdentities(_ f: inout Function) -> Bool {
        var replace: [ValueID: ValueID] = [:]
        var kept: [Operation] = []
        for var op in f.operations {
            op.operands = op.operands.map { replace[$0] ?? $0 }
            if op.results.count == 1, let x = op.operands.first, let tx = f.types[x], let ty = f.types[op.results[0]],
               isIdentity(op, tx, ty) {
                replace[op.results[0]] = x
                f.types[op.results[0]] = nil
                continue
            }
            kept.append(op)
        }
        guard !replace.isEmpty else { return false }
        f.operations = kept
        f.results = f.results.map { replace[$0] ?? $0 }
        return true
    }

    static func isIdentity(_ op: Operation, _ tx: TensorType, _ ty: TensorType) -> Bool {
        guard tx.element == ty.element else { return false }
        switch op.kind {
        case .identity: return ShapeInference.refine(tx, with: ty.shape) != nil && (tx.isStatic || tx == ty)
        case .cast: return tx == ty
        case .reshape, .expand, .flatten, .squeeze, .unsqueeze: return tx.isStatic && tx == ty
        case .transpose:
            guard tx.isStatic, tx == ty, let rank = tx.rank else { return false }
            let perm = op.attributes["perm"]?.intsValue ?? (0..<Int64(rank)).reversed()
            return perm == (0..<Int64(rank)).map { $0 }
        default: return false
        }
    }

    struct OpKey: Hashable {
        var kind: OpKind
        var operands: [ValueID]
        var attributes: [String: Attribute]
        var resultTypes: [TensorType?]
    }

    /// Later ops equal to an earlier one (kind, operands, attributes, result types; origin
    /// ignored) reuse the earlier results.
    static func eliminateCommonSubexpressions(_ f: inout Function) -> Bool {
        var seen: [OpKey: [ValueID]] = [:]
        var replace: [ValueID: ValueID] = [:]
        var kept: [Operation] = []
        for var op in f.operations {
            op.operands = op.operands.map { replace[$0] ?? $0 }
            let key = OpKey(kind: op.kind, operands: op.operands, attributes: op.attributes, resultTypes: op.results.map { f.types[$0] })
            if let earlier = seen[key], earlier.count == op.results.count {
                for (r, e) in zip(op.results, earlier) { replace[r] = e; f.types[r] = nil }
                continue
            }
            seen[key] = op.results
            kept.append(op)
        }
        guard !replace.isEmpty else { return false }
        f.operations = kept
        f.results = f.results.map { replace[$0] ?? $0 }
        return true
    }

    /// Removes ops none of whose results reach a function result (all ops are pure).
    static func eliminateDeadCode(_ f: inout Function) -> Bool {
        var live = Set(f.results)
        var keep = Array(repeating: false, count: f.operations.count)
        for i in f.operations.indices.reversed() where f.operations[i].results.contains(where: live.contains) {
            keep[i] = true
            live.formUnion(f.operations[i].operands)
        }
        guard keep.contains(false) else { return false }
        var kept: [Operation] = []
        for (i, op) in f.operations.enumerated() {
            if keep[i] { kept.append(op) } else { for r in op.results { f.types[r] = nil } }
        }
        f.operations = kept
        return true
    }
}
