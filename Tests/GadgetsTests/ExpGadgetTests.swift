import Foundation
import Testing
@testable import Gadgets

@Suite struct ExpGadgetTests {
    static let configs: [(sIn: Int, sOut: Int, k: Int, h: Int)] = [
        (8, 16, 6, 6), (8, 8, 6, 5), (10, 12, 8, 6), (6, 20, 5, 5),
    ]

    @Test(arguments: 0..<configs.count)
    func composedFunctionIsWithinBoundOverTheWholeDomain(_ i: Int) throws {
        let c = Self.configs[i]
        let g = try ExpGadget(inputScale: c.sIn, outputScale: c.sOut, lowBits: c.k, highBits: c.h)
        #expect(g.domain.count == 1 << (c.k + c.h))
        let (e, at) = g.maxError(over: g.domain)
        #expect(e <= g.errorBound, "max error \(e) at \(at) exceeds \(g.errorBound)")
        #expect(e >= g.errorBound / 4, "bound \(g.errorBound) is vacuous: \(e)")
        print("exp s_in=\(c.sIn) s_out=\(c.sOut) k=\(c.k) h=\(c.h) t=\(g.tableScale): domain \(g.domain.count) bound \(g.errorBound) measured \(e)")
    }

    @Test(arguments: 0..<configs.count)
    func evaluateIsTheRescaledProductOfTheTwoTableEntries(_ i: Int) throws {
        let c = Self.configs[i]
        let g = try ExpGadget(inputScale: c.sIn, outputScale: c.sOut, lowBits: c.k, highBits: c.h)
        let high = g.highTable(), low = g.lowTable()
        #expect(high.count == 1 << c.h && low.count == 1 << c.k)
        #expect(high.map(\.input) == (0..<Int64(1 << c.h)).map { $0 })
        #expect(low.map(\.input) == (0..<Int64(1 << c.k)).map { $0 })
        let shift = 2 * g.tableScale - c.sOut
        var mismatches = 0
        for x in g.domain {
            let (hi, lo) = g.digits(x)
            if hi << c.k + lo != x { mismatches += 1 }
            let product = high[Int(hi)].output * low[Int(lo)].output
            let expected = (product + (Int64(1) << (shift - 1))) >> shift
            if g.evaluate(x) != expected { mismatches += 1 }
        }
        #expect(mismatches == 0)
        // Each table entry is within half a table ulp of its exact factor.
        let ulp = pow(2.0, Double(-g.tableScale))
        for row in high {
            let exact = Foundation.exp(-Double(row.input) * pow(2, Double(c.k - c.sIn)))
            #expect(abs(Double(row.output) * ulp - exact) <= ulp / 2 + 1e-15)
        }
        for row in low {
            let exact = Foundation.exp(-Double(row.input) * pow(2, Double(-c.sIn)))
            #expect(abs(Double(row.output) * ulp - exact) <= ulp / 2 + 1e-15)
        }
        // And exactly libm's rounding (no entry sits within 1e−9 of a tie at these scales).
        for (rows, step) in [(high, pow(2, Double(c.k - c.sIn))), (low, pow(2, Double(-c.sIn)))] {
            for row in rows {
                let scaled = Foundation.exp(-Double(row.input) * step) / ulp
                #expect(abs(scaled - scaled.rounded(.down) - 0.5) >= 1e-9)
                #expect(Int64(scaled.rounded(.toNearestOrEven)) == row.output)
            }
        }
    }

    @Test func inputsBeyondTheCutoffGiveZeroWithinHalfAnUlp() throws {
        let g = try ExpGadget(inputScale: 8, outputScale: 16, lowBits: 6, highBits: 6)
        let first = g.domain.upperBound + 1
        for x in [first, first + 1, first * 3, Int64.max] {
            #expect(g.evaluate(x) == 0)
            #expect(Foundation.exp(-g.dequantizeInput(x)) < pow(2, -17))
        }
        #expect(g.evaluate(0) == 1 << 16)
    }

    @Test func tablesAreIdenticalWhenBuiltTwice() throws {
        let a = try ExpGadget(), b = try ExpGadget()
        #expect(a.highTable().map(\.output) == b.highTable().map(\.output))
        #expect(a.lowTable().map(\.output) == b.lowTable().map(\.output))
    }

    @Test func invalidParametersThrow() {
        // Cutoff 2^(3+3−8) = 1/4 < 17·ln 2.
        #expect(throws: GadgetError.self) { try ExpGadget(inputScale: 8, outputScale: 16, lowBits: 3, highBits: 3) }
        #expect(throws: GadgetError.invalidTableScale(tableScale: 32, outputScale: 28)) { try ExpGadget(outputScale: 28, tableScale: 32) }
        #expect(throws: GadgetError.invalidTableScale(tableScale: 10, outputScale: 16)) { try ExpGadget(outputScale: 16, tableScale: 10) }
        #expect(throws: GadgetError.tableTooLarge(entries: 1 << 17, limit: 1 << 16)) { try ExpGadget(lowBits: 17) }
    }
}

@Suite struct ExpWitnessTests {
    static func inputs(_ g: ExpGadget) -> [Int64] {
        let n = g.domain.upperBound + 1
        return Array(g.domain) + [n, n + 1, 2 * n - 1, 2 * n, n << 20, Int64.max / 4, Int64.max]
    }

    @Test func honestWitnessSatisfiesTheConstraintsInAndBeyondTheDomain() throws {
        let g = try ExpGadget(inputScale: 8, outputScale: 16, lowBits: 6, highBits: 6)
        var failures = 0
        for x in Self.inputs(g) {
            let w = g.witness(x)
            if !g.satisfiesConstraints(x: x, w) || w.output != g.evaluate(x) { failures += 1 }
            if w.inDomain != (g.domain.contains(x) ? 1 : 0) { failures += 1 }
        }
        #expect(failures == 0)
    }

    @Test func everySingleFieldMutationIsRejected() throws {
        let g = try ExpGadget(inputScale: 8, outputScale: 16, lowBits: 6, highBits: 6)
        let fields: [WritableKeyPath<ExpWitness, Int64>] = [
            \.inDomain, \.gap, \.high, \.low, \.highValue, \.lowValue, \.remainder, \.splitOutput, \.output,
        ]
        let all = Self.inputs(g)
        let sample = stride(from: 0, to: all.count, by: 37).map { all[$0] } + all.suffix(7)
        var accepted: [String] = []
        for x in sample {
            let w = g.witness(x)
            for f in fields {
                for delta: Int64 in [-1, 1, 1 << 20, Int64.min / 2] {
                    var m = w
                    m[keyPath: f] = w[keyPath: f] &+ delta
                    if g.satisfiesConstraints(x: x, m) { accepted.append("x=\(x) \(f) \(delta)") }
                }
            }
            if x < Int64.max, g.satisfiesConstraints(x: x + 1, w) { accepted.append("x+1 for \(x)") }
        }
        #expect(accepted.isEmpty, "\(accepted.prefix(5))")
    }

    @Test func claimingOutOfDomainForAnInDomainInputIsRejected() throws {
        // A prover setting z = 0 would zero a softmax numerator; the gap range check forbids it.
        let g = try ExpGadget(inputScale: 8, outputScale: 16, lowBits: 6, highBits: 6)
        let x: Int64 = 100
        let n = g.domain.upperBound + 1
        let forged = ExpWitness(inDomain: 0, gap: x - n, high: 0, low: 0, highValue: g.highTable()[0].output,
                                lowValue: g.lowTable()[0].output, remainder: g.witness(0).remainder,
                                splitOutput: 1 << 16, output: 0)
        #expect(!g.satisfiesConstraints(x: x, forged))
    }
}
