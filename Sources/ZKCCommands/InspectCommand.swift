public import ArgumentParser
import Foundation
import ONNXImport
import ZKCompiler

/// `zkc inspect` — what a model file contains.
public struct InspectCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe a model file: opset, producer, inputs/outputs, parameters, op histogram, unsupported ops."
    )

    @ArgumentParser.Argument(help: "Model file (.onnx).")
    var file: String

    public init() {}

    public func run() throws {
        guard ModelFormat(path: file) == .onnx else {
            FileHandle.standardError.write(Data("error: \(file): inspect supports .onnx files in this build\n".utf8))
            throw ExitCode(1)
        }
        let s: ONNXModelSummary
        do { s = try ONNXImporter.summary(path: file) } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        print(Self.render(s))
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
