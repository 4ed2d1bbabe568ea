public import ArgumentParser
import Foundation
import GGUFImport
import ONNXImport
import TensorIR
import ZKCompiler

/// `zkc inspect` — what a model file contains.
public struct InspectCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe a model file: ONNX (opset, inputs/outputs, parameters, op histogram, unsupported ops), GGUF (metadata, tensor table, architecture) or .zkir."
    )

    @ArgumentParser.Argument(help: "Model file: .onnx, .gguf or .zkir.")
    var file: String

    public init() {}

    public func run() throws {
        do {
            print(try Self.report(file))
        } catch {
            reportError(error)
            throw ExitCode(1)
        }
    }

    /// The inspection text for `file`, by format.
    public static func report(_ file: String) throws -> String {
        switch ModelFormat(path: file) {
        case .onnx?:
            return render(try ONNXImporter.summary(path: file))
        case .gguf?:
            return try GGUFFile(path: file).inspectionReport()
        case .zkir?:
            let module = try ModelLoader.load(path: file)
            return renderIR(module, file: file)
        case nil:
            throw ValidationError("\(file): unknown file type; inspect reads .onnx, .gguf and .zkir")
        }
    }

    static func renderIR(_ module: Module, file: String) -> String {
        var lines = ["\(file): TensorIR text"]
        var histogram: [String: Int] = [:]
        for f in module.functions {
            lines.append("func @\(f.name): \(f.arguments.count) arguments, \(f.results.count) results, \(f.operations.count) ops")
            for op in f.operations { histogram[op.kind.rawValue, default: 0] += 1 }
        }
        var parameters = 0
        for name in module.constants.names { parameters += module.constants[name]?.type.elementCount ?? 0 }
        lines.append("constants: \(module.constants.count) (\(parameters) elements)")
        lines.append("ops:")
        lines += histogram.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "  \($0.key) × \($0.value)" }
        return lines.joined(separator: "\n")
    }

    static func render(_ s: ONNXModelSummary) -> String {
        func value(_ v: ONNXModelSummary.Value) -> String {
            "  \(v.name): \(v.element)[\(v.dims?.joined(separator: ", ") ?? "*")]"
        }
        var lines = ["\(s.file): ONNX (ir_version \(s.irVersion))"]
        lines.append("opsets: " + s.opsets.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        lines.append("producer: \(s.producer.isEmpty ? "(none)" : s.producer)")
        lines.append("inputs:")
        lines += s.inputs.map(value)
        lines.append("outputs:")
        lines += s.outputs.map(value)
        lines.append("parameters: \(s.parameterCount) (\(s.parameterBytes) bytes)")
        lines.append("ops (\(s.opHistogram.values.reduce(0, +)) nodes):")
        lines += s.opHistogram.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "  \($0.key) × \($0.value)" }
        lines.append("unsupported ops: " + (s.unsupportedOps.isEmpty ? "none" : s.unsupportedOps.joined(separator: ", ")))
        return lines.joined(separator: "\n")
    }
}
