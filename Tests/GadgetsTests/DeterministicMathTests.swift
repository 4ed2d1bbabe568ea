import Foundation
import Testing
@testable import Gadgets

@Suite struct DeterministicMathTests {
    @Test func expAgreesWithLibmToAFewUlp() {
        var x = -40.0
        while x <= 40 {
            let a = DeterministicMath.exp(x), b = Foundation.exp(x)
            #expect(abs(a - b) <= 4 * b.ulp, "exp(\(x)): \(a) vs \(b)")
            x += 0.013
        }
        #expect(DeterministicMath.exp(0) == 1)
        #expect(DeterministicMath.exp(-800) == 0)
    }

    @Test func erfAndTanhAgreeWithLibm() {
        var x = -7.0
        while x <= 7 {
            #expect(abs(DeterministicMath.erf(x) - Foundation.erf(x)) <= 4e-15)
            #expect(abs(DeterministicMath.tanh(x) - Foundation.tanh(x)) <= 4e-15)
            x += 0.0071
        }
    }
}
