/// Every benchmark suite `zkc bench` knows, by name. Suites whose name starts with "core" form
/// the proving-core group (`zkc bench core`).
public enum BenchmarkSuites {
    public static let all: [BenchmarkSuite] = [
        // Each module's suite is listed here, e.g. FieldBenchmarks.suite.
        GGUFBenchmarks.suite,
    ]

    /// Suites selected by a name: "all", a group prefix ("core"), or an exact suite name.
    public static func select(_ name: String) -> [BenchmarkSuite] {
        if name == "all" { return all }
        return all.filter { $0.name == name || $0.name.hasPrefix(name + "-") || $0.name.hasPrefix(name + ".") }
    }
}
