public import ArgumentParser
import Foundation
import TensorIR
import ZKCompiler

/// `zkc run` — one inference of a model on an input file.
public struct RunCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one inference of a model on an input JSON file.",
        discussion: "Input: EZKL {\"input_data\": [[…]]} (one flattened list per model input) or {\"tokens\": […]}."
    )

    @ArgumentParser.Argument(help: "Model file: .onnx, .gguf or .zkir.")
    var model: String

    @Option(help: "Input JSON file.")
    var input: String

    @Flag(help: "Run the float graph (the only mode for now).")
    var float = false

    @Flag(help: "Print {\"shape\": [...], \"output\": [...]} as JSON.")
    var json = false

    @Option(help: "Bind the symbolic sequence length (GGUF: defaults to the number of input tokens).")
    var seqLen: Int?

    public init() {}

    public func run() throws {
        let result: Tensor
        do {
            result = try FloatRunner.run(modelPath: model, inputPath: input, options: LoadOptions(seqLen: seqLen))
        } catch {
            reportError(error)
            throw ExitCode(1)
        }
        let values = result.asFloats
        if json {
            let body = values.map { v in v.isFinite ? "\(v)" : "null" }.joined(separator: ", ")
            print("{\"shape\": [\(result.shape.map(String.init).joined(separator: ", "))], \"output\": [\(body)]}")
            return
        }
        print("output shape \(result.shape) (\(values.count) values, float)")
        if let mx = values.indices.max(by: { values[$0] < values[$1] }) {
            print("min \(values.min() ?? 0)  max \(values[mx]) at flat index \(mx)  mean \(values.reduce(0, +) / Float(values.count))")
        }
        print("first values: \(values.prefix(8).map { String(format: "%.6g", $0) }.joined(separator: " "))")
    }
}
