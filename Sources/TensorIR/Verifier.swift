/// Structural verification of TensorIR.
///
/// Checks SSA (every value defined once, before use; arguments, results and return values
/// typed), per-op operand and result counts, required attributes and attribute kinds, constants
/// (exactly one of `name`/`value`; named constants exist in the module with a matching type;
/// inline literals match their type's element count), and static shape consistency wherever
/// `ShapeInference` can tell. Errors are `IRError.invalid(function:op:detail:)` naming the op
/// by kind, origin and index.
public enum Verifier {
    /// Verifies every function of `module` against its constant table.
    public static func verify(_ module: Module) throws(IRError) {
        for f in module.functions { try verify(f, constants: module.constants) }
    }

    /// Verifies one function; pass `constants: nil` to skip the named-constant checks.
    public static func verify(_ f: Function, constants: ConstantTable?) throws(IRError) {
        func fail(_ op: String, _ detail: String) -> IRError { .invalid(function: f.name, op: op, detail: detail) }
        var defined = Set<ValueID>()
        func checkType(_ v: ValueID, _ where_: String) throws(IRError) {
            guard let t = f.types[v] else { throw fail(where_, "value \(v) has no type") }
            if let s = t.shape, s.contains(where: { $0 < -1 }) { throw fail(where_, "value \(v) has a negative dimension") }
            if case .fixed(let bits, _) = t.element, !(1...64).contains(bits) {
                throw fail(where_, "value \(v) has a fixed-point width \(bits) outside 1...64")
            }
        }
        for (i, a) in f.arguments.enumerated() {
            let label = "argument #\(i) '\(a.name)'"
            guard defined.insert(a.value).inserted else { throw fail(label, "value \(a.value) is defined twice") }
            try checkType(a.value, label)
            guard f.types[a.value] == a.type else { throw fail(label, "argument type differs from the type table") }
        }
        var intValues: [ValueID: [Int64]] = [:]
        for (index, op) in f.operations.enumerated() {
            let label = op.label(index)
            for v in op.operands where !defined.contains(v) {
                throw fail(label, "operand \(v) is used before it is defined")
            }
            for r in op.results {
                guard defined.insert(r).inserted else { throw fail(label, "result \(r) is defined twice") }
                try checkType(r, label)
            }
            if let problem = signatureProblem(op) { throw fail(label, problem) }
            if let problem = elementProblem(op, f) { throw fail(label, problem) }
            if op.kind == .constant {
                if let problem = constantProblem(op, f.types[op.results[0]], constants) { throw fail(label, problem) }
                if case .ints(let v)? = op.attributes["value"] { intValues[op.results[0]] = v }
                continue
            }
            let types = op.operands.compactMap { f.types[$0] }
            switch ShapeInference.infer(op, operandTypes: types, operandValues: op.operands.map { intValues[$0] }) {
            case .unknown: break
            case .conflict(let detail): throw fail(label, detail)
            case .shapes(let shapes):
                for (r, shape) in zip(op.results, shapes) {
                    guard let declared = f.types[r] else { continue }
                    if ShapeInference.refine(declared, with: shape) == nil {
                        throw fail(label, "result \(r) has type \(IRPrinter.typeText(declared)) but its operands give shape \(ShapeInference.shapeText(shape))")
                    }
                }
            }
        }
        guard f.resultNames.count == f.results.count else {
            throw fail("return", "\(f.results.count) results but \(f.resultNames.count) result names")
        }
        for v in f.results where !defined.contains(v) { throw fail("return", "returned value \(v) is not defined") }
    }

    /// Operand range and required attributes per op kind.
    static func arity(_ kind: OpKind) -> (ClosedRange<Int>, required: [String]) {
        switch kind {
        case .constant: (0...0, [])
        case .neg, .sqrt, .reciprocal, .exp, .log, .abs, .relu, .sigmoid, .tanh, .erf, .gelu, .silu, .not, .identity,
             .transpose, .flatten, .shape, .rope:
            (1...1, [])
        case .cast: (1...1, ["to"])
        case .maxPool, .averagePool: (1...1, ["kernel_shape"])
        case .constantOfShape: (1...1, [])
        case .rescale: (1...1, ["shift"])
        case .lookup: (1...1, ["table"])
        case .requantize: (1...3, [])
        case .add, .sub, .mul, .div, .pow, .equal, .less, .greater, .and, .or, .swiglu, .matmul, .reshape, .expand,
             .gather, .embedding, .rmsNorm:
            (2...2, [])
        case .where, .range: (3...3, [])
        case .reduceMean, .reduceSum, .reduceMax, .softmax, .split, .squeeze, .unsqueeze, .trilu: (1...2, [])
        case .layerNorm, .gemm, .conv: (2...3, [])
        case .slice: (3...5, [])
        case .concat: (1...Int.max, ["axis"])
        case .attention: (3...4, ["heads", "kv_heads"])
        }
    }

    enum AttributeKind { case int, float, ints, string, type }

    /// The kind each well-known attribute name must have.
    static let attributeKinds: [String: AttributeKind] = {
        var out: [String: AttributeKind] = [:]
        for k in ["axis", "keepdims", "group", "trans_a", "trans_b", "heads", "kv_heads", "causal", "upper",
                  "num_outputs", "start", "end", "offset", "shift", "count_include_pad"] { out[k] = .int }
        for k in ["epsilon", "alpha", "beta", "scale", "base"] { out[k] = .float }
        for k in ["axes", "perm", "strides", "pads", "dilations", "kernel_shape", "split"] { out[k] = .ints }
        for k in ["approximate", "style", "name", "table"] { out[k] = .string }
        out["to"] = .type
        return out
    }()

    static func signatureProblem(_ op: Operation) -> String? {
        let (range, required) = arity(op.kind)
        if !range.contains(op.operands.count) {
            let expected = range.upperBound == Int.max ? "at least \(range.lowerBound)" :
                range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
            return "expects \(expected) operand\(range == 1...1 ? "" : "s"), has \(op.operands.count)"
        }
        if op.kind == .split ? op.results.isEmpty : op.results.count != 1 {
            return op.kind == .split ? "split needs at least one result" : "expects 1 result, has \(op.results.count)"
        }
        for name in required where op.attributes[name] == nil { return "missing required attribute '\(name)'" }
        for (name, value) in op.attributes.sorted(by: { $0.key < $1.key }) {
            guard let kind = attributeKinds[name] else { continue }
            if name == "value" || (name == "scale" && op.kind == .rescale) { continue }
            let ok: Bool = switch (kind, value) {
            case (.int, .int), (.float, .float), (.float, .int), (.ints, .ints), (.string, .string), (.type, .type): true
            default: false
            }
            if !ok { return "attribute '\(name)' has the wrong kind (\(IRPrinter.attributeText(value)))" }
        }
        return nil
    }

    /// Element-type rules that hold at every stage (float and quantized graphs alike).
    static func elementProblem(_ op: Operation, _ f: Function) -> String? {
        func element(_ v: ValueID?) -> ElementType? { v.flatMap { f.types[$0]?.element } }
        let result = element(op.results.first)
        switch op.kind {
        case .shape where result != .i64:
            return "shape must produce i64, not \(result.map(IRPrinter.elementText) ?? "?")"
        case .equal, .less, .greater, .not, .and, .or:
            if result != .bool { return "\(op.kind.rawValue) must produce i1, not \(result.map(IRPrinter.elementText) ?? "?")" }
        case .where where element(op.operands.first) != .bool:
            return "where's condition must be i1"
        case .add, .sub, .mul, .div, .pow:
            let elements = op.operands.compactMap(element)
            if elements.contains(.f32), let other = elements.first(where: { $0 != .f32 }) {
                return "mixes f32 with \(IRPrinter.elementText(other)); insert a cast"
            }
        default: break
        }
        let integerOperands: [Int] = switch op.kind {
        case .reshape, .expand, .gather, .embedding, .squeeze, .unsqueeze, .split, .trilu: [1]
        case .constantOfShape: [0]
        case .slice: [1, 2, 3, 4]
        default: []
        }
        for i in integerOperands where i < op.operands.count {
            if let e = element(op.operands[i]), !e.isInteger || e == .ternary || e.isFixed {
                return "operand \(i) must be an integer tensor, not \(IRPrinter.elementText(e))"
            }
        }
        return nil
    }

    static func constantProblem(_ op: Operation, _ type: TensorType?, _ constants: ConstantTable?) -> String? {
        let name = op.attributes["name"], value = op.attributes["value"]
        switch (name, value) {
        case (.string(let n)?, nil):
            guard let constants else { return nil }
            guard let data = constants[n] else { return "constant @\(n) is not defined in the module" }
            guard let type, data.type.element == type.element,
                  data.type.shape == nil || type.shape == nil || data.type.shape == type.shape else {
                return "constant @\(n) has type \(IRPrinter.typeText(data.type)), used as \(IRPrinter.typeText(type))"
            }
            return nil
        case (nil, let v?):
            let count: Int
            switch v {
            case .ints(let x): count = x.count
            case .floats(let x): count = x.count
            default: return "inline constant 'value' must be an integer or float list"
            }
            if let n = type?.elementCount, n != count {
                return "inline constant has \(count) values but its type \(IRPrinter.typeText(type)) holds \(n)"
            }
            return nil
        default:
            return "constant needs exactly one of 'name' (a string) or 'value'"
        }
    }
}
