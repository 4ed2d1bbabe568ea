public import ArgumentParser
import Benchmarks

/// `zkc bench` — release-mode benchmarks of the proving core and the compiler.
public struct BenchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run benchmarks (build with -c release; record the numbers in docs/benchmarks.md).",
        discussion: "Set ZKC_THREADS=1 to measure on one core."
    )

    @Argument(help: "Suite or group to run: all, core, or a suite name (see --list).")
    var suite: String = "all"

    @Flag(help: "Smaller sizes, for a quick smoke run.")
    var quick = false

    @Flag(help: "List the suites and exit.")
    var list = false

    public init() {}

    public func run() throws {
        if list {
            for s in BenchmarkSuites.all { print(s.name) }
            return
        }
        let suites = BenchmarkSuites.select(suite)
        guard !suites.isEmpty else {
            throw ValidationError("no benchmark suite named '\(suite)'; run 'zkc bench --list'")
        }
        #if DEBUG
        print("warning: this is a debug build; benchmark numbers are meaningless (use -c release)")
        #endif
        for s in suites {
            print("== \(s.name)\(quick ? " (quick)" : "")")
            for result in s.run(quick) { print(result) }
        }
    }
}
