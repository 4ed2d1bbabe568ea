/// Errors of the IR layer: verification, parsing, and the interpreter.
public enum IRError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The IR violates an invariant; `op` is the offending op's text position or origin.
    case invalid(function: String, op: String, detail: String)
    /// Text form could not be parsed.
    case parse(file: String, line: Int, column: Int, detail: String)
    /// A constant referenced by name is not in the module.
    case missingConstant(name: String)
    /// The interpreter could not run an op.
    case execution(op: String, detail: String)

    public var description: String {
        switch self {
        case .invalid(let function, let op, let detail): "invalid IR in @\(function) at \(op): \(detail)"
        case .parse(let file, let line, let column, let detail): "\(file):\(line):\(column): error: \(detail)"
        case .missingConstant(let name): "constant @\(name) is not defined in the module"
        case .execution(let op, let detail): "cannot execute \(op): \(detail)"
        }
    }
}
