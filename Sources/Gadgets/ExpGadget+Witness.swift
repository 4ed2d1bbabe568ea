/// The advice the prover commits for one in-domain exp(−x) and the relations the circuit checks.
///
/// Constraints (PROTOCOL §3: lookup, linear, hadamard, rescale), with d = 2t − s_out:
/// 1. x = 2^k·x_hi + x_lo (linear),
/// 2. (x_hi, H) ∈ high table and (x_lo, L) ∈ low table (LogUp; this also range-checks the digits),
/// 3. H·L + 2^(d−1) = 2^d·y + R with R ∈ [0, 2^d) (hadamard + rescale range check),
/// 4. y ∈ [0, 2^s_out] (range check).
/// Given x they pin every advice value: the digits by (1)+(2) (x_lo < 2^k), H and L by the
/// tables being functions, y and R by division with remainder.
public struct ExpWitness: Equatable, Sendable {
    public var high: Int64
    public var low: Int64
    public var highValue: Int64
    public var lowValue: Int64
    public var remainder: Int64
    public var output: Int64
}

extension ExpGadget {
    /// The honest witness for x ∈ `domain` (precondition).
    public func witness(_ x: Int64) -> ExpWitness {
        precondition(domain.contains(x), "exp witness outside the digit-split domain")
        let (hi, lo) = digits(x)
        let product = high[Int(hi)] * low[Int(lo)]
        let d = 2 * tableScale - outputScale
        let y = evaluate(x)
        // product + 2^(d−1) − 2^d·y ∈ [0, 2^d); formed as product − (2^d·y − 2^(d−1)) to stay < 2^63.
        let remainder = d == 0 ? 0 : product - ((y << d) - (Int64(1) << (d - 1)))
        return ExpWitness(high: hi, low: lo, highValue: high[Int(hi)], lowValue: low[Int(lo)],
                          remainder: remainder, output: y)
    }

    /// The circuit's relations (see `ExpWitness`) for input x, in Int128 so that any Int64
    /// witness values are checked exactly.
    public func satisfiesConstraints(x: Int64, _ w: ExpWitness) -> Bool {
        let k = Int128(lowBits)
        guard w.low >= 0, Int128(w.low) < (1 << k), w.high >= 0, Int128(w.high) < (Int128(1) << Int128(highBits)) else { return false }
        guard Int128(x) == (Int128(w.high) << k) + Int128(w.low) else { return false }
        guard high[Int(w.high)] == w.highValue, low[Int(w.low)] == w.lowValue else { return false }
        let d = 2 * tableScale - outputScale
        let half: Int128 = d == 0 ? 0 : Int128(1) << Int128(d - 1)
        guard w.remainder >= 0, Int128(w.remainder) < (Int128(1) << Int128(d)) else { return false }
        guard w.output >= 0, w.output <= (Int64(1) << outputScale) else { return false }
        return Int128(w.highValue) * Int128(w.lowValue) + half
            == (Int128(w.output) << Int128(d)) + Int128(w.remainder)
    }
}
