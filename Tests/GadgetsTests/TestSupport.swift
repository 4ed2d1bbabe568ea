import Testing
@testable import Gadgets

/// SplitMix64, local so the test target depends on Gadgets only.
struct TestRNG: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The table-gadget checks every lookup gadget must pass, exhaustively over its domain.
/// Returns the measured max error.
func checkTableGadget<G: LookupGadget>(_ g: G) -> Double {
    let table = g.table()
    #expect(table.count == g.domain.count)
    #expect(table.count <= maxTableEntries)
    var mismatches = 0
    var expected = g.domain.lowerBound
    for row in table {
        if row.input != expected || row.output != g.evaluate(row.input) { mismatches += 1 }
        expected += 1
    }
    #expect(mismatches == 0)
    let (maxError, at) = g.maxError(over: g.domain)
    #expect(maxError <= g.errorBound, "max error \(maxError) at \(at) exceeds bound \(g.errorBound)")
    #expect(maxError >= g.errorBound / 4, "bound \(g.errorBound) is vacuous: max error \(maxError)")
    return maxError
}
