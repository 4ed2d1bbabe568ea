/// Arithmetic shared by the base field ``Goldilocks`` and its extension ``GoldilocksExt2``.
///
/// Generic code (multilinear polynomials, sumcheck, LogUp) is written once against this
/// protocol and specialized by the optimizer; hot paths are `@inlinable`.
public protocol FieldElement: Hashable, Sendable, CustomStringConvertible {
    static var zero: Self { get }
    static var one: Self { get }
    /// Bytes of the canonical little-endian encoding.
    static var encodedByteCount: Int { get }

    init(_ base: Goldilocks)

    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static prefix func - (value: Self) -> Self
    /// Multiplication by a base-field element (cheaper than a full product in the extension).
    static func * (lhs: Self, rhs: Goldilocks) -> Self

    var isZero: Bool { get }
    func squared() -> Self
    /// The multiplicative inverse, or `nil` for zero.
    func inverse() -> Self?
    /// Lifts the element into the extension field.
    var asExtension: GoldilocksExt2 { get }

    /// Appends the canonical encoding to `bytes`.
    func encode(into bytes: inout [UInt8])
    /// Decodes one element; throws ``FieldError`` on non-canonical or truncated input.
    static func decode(from bytes: ArraySlice<UInt8>) throws(FieldError) -> Self
}

extension FieldElement {
    @inlinable public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
    @inlinable public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
    @inlinable public static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }

    @inlinable public func doubled() -> Self { self + self }

    /// `self^exponent` by square-and-multiply.
    @inlinable public func power(_ exponent: UInt64) -> Self {
        var result = Self.one
        var base = self
        var e = exponent
        while e != 0 {
            if e & 1 == 1 { result = result * base }
            base = base.squared()
            e >>= 1
        }
        return result
    }

    /// The canonical encoding as a fresh byte array.
    @inlinable public var encoded: [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(Self.encodedByteCount)
        encode(into: &bytes)
        return bytes
    }
}

/// Errors raised when decoding untrusted field elements.
public enum FieldError: Error, Equatable, Sendable {
    /// The encoded integer is not in [0, p).
    case nonCanonical(value: UInt64)
    /// Fewer bytes than one element needs.
    case truncated(expected: Int, actual: Int)
}

extension Array where Element: FieldElement {
    /// Inverts every element with one field inversion (Montgomery's trick).
    ///
    /// - Precondition: no element is zero.
    @inlinable public func batchInverted() -> [Element] {
        if isEmpty { return [] }
        var prefix = [Element](repeating: .one, count: count)
        var acc = Element.one
        for i in indices {
            prefix[i] = acc
            acc = acc * self[i]
        }
        guard var inv = acc.inverse() else { preconditionFailure("batchInverted: zero element") }
        var result = [Element](repeating: .zero, count: count)
        for i in indices.reversed() {
            result[i] = inv * prefix[i]
            inv = inv * self[i]
        }
        return result
    }
}
