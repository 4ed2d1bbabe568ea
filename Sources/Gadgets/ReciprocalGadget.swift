/// Reciprocal y = ⌊S/x⌋ by prover-supplied value (no table; PROTOCOL §3, DESIGN §6).
///
/// The prover commits y as advice; the circuit checks 0 ≤ S − y·x < x by range-checking
/// r = S − y·x and x − 1 − r (a hadamard and a linear constraint). Exactly one integer y
/// satisfies both for x > 0: it is ⌊S/x⌋ (division with remainder).
///
/// Fixed point: with x at scale s_in and S = 2^(s_in + s_out), y is 1/(x·2^−s_in) at scale s_out,
/// with error < 1 output ulp (floor): S/x − 1 < y ≤ S/x.
///
/// ## Ranges (no overflow)
/// S, x ∈ [1, 2^63), y ∈ [0, 2^63): `evaluate` is one Int64 division; `satisfiesConstraints`
/// forms y·x < 2^126 in Int128, so it is exact for every Int64 argument (negative or oversized
/// y simply fails). In the circuit, r and x − 1 − r lie in [0, x) ⊂ [0, 2^b) when x < 2^b:
/// the range checks need b bits each.
public struct ReciprocalGadget: Sendable {
    public static let name = "reciprocal"
    /// S > 0.
    public let numerator: Int64

    /// - Throws: `GadgetError.nonPositiveNumerator` if S ≤ 0.
    public init(numerator: Int64) throws(GadgetError) {
        guard numerator > 0 else { throw .nonPositiveNumerator(numerator) }
        self.numerator = numerator
    }

    /// `S = 2^(inputScale + outputScale)`: y ≈ 1/x in fixed point.
    public init(inputScale: Int, outputScale: Int) throws(GadgetError) {
        try checkScale(inputScale)
        try checkScale(outputScale)
        try self.init(numerator: Int64(1) << (inputScale + outputScale))
    }

    /// ⌊S/x⌋ for x > 0 (precondition: the caller has range-checked x ≥ 1).
    @inlinable
    public func evaluate(_ x: Int64) -> Int64 {
        precondition(x > 0, "reciprocal of a non-positive value")
        return numerator / x
    }

    /// The remainder r = S − y·x the prover commits as advice, in Int128.
    public func remainder(x: Int64, y: Int64) -> Int128 {
        Int128(numerator) - Int128(y) * Int128(x)
    }

    /// The circuit's predicate: x > 0 and 0 ≤ S − y·x < x. Exact for all Int64 arguments.
    public func satisfiesConstraints(x: Int64, y: Int64) -> Bool {
        guard x > 0 else { return false }
        let r = remainder(x: x, y: y)
        return r >= 0 && r < Int128(x)
    }
}
