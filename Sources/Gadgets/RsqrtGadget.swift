/// Reciprocal square root y = ⌊S/√v⌋ by prover-supplied value (no table; PROTOCOL §3).
///
/// The prover commits y; the circuit checks S² − y²·v ≥ 0 and S² − (y+1)²·v < 0 by range
/// checks with enough limbs. y ≥ 0 is unique: the predicate says y² ≤ S²/v < (y+1)², and
/// y ↦ y² is strictly increasing on y ≥ 0.
///
/// Integer evaluation: y = ⌊S/√v⌋ = ⌊√⌊S²/v⌋⌋, because for an integer y, y² ≤ S²/v ⟺
/// y² ≤ ⌊S²/v⌋. S² is formed in UInt128 and the root is Newton's method with exact floor.
///
/// Fixed point (RMSNorm): v = mean of squares at scale 2s_in, S = 2^(s_in + s_out) gives
/// y ≈ 1/√(v·2^−2s_in) at scale s_out, error < 1 output ulp.
///
/// ## Ranges (no overflow)
/// S, v ∈ [1, 2^63): S² < 2^126 fits UInt128; y ≤ S < 2^63. `satisfiesConstraints` forms y²·v and
/// (y+1)²·v with overflow detection in UInt128 (an overflowing product exceeds S², which settles
/// the comparison), so it is exact for every Int64 argument. In the circuit, S² − y²·v <
/// (2y+1)·v ≤ 2S√v + v: range checks need ⌈log2(S²)⌉ + 1 bits, i.e. several 16-bit limbs.
public struct RsqrtGadget: Sendable {
    public static let name = "rsqrt"
    /// S > 0.
    public let numerator: Int64

    /// - Throws: `GadgetError.nonPositiveNumerator` if S ≤ 0.
    public init(numerator: Int64) throws(GadgetError) {
        guard numerator > 0 else { throw .nonPositiveNumerator(numerator) }
        self.numerator = numerator
    }

    /// `S = 2^(inputScale + outputScale)` for v at scale 2·inputScale: y ≈ 1/√v in fixed point.
    public init(inputScale: Int, outputScale: Int) throws(GadgetError) {
        try checkScale(inputScale)
        try checkScale(outputScale)
        try self.init(numerator: Int64(1) << (inputScale + outputScale))
    }

    /// ⌊S/√v⌋ for v > 0 (precondition: the caller has range-checked v ≥ 1).
    public func evaluate(_ v: Int64) -> Int64 {
        precondition(v > 0, "rsqrt of a non-positive value")
        let s = UInt128(numerator)
        // Fits: S < 2^63, so S² < 2^126 and the root ≤ S < 2^63.
        return Int64(Self.integerSquareRoot(s * s / UInt128(v)))
    }

    /// The circuit's predicate: v > 0, y ≥ 0, S² − y²·v ≥ 0 and S² − (y+1)²·v < 0.
    public func satisfiesConstraints(v: Int64, y: Int64) -> Bool {
        guard v > 0, y >= 0 else { return false }
        let s2 = UInt128(numerator) * UInt128(numerator)
        guard let lowerProduct = Self.squareTimes(UInt64(y), UInt64(v)), lowerProduct <= s2 else { return false }
        guard let upperProduct = Self.squareTimes(UInt64(y) + 1, UInt64(v)) else { return true }
        return upperProduct > s2
    }

    /// a²·b in UInt128, or nil if it does not fit (then it exceeds every S² < 2^126).
    static func squareTimes(_ a: UInt64, _ b: UInt64) -> UInt128? {
        let a2 = UInt128(a) * UInt128(a) // a < 2^64: a² < 2^128.
        let (p, overflow) = a2.multipliedReportingOverflow(by: UInt128(b))
        return overflow ? nil : p
    }

    /// ⌊√n⌋, exact, by Newton's method from an initial guess ≥ √n (the iterates then decrease
    /// monotonically to ⌊√n⌋; stop at the first non-decrease).
    public static func integerSquareRoot(_ n: UInt128) -> UInt128 {
        if n < 2 { return n }
        let bits = UInt128.bitWidth - n.leadingZeroBitCount
        var x = UInt128(1) << ((bits + 1) / 2) // 2^⌈bits/2⌉ > √n, ≤ 2^64.
        while true {
            // n/x ≤ √n < 2^64 and x ≤ 2^64, so the sum cannot overflow.
            let next = (x + n / x) >> 1
            if next >= x { return x }
            x = next
        }
    }
}
