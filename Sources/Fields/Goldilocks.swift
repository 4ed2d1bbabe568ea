/// An element of the Goldilocks field F_p, p = 2^64 − 2^32 + 1.
///
/// Values are kept canonical, in [0, p). Reduction of a 128-bit product uses
/// 2^64 ≡ 2^32 − 1 and 2^96 ≡ −1 (mod p).
@frozen
public struct Goldilocks: FieldElement, Comparable {
    /// p = 2^64 − 2^32 + 1.
    public static let modulus: UInt64 = 0xFFFF_FFFF_0000_0001
    /// 2^64 mod p = 2^32 − 1.
    @usableFromInline static let epsilon: UInt64 = 0xFFFF_FFFF
    /// A generator of the multiplicative group F_p^*.
    public static let multiplicativeGenerator = Goldilocks(7)
    /// The largest k with 2^k | p − 1.
    public static let twoAdicity = 32

    public static let encodedByteCount = 8

    /// Canonical representative in [0, p).
    public var value: UInt64

    public static var zero: Goldilocks { Goldilocks(uncheckedCanonical: 0) }
    public static var one: Goldilocks { Goldilocks(uncheckedCanonical: 1) }

    /// Wraps a value already known to be in [0, p).
    @inlinable @inline(__always)
    public init(uncheckedCanonical value: UInt64) { self.value = value }

    /// Reduces any 64-bit integer into [0, p).
    @inlinable @inline(__always)
    public init(_ value: UInt64) {
        self.value = value >= Self.modulus ? value &- Self.modulus : value
    }

    /// Embeds a signed integer as x mod p.
    @inlinable
    public init(signed value: Int64) {
        if value >= 0 {
            self.init(UInt64(value))
        } else {
            // -|v| mod p = p − |v|; |v| ≤ 2^63 < p.
            self.init(uncheckedCanonical: Self.modulus &- value.magnitude)
        }
    }

    @inlinable public init(_ base: Goldilocks) { self = base }

    @inlinable public var asExtension: GoldilocksExt2 { GoldilocksExt2(self) }

    /// The signed integer in (−p/2, p/2) congruent to this element.
    @inlinable public var signedValue: Int64 {
        value > Self.modulus / 2 ? -Int64(Self.modulus - value) : Int64(value)
    }

    @inlinable public var isZero: Bool { value == 0 }

    // MARK: Arithmetic

    /// - Returns: (a + b) mod p in [0, p).
    @inlinable @inline(__always)
    public static func + (lhs: Goldilocks, rhs: Goldilocks) -> Goldilocks {
        let (sum, carry) = lhs.value.addingReportingOverflow(rhs.value)
        // Wrapping past 2^64 loses 2^64 ≡ ε; add it back. Cannot overflow again: sum < p − 1 then.
        var s = carry ? sum &+ epsilon : sum
        if s >= modulus { s &-= modulus }
        return Goldilocks(uncheckedCanonical: s)
    }

    /// - Returns: (a − b) mod p in [0, p).
    @inlinable @inline(__always)
    public static func - (lhs: Goldilocks, rhs: Goldilocks) -> Goldilocks {
        let (diff, borrow) = lhs.value.subtractingReportingOverflow(rhs.value)
        // Borrowing added 2^64 ≡ ε; subtract it. Result = a − b + p in [0, p).
        return Goldilocks(uncheckedCanonical: borrow ? diff &- epsilon : diff)
    }

    @inlinable @inline(__always)
    public static prefix func - (value: Goldilocks) -> Goldilocks {
        value.value == 0 ? value : Goldilocks(uncheckedCanonical: modulus &- value.value)
    }

    /// - Returns: a·b mod p in [0, p).
    @inlinable @inline(__always)
    public static func * (lhs: Goldilocks, rhs: Goldilocks) -> Goldilocks {
        let (high, low) = lhs.value.multipliedFullWidth(by: rhs.value)
        return reduce128(high: high, low: low)
    }

    /// Reduces high·2^64 + low modulo p.
    @inlinable @inline(__always)
    public static func reduce128(high: UInt64, low: UInt64) -> Goldilocks {
        let highHigh = high >> 32
        let highLow = high & epsilon
        // low − highHigh·2^96 ≡ low + highHigh·... ; 2^96 ≡ −1.
        var (t0, borrow) = low.subtractingReportingOverflow(highHigh)
        if borrow { t0 &-= epsilon }
        // highLow·2^64 ≡ highLow·ε; fits in 64 bits since both < 2^32.
        let t1 = highLow &* epsilon
        let (t2, carry) = t0.addingReportingOverflow(t1)
        var r = carry ? t2 &+ epsilon : t2
        if r >= modulus { r &-= modulus }
        return Goldilocks(uncheckedCanonical: r)
    }

    @inlinable @inline(__always)
    public func squared() -> Goldilocks { self * self }

    /// The inverse by Fermat, a^(p−2); `nil` for zero.
    @inlinable
    public func inverse() -> Goldilocks? {
        isZero ? nil : power(Self.modulus - 2)
    }

    /// A primitive 2^logOrder-th root of unity, 0 ≤ logOrder ≤ 32.
    public static func rootOfUnity(logOrder: Int) -> Goldilocks {
        precondition(logOrder >= 0 && logOrder <= twoAdicity, "rootOfUnity: logOrder out of range")
        // g^((p−1)/2^32) has order exactly 2^32; square down to the requested order.
        var root = multiplicativeGenerator.power((modulus - 1) >> UInt64(twoAdicity))
        for _ in logOrder..<twoAdicity { root = root.squared() }
        return root
    }

    public static func < (lhs: Goldilocks, rhs: Goldilocks) -> Bool { lhs.value < rhs.value }

    public var description: String { String(value) }

    // MARK: Encoding

    @inlinable
    public func encode(into bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    @inlinable
    public static func decode(from bytes: ArraySlice<UInt8>) throws(FieldError) -> Goldilocks {
        guard bytes.count >= 8 else { throw .truncated(expected: 8, actual: bytes.count) }
        var v: UInt64 = 0
        var i = bytes.startIndex
        for shift in stride(from: 0, to: 64, by: 8) {
            v |= UInt64(bytes[i]) << UInt64(shift)
            i += 1
        }
        guard v < modulus else { throw .nonCanonical(value: v) }
        return Goldilocks(uncheckedCanonical: v)
    }

    /// Uniform element from a random generator (rejection sampling).
    public static func random<R: RandomNumberGenerator>(using rng: inout R) -> Goldilocks {
        while true {
            let v = rng.next()
            if v < modulus { return Goldilocks(uncheckedCanonical: v) }
        }
    }
}

extension Goldilocks: ExpressibleByIntegerLiteral {
    @inlinable public init(integerLiteral value: UInt64) { self.init(value) }
}
