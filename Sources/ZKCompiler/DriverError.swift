/// Errors of the compiler driver (model loading by format, input files).
public enum DriverError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedFormat(file: String, extension: String)
    /// The format is known but its loader is not connected to the driver yet.
    case formatNotAvailable(file: String, format: String)
    case unreadableInput(file: String, detail: String)
    case invalidInput(file: String, detail: String)

    public var description: String {
        switch self {
        case .unsupportedFormat(let f, let e):
            "\(f): unsupported model format '.\(e)'; expected .onnx, .gguf or .zkir"
        case .formatNotAvailable(let f, let fmt): "\(f): \(fmt) models are not supported by this build yet"
        case .unreadableInput(let f, let d): "\(f): cannot read the input file: \(d)"
        case .invalidInput(let f, let d): "\(f): invalid input: \(d)"
        }
    }
}
