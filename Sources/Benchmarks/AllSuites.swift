/// Every benchmark suite `zkc bench` knows, by name. Suites whose name starts with "core" form
/// the proving-core group (`zkc bench core`).
public enum BenchmarkSuites {
    public static let all: [BenchmarkSuite] = [
        CoreBenchmarks.fieldSuite,
        CoreBenchmarks.nttSuite,
        CoreBenchmarks.merkleSuite,
        CoreBenchmarks.pcsSuite,
        SumcheckBenchmarks.sumcheckSuite,
        SumcheckBenchmarks.logupSuite,
        ONNXBenchmarks.suite,
        GGUFBenchmarks.suite,
    ]

    /// Suites selected by a name: "all", a group prefix ("core"), or an exact suite name.
    public static func select(_ name: String) -> [BenchmarkSuite] {
        if name == "all" { return all }
        return all.filter { $0.name == name || $0.name.hasPrefix(name + "-") || $0.name.hasPrefix(name + ".") }
    }
}
