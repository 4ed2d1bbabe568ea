public import ArgumentParser

/// The `zkc` command tree. `Sources/zkc/main.swift` only calls `ZKC.main()`, so tests can run
/// every command in-process.
public struct ZKC: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "zkc",
        abstract: "Zero-knowledge ML compiler: compile a model, prove an inference, verify the proof.",
        discussion: """
            zkc reads ONNX or GGUF models, lowers them through a typed tensor IR and a chain of \
            passes, and proves inferences with its own transparent (no trusted setup) prover over \
            the Goldilocks field.
            """,
        version: version,
        subcommands: [CompileCommand.self, RunCommand.self, InspectCommand.self, OptCommand.self, BenchCommand.self]
    )

    public init() {}
}
