import Foundation
import Testing
@testable import Gadgets

@Suite struct ActivationGadgetTests {
    static let scales: [(threshold: Int64, inputScale: Int, outputScale: Int)] = [
        (8, 8, 8), (8, 8, 12), (4, 10, 6), (6, 6, 10),
    ]

    @Test(arguments: 0..<scales.count)
    func siluTableMatchesEvaluateAndReferenceWithinBound(_ i: Int) throws {
        let p = Self.scales[i]
        let g = try SiLUGadget(threshold: p.threshold, inputScale: p.inputScale, outputScale: p.outputScale)
        let e = checkTableGadget(g)
        print("silu T=\(p.threshold) s_in=\(p.inputScale) s_out=\(p.outputScale): rows \(g.domain.count) bound \(g.errorBound) measured \(e)")
    }

    @Test(arguments: GELUGadget.Form.allCases, 0..<scales.count)
    func geluTableMatchesEvaluateAndReferenceWithinBound(_ form: GELUGadget.Form, _ i: Int) throws {
        let p = Self.scales[i]
        let g = try GELUGadget(form: form, threshold: p.threshold, inputScale: p.inputScale, outputScale: p.outputScale)
        let e = checkTableGadget(g)
        print("\(g.formName) T=\(p.threshold) s_in=\(p.inputScale) s_out=\(p.outputScale): rows \(g.domain.count) bound \(g.errorBound) measured \(e)")
    }

    @Test func siluSaturatesToZeroBelowAndIdentityAbove() throws {
        let g = try SiLUGadget(threshold: 8, inputScale: 8, outputScale: 8)
        #expect(g.domain == -2048...2047)
        #expect(g.evaluate(-2049) == 0)
        #expect(g.evaluate(Int64.min) == 0)
        #expect(g.evaluate(2048) == 2048)
        #expect(g.evaluate(1 << 40) == 1 << 40)
        // Outside the domain, up to ±4T, the error is within the stated saturation bound,
        // and that bound is attained near the edges (not vacuous).
        let outside = Array(-8192 ..< -2048) + Array(2048 ..< 8192)
        let (e, _) = g.maxError(over: outside.map { Int64($0) })
        #expect(e <= g.saturationErrorBound + g.errorBound)
        #expect(e >= g.saturationErrorBound / 2)
        print("silu saturation bound \(g.saturationErrorBound) measured \(e)")
    }

    @Test func saturationRescalesTheIdentityToTheOutputScale() throws {
        let down = try SiLUGadget(threshold: 2, inputScale: 10, outputScale: 6)
        // 2^11 + 8 at scale 10 is 2 + 2^−7 → at scale 6: 128.5 → 129 (round half up).
        #expect(down.evaluate(2048 + 8) == 129)
        #expect(down.evaluate(2048 + 7) == 128)
        let up = try SiLUGadget(threshold: 2, inputScale: 6, outputScale: 10)
        #expect(up.evaluate(128) == 2048)
        #expect(up.evaluate(Int64.max) == Int64.max)
    }

    @Test(arguments: GELUGadget.Form.allCases)
    func geluSaturationErrorIsWithinBound(_ form: GELUGadget.Form) throws {
        let g = try GELUGadget(form: form, threshold: 3, inputScale: 8, outputScale: 8)
        let outside = Array(-3072 ..< -768) + Array(768 ..< 3072)
        let (e, _) = g.maxError(over: outside.map { Int64($0) })
        #expect(e <= g.saturationErrorBound + g.errorBound)
        #expect(e >= g.saturationErrorBound / 2)
        print("\(g.formName) T=3 saturation bound \(g.saturationErrorBound) measured \(e)")
        #expect(g.evaluate(-769) == 0)
        #expect(g.evaluate(768) == 768)
    }

    @Test func tablesAreIdenticalWhenBuiltTwice() throws {
        let a = try SiLUGadget().table(), b = try SiLUGadget().table()
        #expect(a.map(\.output) == b.map(\.output))
        for form in GELUGadget.Form.allCases {
            let c = try GELUGadget(form: form).table(), d = try GELUGadget(form: form).table()
            #expect(c.map(\.output) == d.map(\.output))
        }
    }

    /// Entries equal libm's value, rounded — an oracle independent of `DeterministicMath` —
    /// except where the scaled value is within 1e−9 of a rounding tie (counted, expected none).
    static func disagreementsWithLibm<G: LookupGadget>(_ g: G) -> (disagreements: Int, nearTies: Int) {
        var disagreements = 0, nearTies = 0
        for row in g.table() {
            let scaled = g.reference(g.dequantizeInput(row.input)) * pow(2, Double(g.outputScale))
            if abs(scaled - scaled.rounded(.down) - 0.5) < 1e-9 { nearTies += 1; continue }
            if Int64(scaled.rounded(.toNearestOrEven)) != row.output { disagreements += 1 }
        }
        return (disagreements, nearTies)
    }

    @Test(arguments: 0..<scales.count)
    func tableEntriesAreTheCorrectlyRoundedValues(_ i: Int) throws {
        let p = Self.scales[i]
        let results = [
            Self.disagreementsWithLibm(try SiLUGadget(threshold: p.threshold, inputScale: p.inputScale, outputScale: p.outputScale)),
            Self.disagreementsWithLibm(try GELUGadget(form: .erf, threshold: p.threshold, inputScale: p.inputScale, outputScale: p.outputScale)),
            Self.disagreementsWithLibm(try GELUGadget(form: .tanh, threshold: p.threshold, inputScale: p.inputScale, outputScale: p.outputScale)),
        ]
        for r in results { #expect(r.disagreements == 0 && r.nearTies == 0) }
    }

    @Test func mutatedOutputIsNotATableRow() throws {
        // The lookup pins y given x only if the table is a function: distinct inputs.
        for table in [try SiLUGadget().table(), try GELUGadget(form: .tanh).table()] {
            #expect(Set(table.map(\.input)).count == table.count)
            let rows = Set(table.map { "\($0.input),\($0.output)" })
            var accepted = 0
            for row in table where rows.contains("\(row.input),\(row.output + 1)") || rows.contains("\(row.input),\(row.output - 1)") {
                accepted += 1
            }
            #expect(accepted == 0)
        }
    }

    @Test func knownValuesIndependentOfTheTableBuilder() throws {
        let silu = try SiLUGadget()
        #expect(silu.evaluate(0) == 0)
        #expect(silu.evaluate(256) == 187) // silu(1) = 0.7310585786… → 187.151 at 2^8
        #expect(silu.evaluate(-256) == -69) // silu(−1) = −0.2689414213… → −68.849
        let gelu = try GELUGadget(form: .erf)
        #expect(gelu.evaluate(256) == 215) // gelu(1) = 0.8413447460… → 215.384
    }

    @Test func invalidParametersThrow() {
        #expect(throws: GadgetError.nonPositiveThreshold(0)) { try SiLUGadget(threshold: 0) }
        #expect(throws: GadgetError.tableTooLarge(entries: 1 << 21, limit: 1 << 20)) {
            try SiLUGadget(threshold: 64, inputScale: 14)
        }
        #expect(throws: GadgetError.scaleOutOfRange(scale: 31, supported: 0...30)) {
            try GELUGadget(outputScale: 31)
        }
        #expect(throws: GadgetError.self) { try SiLUGadget(threshold: Int64.max, inputScale: 8) }
    }
}
