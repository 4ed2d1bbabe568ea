import Fields
import Testing

@Suite struct GoldilocksTests {
    static let p = Goldilocks.modulus

    /// a·b mod p computed with plain 128-bit division, as the reference.
    static func naiveMul(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let wide = a.multipliedFullWidth(by: b)
        return p.dividingFullWidth((high: wide.high % p, low: wide.low)).remainder
    }

    @Test func knownAnswers() {
        #expect((Goldilocks(2) * Goldilocks(3)).value == 6)
        #expect((Goldilocks(0) - Goldilocks(1)).value == Self.p - 1)
        #expect((Goldilocks(Self.p - 1) + Goldilocks(2)).value == 1)
        #expect((Goldilocks(Self.p - 1) * Goldilocks(Self.p - 1)).value == 1)  // (−1)² = 1
        #expect(Goldilocks(1 << 32).squared().value == (1 << 32) - 1)  // 2^64 ≡ 2^32 − 1
        #expect(Goldilocks(1 << 48).squared().value == Self.p - 1)  // 2^96 ≡ −1
    }

    @Test func nonCanonicalRepresentativesReduce() {
        #expect(Goldilocks(Self.p).value == 0)
        #expect(Goldilocks(Self.p + 5).value == 5)
        #expect(Goldilocks(UInt64.max).value == UInt64.max - Self.p)
    }

    @Test func decodeRejectsNonCanonicalElement() {
        for v in [Self.p, Self.p + 5, UInt64.max] {
            var bytes = [UInt8]()
            withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
            #expect(throws: FieldError.nonCanonical(value: v)) { try Goldilocks.decode(from: bytes[...]) }
        }
        #expect(throws: FieldError.truncated(expected: 8, actual: 3)) { try Goldilocks.decode(from: [1, 2, 3][...]) }
    }

    @Test func encodingRoundTrips() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<1000 {
            let a = Goldilocks.random(using: &rng)
            #expect(try Goldilocks.decode(from: a.encoded[...]) == a)
        }
    }

    @Test func differentialAgainstWideArithmetic() {
        var rng = SplitMix64(seed: 1)
        let edge: [UInt64] = [0, 1, 2, Self.p - 1, Self.p - 2, 1 << 32, (1 << 32) - 1, 1 << 63, Self.p / 2]
        var values = edge
        for _ in 0..<2000 { values.append(Goldilocks.random(using: &rng).value) }
        for (i, a) in values.enumerated() {
            let b = values[(i * 7 + 3) % values.count]
            let x = Goldilocks(a), y = Goldilocks(b)
            #expect((x * y).value == Self.naiveMul(a, b))
            let sum = (UInt128(a) + UInt128(b)) % UInt128(Self.p)
            #expect((x + y).value == UInt64(sum))
            let diff = (UInt128(a) + UInt128(Self.p) - UInt128(b)) % UInt128(Self.p)
            #expect((x - y).value == UInt64(diff))
        }
    }

    @Test func fieldAxiomsOnRandomValues() {
        var rng = SplitMix64(seed: 2)
        for _ in 0..<500 {
            let a = Goldilocks.random(using: &rng), b = Goldilocks.random(using: &rng), c = Goldilocks.random(using: &rng)
            #expect(a + b == b + a)
            #expect(a * b == b * a)
            #expect((a + b) + c == a + (b + c))
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
            #expect(a + (-a) == .zero)
            #expect(a - b == a + (-b))
            if let inv = a.inverse() { #expect(a * inv == .one) }
        }
        #expect(Goldilocks.zero.inverse() == nil)
    }

    @Test func batchInverseMatchesSingleInverses() {
        var rng = SplitMix64(seed: 3)
        let values = (0..<257).map { _ in Goldilocks.random(using: &rng) }.filter { !$0.isZero }
        #expect(values.batchInverted() == values.map { $0.inverse()! })
    }

    @Test func rootsOfUnityHaveExactOrder() {
        for logOrder in [0, 1, 2, 5, 16, 31, 32] {
            let w = Goldilocks.rootOfUnity(logOrder: logOrder)
            #expect(w.power(1 << UInt64(logOrder)) == .one)
            if logOrder > 0 { #expect(w.power(1 << UInt64(logOrder - 1)) == Goldilocks(Self.p - 1)) }
        }
    }

    @Test func signedEmbeddingRoundTrips() {
        for v: Int64 in [0, 1, -1, 12345, -12345, Int64(Int32.max), Int64(Int32.min), 1 << 62, -(1 << 62)] {
            #expect(Goldilocks(signed: v).signedValue == v)
        }
        #expect(Goldilocks(signed: -1).value == Self.p - 1)
    }
}
