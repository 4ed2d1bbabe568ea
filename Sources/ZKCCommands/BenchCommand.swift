public import ArgumentParser

/// `zkc bench` — release-mode benchmarks of the proving core and the compiler.
public struct BenchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run benchmarks (build with -c release; numbers go to docs/benchmarks.md)."
    )

    @Argument(help: "Suite to run: core | all.")
    var suite: String = "all"

    @Flag(help: "Smaller sizes, for a quick smoke run.")
    var quick = false

    public init() {}

    public func run() async throws {
        print("zkc bench \(suite)\(quick ? " --quick" : ""): no benchmarks registered yet")
    }
}
