/// Static shape inference for every op kind (ONNX semantics, see docs/ops.md).
///
/// Shapes use −1 for an unknown dimension and `nil` for an unknown rank, as `TensorType` does.
/// Ops whose result shape depends on an operand's *values* (reshape, slice, expand, range,
/// unsqueeze, squeeze, constant_of_shape, split sizes) use `operandValues` when known.
public enum ShapeInference {
    /// Outcome of inferring one op.
    public enum Inference: Equatable, Sendable {
        /// Nothing known beyond the declared types.
        case unknown
        /// One (possibly partial) shape per result.
        case shapes([[Int]?])
        /// The operands are inconsistent (e.g. non-broadcastable shapes); the detail says why.
        case conflict(String)
    }

    /// Infers the result shapes of `op`.
    ///
    /// - Parameters:
    ///   - operandTypes: the type of each operand.
    ///   - operandValues: the integer contents of operands that are known constants (else nil).
    public static func infer(_ op: Operation, operandTypes: [TensorType], operandValues: [[Int64]?]) -> Inference {
        var ctx = ShapeRules(op: op, types: operandTypes, values: operandValues)
        do {
            guard let shapes = try ctx.run() else { return .unknown }
            return .shapes(shapes)
        } catch {
            return .conflict(error.detail)
        }
    }

    /// Merges a declared type with an inferred shape: unknown dims are filled in.
    /// Returns nil when a known declared dimension or rank disagrees with the inference.
    public static func refine(_ declared: TensorType, with inferred: [Int]?) -> TensorType? {
        guard let inferred else { return declared }
        guard let shape = declared.shape else { return TensorType(declared.element, inferred) }
        guard shape.count == inferred.count else { return nil }
        var out = shape
        for i in out.indices {
            if out[i] < 0 { out[i] = inferred[i] } else if inferred[i] >= 0, inferred[i] != out[i] { return nil }
        }
        return TensorType(declared.element, out)
    }

    /// Numpy broadcasting of two shapes; nil if incompatible. Unknown dims stay unknown unless the
    /// other side fixes them.
    public static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if x == y { out[i] = x }
            else if x == 1 { out[i] = y }
            else if y == 1 { out[i] = x }
            else if x < 0 { out[i] = y > 1 ? y : -1 }
            else if y < 0 { out[i] = x }
            else { return nil }
        }
        return out
    }

    /// Refines every type in `function` from its operands, in program order, until nothing
    /// changes. Uses inline `value` constants for value-dependent shapes.
    ///
    /// - Throws: `IRError.invalid` naming the op when shapes conflict.
    /// - Returns: whether any type changed.
    /// - Parameter constants: when given, integer constants referenced by name (`constant @n`
    ///   with `int64` storage) also count as known values.
    @discardableResult
    public static func refineTypes(in function: inout Function, constants: ConstantTable? = nil) throws(IRError) -> Bool {
        var changedAny = false
        var values: [ValueID: [Int64]] = [:]
        for index in function.operations.indices {
            let op = function.operations[index]
            if op.kind == .constant, case .ints(let v)? = op.attributes["value"], let r = op.results.first {
                values[r] = v
            }
            if op.kind == .constant, let name = op.attributes["name"]?.stringValue, let r = op.results.first,
               case .int64(let v)? = constants?[name]?.storage {
                values[r] = v
            }
            guard let types = op.operands.map({ function.types[$0] }) as? [TensorType] else { continue }
            switch infer(op, operandTypes: types, operandValues: op.operands.map { values[$0] }) {
            case .unknown: continue
            case .conflict(let detail):
                throw IRError.invalid(function: function.name, op: op.label(index), detail: detail)
            case .shapes(let shapes):
                for (r, shape) in zip(op.results, shapes) {
                    guard let declared = function.types[r] else { continue }
                    guard let refined = refine(declared, with: shape) else {
                        throw IRError.invalid(function: function.name, op: op.label(index),
                            detail: "result \(r) declared \(IRPrinter.typeText(declared)) but operands imply shape \(shapeText(shape))")
                    }
                    if refined != declared { function.types[r] = refined; changedAny = true }
                }
            }
        }
        return changedAny
    }

    /// The dimensions ONNX `Shape(start:, end:)` returns for a tensor of rank `rank`.
    public static func shapeOpRange(rank: Int, start: Int64, end: Int64?) -> Range<Int> {
        ShapeRules.shapeRange(rank: rank, start: start, end: end)
    }

    static func shapeText(_ shape: [Int]?) -> String {
        guard let shape else { return "[*]" }
        return "[" + shape.map { $0 < 0 ? "?" : "\($0)" }.joined(separator: ", ") + "]"
    }
}

extension Operation {
    /// `'kind' (origin) #index` for diagnostics.
    public func label(_ index: Int) -> String {
        "'\(kind.rawValue)'" + (origin.map { " (\($0))" } ?? "") + " #\(index)"
    }
}

struct ShapeConflict: Error { var detail: String }
