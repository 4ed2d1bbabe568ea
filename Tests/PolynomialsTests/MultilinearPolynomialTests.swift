import Fields
import Polynomials
import Testing

@Suite struct MultilinearPolynomialTests {
    @Test func evaluationAtBooleanPointsReturnsTableEntries() {
        var rng = SplitMix64(seed: 11)
        let f = MultilinearPolynomial(evaluations: (0..<16).map { _ in Goldilocks.random(using: &rng) })
        for i in 0..<16 {
            let point = (0..<4).map { k in GoldilocksExt2((i >> (3 - k)) & 1 == 1 ? .one : .zero) }
            #expect(f.evaluate(at: point) == GoldilocksExt2(f.evaluations[i]))
        }
    }

    @Test func fixingVariablesOneByOneMatchesEvaluation() {
        var rng = SplitMix64(seed: 12)
        let f = MultilinearPolynomial(evaluations: (0..<64).map { _ in Goldilocks.random(using: &rng) })
        let point = (0..<6).map { _ in GoldilocksExt2.random(using: &rng) }
        var g = f.fixingFirstVariable(point[0])
        for r in point.dropFirst() { g = g.fixingFirstVariable(r) }
        #expect(g.evaluations[0] == f.evaluate(at: point))
    }

    @Test func eqTableSumsToOneAndMatchesPointwiseEq() {
        var rng = SplitMix64(seed: 13)
        let r = (0..<5).map { _ in GoldilocksExt2.random(using: &rng) }
        let table = EqTable.evaluations(at: r)
        #expect(table.reduce(GoldilocksExt2.zero, +) == .one)
        for i in [0, 1, 7, 31] { #expect(table[i] == EqTable.evaluate(r, atIndex: i)) }
    }
}
