import Testing
@testable import Gadgets


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
