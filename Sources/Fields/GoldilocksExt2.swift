/// An element c0 + c1·x of the quadratic extension K = F_p[x]/(x² − 7).
///
/// 7 is a quadratic non-residue mod p, so x² − 7 is irreducible and |K| = p² ≈ 2^128.
/// Every verifier challenge is drawn from K.
@frozen
public struct GoldilocksExt2: FieldElement {
    /// The non-residue W with x² = W.
    public static let nonResidue = Goldilocks(7)
    public static let encodedByteCount = 16

    public var c0: Goldilocks
    public var c1: Goldilocks

    @inlinable @inline(__always)
    public init(_ c0: Goldilocks, _ c1: Goldilocks) {
        self.c0 = c0
        self.c1 = c1
    }

    @inlinable @inline(__always)
    public init(_ base: Goldilocks) { self.init(base, .zero) }

    public static var zero: GoldilocksExt2 { GoldilocksExt2(.zero, .zero) }
    public static var one: GoldilocksExt2 { GoldilocksExt2(.one, .zero) }

    @inlinable public var asExtension: GoldilocksExt2 { self }
    @inlinable public var isZero: Bool { c0.isZero && c1.isZero }
    /// Whether the element lies in the base field.
    @inlinable public var isBase: Bool { c1.isZero }

    @inlinable @inline(__always)
    public static func + (lhs: Self, rhs: Self) -> Self { Self(lhs.c0 + rhs.c0, lhs.c1 + rhs.c1) }

    @inlinable @inline(__always)
    public static func - (lhs: Self, rhs: Self) -> Self { Self(lhs.c0 - rhs.c0, lhs.c1 - rhs.c1) }

    @inlinable @inline(__always)
    public static prefix func - (value: Self) -> Self { Self(-value.c0, -value.c1) }

    /// (a0 + a1x)(b0 + b1x) = a0b0 + 7·a1b1 + (a0b1 + a1b0)x.
    @inlinable @inline(__always)
    public static func * (lhs: Self, rhs: Self) -> Self {
        let a0b0 = lhs.c0 * rhs.c0
        let a1b1 = lhs.c1 * rhs.c1
        // Karatsuba: a0b1 + a1b0 = (a0 + a1)(b0 + b1) − a0b0 − a1b1.
        let cross = (lhs.c0 + lhs.c1) * (rhs.c0 + rhs.c1) - a0b0 - a1b1
        return Self(a0b0 + mulByNonResidue(a1b1), cross)
    }

    @inlinable @inline(__always)
    public static func * (lhs: Self, rhs: Goldilocks) -> Self { Self(lhs.c0 * rhs, lhs.c1 * rhs) }

    @inlinable @inline(__always)
    public static func * (lhs: Goldilocks, rhs: Self) -> Self { Self(rhs.c0 * lhs, rhs.c1 * lhs) }

    @inlinable @inline(__always)
    public static func + (lhs: Self, rhs: Goldilocks) -> Self { Self(lhs.c0 + rhs, lhs.c1) }

    @inlinable @inline(__always)
    public static func - (lhs: Self, rhs: Goldilocks) -> Self { Self(lhs.c0 - rhs, lhs.c1) }

    /// 7·v as 8v − v (three additions instead of a multiplication).
    @inlinable @inline(__always)
    static func mulByNonResidue(_ v: Goldilocks) -> Goldilocks {
        let v2 = v + v
        let v4 = v2 + v2
        return v4 + v2 + v
    }

    @inlinable @inline(__always)
    public func squared() -> Self {
        // (c0 + c1x)² = c0² + 7c1² + 2c0c1·x.
        let c0c1 = c0 * c1
        return Self(c0.squared() + Self.mulByNonResidue(c1.squared()), c0c1 + c0c1)
    }

    /// The Frobenius map a ↦ a^p, which sends x to −x.
    @inlinable public func frobenius() -> Self { Self(c0, -c1) }

    /// (c0 + c1x)^{-1} = (c0 − c1x) / (c0² − 7c1²); `nil` for zero.
    @inlinable
    public func inverse() -> Self? {
        let norm = c0.squared() - Self.mulByNonResidue(c1.squared())
        guard let normInverse = norm.inverse() else { return nil }
        return Self(c0 * normInverse, -c1 * normInverse)
    }

    public var description: String { c1.isZero ? c0.description : "\(c0) + \(c1)·x" }

    @inlinable
    public func encode(into bytes: inout [UInt8]) {
        c0.encode(into: &bytes)
        c1.encode(into: &bytes)
    }

    @inlinable
    public static func decode(from bytes: ArraySlice<UInt8>) throws(FieldError) -> Self {
        guard bytes.count >= 16 else { throw .truncated(expected: 16, actual: bytes.count) }
        let c0 = try Goldilocks.decode(from: bytes.prefix(8))
        let c1 = try Goldilocks.decode(from: bytes.dropFirst(8))
        return Self(c0, c1)
    }

    public static func random<R: RandomNumberGenerator>(using rng: inout R) -> Self {
        Self(.random(using: &rng), .random(using: &rng))
    }
}
