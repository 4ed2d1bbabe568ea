import Fields
import Testing

@Suite struct GoldilocksExt2Tests {
    typealias K = GoldilocksExt2

    @Test func xSquaredIsSeven() {
        let x = K(.zero, .one)
        #expect(x * x == K(Goldilocks(7)))
        #expect(x.squared() == K(Goldilocks(7)))
    }

    @Test func sevenIsANonResidue() {
        // Euler's criterion: 7^((p−1)/2) = −1.
        #expect(Goldilocks(7).power((Goldilocks.modulus - 1) / 2) == -Goldilocks.one)
    }

    @Test func fieldAxiomsOnRandomValues() {
        var rng = SplitMix64(seed: 4)
        for _ in 0..<300 {
            let a = K.random(using: &rng), b = K.random(using: &rng), c = K.random(using: &rng)
            #expect(a * b == b * a)
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
            #expect(a.squared() == a * a)
            #expect(a * a.inverse()! == .one)
            #expect(a.frobenius().frobenius() == a)
            #expect(a.power(Goldilocks.modulus) == a.frobenius())
            let s = Goldilocks.random(using: &rng)
            #expect(a * s == a * K(s))
        }
        #expect(K.zero.inverse() == nil)
    }

    @Test func schoolbookProductMatches() {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<300 {
            let a = K.random(using: &rng), b = K.random(using: &rng)
            let c0 = a.c0 * b.c0 + Goldilocks(7) * a.c1 * b.c1
            let c1 = a.c0 * b.c1 + a.c1 * b.c0
            #expect(a * b == K(c0, c1))
        }
    }

    @Test func decodeRejectsNonCanonicalCoefficient() throws {
        var bytes = K(Goldilocks(3), Goldilocks(4)).encoded
        #expect(try K.decode(from: bytes[...]) == K(Goldilocks(3), Goldilocks(4)))
        for i in 8..<16 { bytes[i] = 0xFF }
        #expect(throws: FieldError.nonCanonical(value: UInt64.max)) { try K.decode(from: bytes[...]) }
    }
}
