/// The advice the prover commits for one exp(−x), x ≥ 0, and the relations the circuit checks,
/// cutoff included.
///
/// With N = 2^(k+h) the digit-split domain size and d = 2t − s_out, the constraints are
/// (PROTOCOL §3: hadamard, linear, lookup, rescale, range):
/// 1. z·(1 − z) = 0 (z = [x < N]),
/// 2. gap = z·(N − 1 − x) + (1 − z)·(x − N) ≥ 0 (range check: z = 1 ⟺ x < N),
/// 3. z·x = 2^k·x_hi + x_lo (out of the domain the digits are of 0),
/// 4. (x_hi, H) ∈ high table and (x_lo, L) ∈ low table (LogUp; also range-checks the digits),
/// 5. H·L + 2^(d−1) = 2^d·y_split + R with R ∈ [0, 2^d) (hadamard + rescale range check),
/// 6. y = z·y_split (hadamard).
/// Given x they pin every advice value: z by (1)+(2) (the two cases of (2) are exclusive), the
/// digits by (3)+(4) (x_lo < 2^k), H and L by the tables being functions, y_split and R by
/// division with remainder, y by (6). The range check in (2) needs as many bits as x has.
public struct ExpWitness: Equatable, Sendable {
    /// z ∈ {0, 1}: 1 iff x is inside the digit-split domain.
    public var inDomain: Int64
    /// z·(N − 1 − x) + (1 − z)·(x − N), range-checked ≥ 0.
    public var gap: Int64
    public var high: Int64
    public var low: Int64
    public var highValue: Int64
    public var lowValue: Int64
    public var remainder: Int64
    /// The rescaled product H·L (exp(−z·x)).
    public var splitOutput: Int64
    /// y = z·y_split, the gadget's output.
    public var output: Int64
}

extension ExpGadget {
    /// The honest witness for x ≥ 0 (precondition); `output == evaluate(x)`.
    public func witness(_ x: Int64) -> ExpWitness {
        precondition(x >= 0, "ExpGadget input must be row max − a ≥ 0")
        let n = domain.upperBound + 1
        let z: Int64 = x < n ? 1 : 0
        let gap = z == 1 ? n - 1 - x : x - n
        let (hi, lo) = digits(z * x)
        let product = high[Int(hi)] * low[Int(lo)]
        let d = 2 * tableScale - outputScale
        let ySplit = rescale(product, from: 2 * tableScale, to: outputScale)
        // product + 2^(d−1) − 2^d·y ∈ [0, 2^d); formed as product − (2^d·y − 2^(d−1)) to stay < 2^63.
        let remainder = d == 0 ? 0 : product - ((ySplit << d) - (Int64(1) << (d - 1)))
        return ExpWitness(inDomain: z, gap: gap, high: hi, low: lo, highValue: high[Int(hi)],
                          lowValue: low[Int(lo)], remainder: remainder, splitOutput: ySplit,
                          output: z * ySplit)
    }

    /// The circuit's relations (see `ExpWitness`) for input x, evaluated in Int128 so that any
    /// Int64 witness values are checked exactly (all products are of two Int64 values).
    public func satisfiesConstraints(x: Int64, _ w: ExpWitness) -> Bool {
        let z = Int128(w.inDomain), x128 = Int128(x)
        let n = Int128(domain.upperBound) + 1
        guard z * (1 - z) == 0 else { return false }
        guard w.gap >= 0, Int128(w.gap) == z * (n - 1 - x128) + (1 - z) * (x128 - n) else { return false }
        let k = Int128(lowBits)
        guard w.low >= 0, Int128(w.low) < (Int128(1) << k),
              w.high >= 0, Int128(w.high) < (Int128(1) << Int128(highBits)) else { return false }
        guard z * x128 == (Int128(w.high) << k) + Int128(w.low) else { return false }
        guard high[Int(w.high)] == w.highValue, low[Int(w.low)] == w.lowValue else { return false }
        let d = 2 * tableScale - outputScale
        let half: Int128 = d == 0 ? 0 : Int128(1) << Int128(d - 1)
        guard w.remainder >= 0, Int128(w.remainder) < (Int128(1) << Int128(d)) else { return false }
        guard Int128(w.highValue) * Int128(w.lowValue) + half
            == (Int128(w.splitOutput) << Int128(d)) + Int128(w.remainder) else { return false }
        return Int128(w.output) == z * Int128(w.splitOutput)
    }
}
