public import ArgumentParser
import Foundation
import Passes

/// `zkc opt` — IR in, IR out: parse a `.zkir` file, verify it, run passes, print.
public struct OptCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "opt",
        abstract: "Run passes over a .zkir file (IR in, IR out).",
        discussion: """
            The input is verified before the first pass and after every pass. Passes and \
            pipelines: \(PassRegistry.standard.names.joined(separator: ", ")). \
            --print-after dumps go to standard error.
            """
    )

    @Argument(help: "The .zkir file to read.")
    var file: String

    @Option(name: .customLong("pass"), help: "A pass or pipeline to run (repeatable, in order).")
    var passes: [String] = []

    @Option(name: .customLong("print-after"), help: "Print the IR after PASS (repeatable, or 'all').")
    var printAfter: [String] = []

    @Option(name: .shortAndLong, help: "Write the result here instead of standard output.")
    var output: String?

    @Flag(help: "List the passes and pipelines and exit.")
    var listPasses = false

    public init() {}

    public func run() throws {
        if listPasses {
            let registry = PassRegistry.standard
            for name in registry.names {
                if let pass = registry.passes[name] { print("\(name)  \(pass.summary)") }
                else { print("\(name)  pipeline: \(registry.pipelines[name]?.joined(separator: ", ") ?? "")") }
            }
            return
        }
        do {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw ValidationError("cannot read \(file): \(error.localizedDescription)")
            }
            let result = try OptDriver.run(text, file: file, passes: passes, printAfter: OptDriver.printAfter(printAfter)) {
                FileHandle.standardError.write(Data($0.utf8))
            }
            if let output {
                do {
                    try result.write(toFile: output, atomically: true, encoding: .utf8)
                } catch {
                    throw ValidationError("cannot write \(output): \(error.localizedDescription)")
                }
            } else {
                print(result, terminator: "")
            }
        } catch let error as ValidationError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode.failure
        } catch {
            // Parse errors already start with "FILE:LINE:COLUMN:"; name the file for the others.
            let message = "\(error)"
            let located = message.hasPrefix(file + ":") ? message : "\(file): error: \(message)"
            FileHandle.standardError.write(Data((located + "\n").utf8))
            throw ExitCode.failure
        }
    }
}
