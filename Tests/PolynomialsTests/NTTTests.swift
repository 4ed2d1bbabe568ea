import Fields
import Polynomials
import Testing

@Suite struct NTTTests {
    /// Naive evaluation of Σ c_i x^i at x.
    static func evaluate(_ coefficients: [Goldilocks], at x: Goldilocks) -> Goldilocks {
        coefficients.reversed().reduce(Goldilocks.zero) { $0 * x + $1 }
    }

    @Test(arguments: Array(0...16) + [20])
    func inverseUndoesForward(logSize: Int) {
        var rng = SplitMix64(seed: UInt64(logSize))
        let original = (0..<(1 << logSize)).map { _ in Goldilocks.random(using: &rng) }
        var values = original
        NTT.forward(&values)
        NTT.inverse(&values)
        #expect(values == original)
    }

    @Test(arguments: [0, 1, 2, 3, 5, 7])
    func forwardMatchesNaiveEvaluationInBitReversedOrder(logSize: Int) {
        var rng = SplitMix64(seed: 100 + UInt64(logSize))
        let n = 1 << logSize
        let coefficients = (0..<n).map { _ in Goldilocks.random(using: &rng) }
        var values = coefficients
        NTT.forward(&values)
        let omega = Goldilocks.rootOfUnity(logOrder: logSize)
        for i in 0..<n {
            let x = omega.power(UInt64(NTT.bitReversed(i, bits: logSize)))
            #expect(values[i] == Self.evaluate(coefficients, at: x))
        }
    }

    @Test func cosetForwardMatchesNaiveEvaluation() {
        var rng = SplitMix64(seed: 9)
        let logSize = 5, n = 32
        let coefficients = (0..<n).map { _ in Goldilocks.random(using: &rng) }
        let shift = Goldilocks.multiplicativeGenerator
        var values = coefficients
        NTT.forwardOnCoset(&values, shift: shift)
        let omega = Goldilocks.rootOfUnity(logOrder: logSize)
        for i in 0..<n {
            let x = shift * omega.power(UInt64(NTT.bitReversed(i, bits: logSize)))
            #expect(values[i] == Self.evaluate(coefficients, at: x))
        }
        NTT.inverseOnCoset(&values, shift: shift)
        #expect(values == coefficients)
    }

    @Test func bitReversalIsAnInvolution() {
        for bits in 0...10 {
            for i in 0..<(1 << bits) { #expect(NTT.bitReversed(NTT.bitReversed(i, bits: bits), bits: bits) == i) }
        }
    }
}
