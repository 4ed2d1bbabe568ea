import Testing
@testable import Gadgets

@Suite struct ActivationWitnessTests {
    /// SiLU T=8 s=8/8, SiLU T=4 s=10→6 (identity rescale down), GELU-tanh T=6 s=6→10 (up).
    static func gadget(_ k: Int) throws -> any WitnessedActivation {
        switch k {
        case 0: try SiLUGadget()
        case 1: try SiLUGadget(threshold: 4, inputScale: 10, outputScale: 6)
        default: try GELUGadget(form: .tanh, threshold: 6, inputScale: 6, outputScale: 10)
        }
    }

    static func inputs(_ g: any WitnessedActivation) -> [Int64] {
        let r = g.witnessRange
        return Array(g.domain.lowerBound - 40 ... g.domain.upperBound + 40)
            + [r.lowerBound, r.lowerBound + 1, -(1 << 30), 1 << 30, r.upperBound - 1, r.upperBound]
    }

    @Test(arguments: 0..<3)
    func honestWitnessSatisfiesTheConstraintsEverywhere(_ k: Int) throws {
        let g = try Self.gadget(k)
        var failures = 0
        for x in Self.inputs(g) where !g.check(x: x) { failures += 1 }
        #expect(failures == 0)
    }

    @Test(arguments: 0..<3)
    func everySingleFieldMutationIsRejected(_ k: Int) throws {
        let g = try Self.gadget(k)
        let fields: [WritableKeyPath<ActivationWitness, Int64>] = [
            \.below, \.inside, \.above, \.gapLow, \.gapHigh, \.tableOutput, \.identityOutput, \.identityRemainder, \.output,
        ]
        let all = Self.inputs(g)
        let sample = stride(from: 0, to: all.count, by: 29).map { all[$0] } + all.suffix(6)
            + [g.domain.lowerBound - 1, g.domain.lowerBound, g.domain.upperBound, g.domain.upperBound + 1]
        var accepted: [String] = []
        for x in sample {
            let w = g.witness(x)
            for f in fields {
                for delta: Int64 in [-1, 1, 1 << 20] {
                    var m = w
                    m[keyPath: f] = w[keyPath: f] &+ delta
                    if g.satisfiesConstraints(x: x, m) { accepted.append("x=\(x) \(f) \(delta)") }
                }
            }
        }
        #expect(accepted.isEmpty, "\(accepted.prefix(5))")
    }

    @Test func selectorForgeryAtTheEdgesIsRejected() throws {
        let g = try SiLUGadget()
        let n = g.domain.upperBound + 1
        // Claim "above" (identity) for the last in-domain input and "inside" for the first above it.
        var w = g.witness(n - 1)
        (w.inside, w.above, w.gapLow, w.gapHigh, w.output) = (0, 1, -1, 0, w.identityOutput)
        #expect(!g.satisfiesConstraints(x: n - 1, w))
        var v = g.witness(n)
        (v.inside, v.above, v.gapLow, v.gapHigh) = (1, 0, 2 * n, -1)
        #expect(!g.satisfiesConstraints(x: n, v))
    }
}

/// The witness API SiLU and GELU share, for table-driven tests.
protocol WitnessedActivation {
    var domain: ClosedRange<Int64> { get }
    var witnessRange: ClosedRange<Int64> { get }
    func evaluate(_ x: Int64) -> Int64
    func witness(_ x: Int64) -> ActivationWitness
    func satisfiesConstraints(x: Int64, _ w: ActivationWitness) -> Bool
}

extension WitnessedActivation {
    func check(x: Int64) -> Bool {
        let w = witness(x)
        return satisfiesConstraints(x: x, w) && w.output == evaluate(x)
    }
}

extension SiLUGadget: WitnessedActivation {}
extension GELUGadget: WitnessedActivation {}
