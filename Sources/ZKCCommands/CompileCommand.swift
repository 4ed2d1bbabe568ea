public import ArgumentParser
import Foundation
import Passes
import TensorIR
import ZKCompiler

/// `zkc compile` — import a model and run the compiler pipeline.
public struct CompileCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Import a model and run the compiler pipeline; print the IR or statistics.",
        discussion: """
            Pipeline today: \(Compiler.defaultPipeline.joined(separator: ", ")). The IR is verified \
            before and after every pass. Circuit emission (-o model.zkc, --emit circuit) arrives \
            with the backend.
            """
    )

    public enum Emit: String, ExpressibleByArgument, CaseIterable, Sendable {
        case ir, stats
    }

    @ArgumentParser.Argument(help: "Model file: .onnx, .gguf or .zkir.")
    var model: String

    @Option(help: "What to print: ir (TensorIR text) or stats.")
    var emit: Emit = .ir

    @Option(name: .customLong("print-after"), help: "Print the IR after PASS (repeatable, or 'all').")
    var printAfter: [String] = []

    @Option(help: "Bind the symbolic sequence length (required for GGUF unless --input is given).")
    var seqLen: Int?

    @Option(help: "An input file; sizes a GGUF model's sequence from its tokens.")
    var input: String?

    @Option(help: "Print constants with at most this many elements inline (weights stay elided).")
    var printConstantsUpTo: Int = 16

    @Option(name: .shortAndLong, help: "Write the output here instead of standard output.")
    var output: String?

    @Flag(help: "Ternarize matmul weights (BitNet b1.58 absmean, per-tensor scale) after the pipeline.")
    var ternarize = false

    @Flag(help: "Print statistics as JSON (with --emit stats).")
    var json = false

    public init() {}

    public func run() throws {
        let module: Module
        do {
            module = try Compiler.compile(
                path: model, inputPath: input, options: LoadOptions(seqLen: seqLen), ternarize: ternarize,
                printAfter: OptDriver.printAfter(printAfter),
                printSink: { text in FileHandle.standardError.write(Data(text.utf8)) })
        } catch {
            reportError(error)
            throw ExitCode(1)
        }
        let text: String
        switch emit {
        case .ir:
            text = IRPrinter.print(module, options: .init(inlineConstantLimit: printConstantsUpTo))
        case .stats:
            let rows = Compiler.statistics(module)
            if json {
                text = "{" + rows.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}\n"
            } else {
                let width = rows.map(\.key.count).max() ?? 0
                text = rows.map { $0.key + String(repeating: " ", count: width - $0.key.count + 2) + $0.value }
                    .joined(separator: "\n") + "\n"
            }
        }
        if let output {
            do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
                FileHandle.standardError.write(Data("error: \(output): cannot write: \(error.localizedDescription)\n".utf8))
                throw ExitCode(1)
            }
        } else {
            print(text, terminator: "")
        }
    }
}
