/// Runs a TensorIR function on concrete float / integer tensors.
///
/// Shapes are computed at run time, so graphs whose result types are unknown (dynamic shapes,
/// unfolded shape arithmetic) run as well. Errors are `IRError.execution` naming the op's origin.
public struct Interpreter: Sendable {
    public let module: Module
    /// Largest element count any intermediate tensor may have (guards against hostile shapes).
    public var maxElements = 1 << 31

    public init(module: Module) {
        self.module = module
    }

    /// Runs the entry function. `inputs` are keyed by argument name; returns the results in order.
    public func run(inputs: [String: Tensor]) throws -> [Tensor] {
        guard let f = module.functions.first else { throw IRError.execution(op: "module", detail: "the module has no function") }
        return try run(f, inputs: inputs)
    }

    public func run(_ f: Function, inputs: [String: Tensor]) throws -> [Tensor] {
        var env: [ValueID: Tensor] = [:]
        for a in f.arguments {
            guard let t = inputs[a.name] else { throw IRError.execution(op: "input \(a.name)", detail: "no value given for argument '\(a.name)'") }
            if let s = a.type.shape {
                let ok = s.count == t.shape.count && zip(s, t.shape).allSatisfy { $0 < 0 || $0 == $1 }
                if !ok { throw IRError.execution(op: "input \(a.name)", detail: "shape \(t.shape) does not match \(s)") }
            }
            env[a.value] = t
        }
        for op in f.operations {
            let name = op.origin ?? op.kind.rawValue
            var operands: [Tensor] = []
            operands.reserveCapacity(op.operands.count)
            for v in op.operands {
                guard let t = env[v] else { throw IRError.execution(op: name, detail: "operand \(v) is not defined") }
                operands.append(t)
            }
            let results: [Tensor]
            do {
                results = try execute(op, operands, resultType: op.results.first.flatMap { f.type(of: $0) })
            } catch let e as ExecutionFailure {
                throw IRError.execution(op: "\(op.kind.rawValue) '\(name)'", detail: e.detail)
            }
            guard results.count == op.results.count else {
                throw IRError.execution(op: name, detail: "produced \(results.count) results, expected \(op.results.count)")
            }
            for (v, t) in zip(op.results, results) {
                guard t.count <= maxElements else { throw IRError.execution(op: name, detail: "result too large") }
                env[v] = t
            }
        }
        return try f.results.map { v in
            guard let t = env[v] else { throw IRError.execution(op: "result", detail: "result \(v) is not defined") }
            return t
        }
    }
}

/// Internal failure of one op; `run` wraps it into `IRError.execution` with the op's origin.
struct ExecutionFailure: Error {
    let detail: String
    init(_ detail: String) { self.detail = detail }
}
