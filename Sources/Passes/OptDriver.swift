import TensorIR

/// What `zkc opt` does, callable in-process (the FileCheck tests use it for `// RUN: zkc opt`).
public enum OptDriver {
    /// Parses `text`, verifies it, runs `passes` (pass or pipeline names) and returns the
    /// printed result. `--print-after` dumps go to `printSink`.
    ///
    /// - Throws: `IRError` (parse or verification, naming file and position or op) or
    ///   `PassError` (unknown pass name).
    public static func run(
        _ text: String, file: String, passes: [String], printAfter: PassManager.PrintAfter = .none,
        registry: PassRegistry = .standard,
        printSink: @escaping @Sendable (String) -> Void = { Swift.print($0, terminator: "") }
    ) throws -> String {
        var manager = try PassManager(names: passes, registry: registry, printAfter: printAfter)
        manager.printSink = printSink
        var module = try IRParser.parse(text, file: file)
        try manager.run(&module)
        return IRPrinter.print(module)
    }

    /// Parses a `--print-after` value: `all` or a comma-separated list of pass names.
    public static func printAfter(_ values: [String]) -> PassManager.PrintAfter {
        let names = values.flatMap { $0.split(separator: ",").map(String.init) }
        if names.isEmpty { return .none }
        return names.contains("all") ? .all : .passes(Set(names))
    }
}
