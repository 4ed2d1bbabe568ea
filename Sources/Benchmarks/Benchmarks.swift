public import Dispatch

/// One measured figure, with the target it is judged against (if any).
public struct BenchmarkResult: Sendable, CustomStringConvertible {
    public var name: String
    public var value: Double
    public var unit: String
    /// The issue's target in the same unit, and whether lower is better.
    public var target: Double?
    public var lowerIsBetter: Bool

    public init(name: String, value: Double, unit: String, target: Double? = nil, lowerIsBetter: Bool = true) {
        self.name = name
        self.value = value
        self.unit = unit
        self.target = target
        self.lowerIsBetter = lowerIsBetter
    }

    public var meetsTarget: Bool? {
        guard let target else { return nil }
        return lowerIsBetter ? value <= target : value >= target
    }

    public var description: String {
        let v = value < 10 ? String(format3(value)) : String(Int(value.rounded()))
        let padded = name.count >= 52 ? name : name + String(repeating: " ", count: 52 - name.count)
        var line = "\(padded) \(v) \(unit)"
        if let target { line += "   (target \(lowerIsBetter ? "≤" : "≥") \(format3(target)) \(unit): \(meetsTarget! ? "met" : "MISSED"))" }
        return line
    }
}

func format3(_ x: Double) -> String {
    let scaled = (x * 1000).rounded() / 1000
    return "\(scaled)"
}

/// A named group of benchmarks; `quick` runs smaller sizes for smoke tests.
public struct BenchmarkSuite: Sendable {
    public var name: String
    public var run: @Sendable (_ quick: Bool) -> [BenchmarkResult]

    public init(name: String, run: @escaping @Sendable (_ quick: Bool) -> [BenchmarkResult]) {
        self.name = name
        self.run = run
    }
}

/// Wall-clock timing helpers.
public enum Stopwatch {
    /// Seconds taken by `body`.
    @inlinable
    public static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Best of `repetitions` runs, in seconds (the usual estimator on a noisy machine).
    @inlinable
    public static func best(of repetitions: Int, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<max(1, repetitions) { best = min(best, seconds(body)) }
        return best
    }
}

/// Prevents the optimizer from discarding a computed value.
@inline(never)
public func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
