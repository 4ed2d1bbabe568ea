import Fields
import Testing
@testable import Gadgets

@Suite struct ReciprocalGadgetTests {
    /// evaluate satisfies the predicate, y ± 1 do not, and y agrees with an Int128 division.
    func checkUnique(_ g: ReciprocalGadget, _ x: Int64) -> Bool {
        let y = g.evaluate(x)
        guard Int128(y) == Int128(g.numerator) / Int128(x) else { return false }
        guard g.satisfiesConstraints(x: x, y: y) else { return false }
        if g.satisfiesConstraints(x: x, y: y &+ 1) { return false }
        if y > Int64.min, g.satisfiesConstraints(x: x, y: y - 1) { return false }
        return true
    }

    @Test(arguments: [Int64(1), 7, 1 << 10, 1000, 1 << 16])
    func exhaustiveSmallRangeIsUniqueAndCorrect(_ s: Int64) throws {
        let g = try ReciprocalGadget(numerator: s)
        var failures = 0
        for x in Int64(1)...4096 where !checkUnique(g, x) { failures += 1 }
        #expect(failures == 0)
    }

    @Test func randomFullRangeIsUniqueAndCorrect() throws {
        var rng = SplitMix64(seed: 0xC0FFEE)
        var failures = 0
        for _ in 0..<2000 {
            let s = Int64.random(in: 1...Int64.max, using: &rng) >> Int.random(in: 0...62, using: &rng)
            let x = Int64.random(in: 1...Int64.max, using: &rng) >> Int.random(in: 0...62, using: &rng)
            if !checkUnique(try ReciprocalGadget(numerator: max(s, 1)), max(x, 1)) { failures += 1 }
        }
        #expect(failures == 0)
    }

    @Test func extremeArgumentsDoNotOverflow() throws {
        let g = try ReciprocalGadget(numerator: .max)
        #expect(g.evaluate(.max) == 1)
        #expect(checkUnique(g, .max))
        #expect(checkUnique(g, 1))
        #expect(!g.satisfiesConstraints(x: .max, y: .max))
        #expect(!g.satisfiesConstraints(x: 1, y: .min))
        #expect(!g.satisfiesConstraints(x: 0, y: 0))
        #expect(!g.satisfiesConstraints(x: -3, y: 5))
    }

    @Test func fixedPointReciprocalIsWithinOneOutputUlp() throws {
        let g = try ReciprocalGadget(inputScale: 8, outputScale: 16)
        for x in Int64(1)...4096 {
            let exact = 1 / (Double(x) / 256) * 65536
            let y = Double(g.evaluate(x))
            #expect(y <= exact + 1e-9 && y > exact - 1)
        }
        #expect(throws: GadgetError.nonPositiveNumerator(0)) { try ReciprocalGadget(numerator: 0) }
    }
}

@Suite struct RsqrtGadgetTests {
    func isFloorSquareRoot(_ r: UInt128, of n: UInt128) -> Bool {
        guard r * r <= n else { return false } // r ≤ √n < 2^64 when correct; trap would flag a bug.
        let (sq, overflow) = (r + 1).multipliedReportingOverflow(by: r + 1)
        return overflow || sq > n
    }

    @Test func integerSquareRootIsExactFloor() {
        var failures = 0
        for n in UInt128(0)..<(1 << 16) where !isFloorSquareRoot(RsqrtGadget.integerSquareRoot(n), of: n) { failures += 1 }
        var rng = SplitMix64(seed: 42)
        for _ in 0..<5000 {
            let n = (UInt128(rng.next()) << 64 | UInt128(rng.next())) >> Int.random(in: 0...127, using: &rng)
            if !isFloorSquareRoot(RsqrtGadget.integerSquareRoot(n), of: n) { failures += 1 }
        }
        for k in 1...64 {
            let r = (UInt128(1) << k) - 1 // perfect squares and their neighbours
            for n in [r * r - 1, r * r, r * r + 1, UInt128.max] where !isFloorSquareRoot(RsqrtGadget.integerSquareRoot(n), of: n) {
                failures += 1
            }
        }
        #expect(failures == 0)
    }

    func checkUnique(_ g: RsqrtGadget, _ v: Int64) -> Bool {
        let y = g.evaluate(v)
        guard g.satisfiesConstraints(v: v, y: y) else { return false }
        if y < .max, g.satisfiesConstraints(v: v, y: y + 1) { return false }
        if y > 0, g.satisfiesConstraints(v: v, y: y - 1) { return false }
        return true
    }

    @Test(arguments: [Int64(1), 3, 256, 1000, 1 << 20])
    func exhaustiveSmallRangeIsUniqueAndMatchesTheDefinition(_ s: Int64) throws {
        let g = try RsqrtGadget(numerator: s)
        var failures = 0
        for v in Int64(1)...(1 << 14) {
            if !checkUnique(g, v) { failures += 1; continue }
            // Independent definition: largest y with y²·v ≤ S² (S ≤ 2^20, so Int128 is exact).
            let y = Int128(g.evaluate(v))
            let s2 = Int128(s) * Int128(s)
            if !(y * y * Int128(v) <= s2 && (y + 1) * (y + 1) * Int128(v) > s2) { failures += 1 }
        }
        #expect(failures == 0)
    }

    @Test func randomFullRangeIsUnique() throws {
        var rng = SplitMix64(seed: 7)
        var failures = 0
        for _ in 0..<2000 {
            let s = max(1, Int64.random(in: 1...Int64.max, using: &rng) >> Int.random(in: 0...62, using: &rng))
            let v = max(1, Int64.random(in: 1...Int64.max, using: &rng) >> Int.random(in: 0...62, using: &rng))
            if !checkUnique(try RsqrtGadget(numerator: s), v) { failures += 1 }
        }
        #expect(failures == 0)
    }

    @Test func extremeArgumentsDoNotOverflow() throws {
        let g = try RsqrtGadget(numerator: .max)
        #expect(g.evaluate(1) == .max)
        #expect(checkUnique(g, 1))
        #expect(checkUnique(g, .max))
        #expect(!g.satisfiesConstraints(v: .max, y: .max))
        #expect(!g.satisfiesConstraints(v: 1, y: -1))
        #expect(!g.satisfiesConstraints(v: 0, y: 0))
    }

    @Test func fixedPointRsqrtIsWithinOneOutputUlp() throws {
        // v at scale 16 (squares of scale-8 values), y at scale 16.
        let g = try RsqrtGadget(inputScale: 8, outputScale: 16)
        #expect(g.evaluate(1 << 16) == 1 << 16) // 1/√1.0 = 1.0
        #expect(g.evaluate(1 << 18) == 1 << 15) // 1/√4.0 = 0.5
        var rng = SplitMix64(seed: 99)
        for _ in 0..<2000 {
            let v = Int64.random(in: 1...(1 << 30), using: &rng)
            let exact = 1 / (Double(v) / 65536).squareRoot() * 65536
            let y = Double(g.evaluate(v))
            #expect(y <= exact + 1e-6 && y > exact - 1)
        }
    }
}
