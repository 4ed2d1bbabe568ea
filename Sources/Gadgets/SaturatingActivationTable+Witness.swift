/// The advice for one saturating activation (SiLU, GELU) and the relations the circuit checks.
///
/// With N = T·2^s_in (the domain is [−N, N)) and e = s_out − s_in, the constraints are
/// (PROTOCOL §3: hadamard, linear, lookup, rescale, range):
/// 1. b, i, a ∈ {0, 1} (below, inside, above), b + i + a = 1,
/// 2. gapLow = b·(−N − 1 − x) + i·(x + N) + a·(x − N) ≥ 0 and gapHigh = i·(N − 1 − x) ≥ 0
///    (range checks: b ⟺ x < −N, i ⟺ −N ≤ x < N, a ⟺ x ≥ N; the three cases are exclusive),
/// 3. (i·x, y_table) ∈ table (LogUp; out of the domain the table is read at 0),
/// 4. the identity: y_identity = x·2^e if e ≥ 0, else x + 2^(−e−1) = 2^(−e)·y_identity + R with
///    R ∈ [0, 2^(−e)) (rescale, round half up),
/// 5. y = i·y_table + a·y_identity.
/// Given x they pin every advice value. Range: |x| < 2^(62 − max(e, 0)) so that x·2^e and the
/// gaps fit in Int64 (`SaturatingActivationTable.evaluate` saturates beyond, the relation does not).
public struct ActivationWitness: Equatable, Sendable {
    public var below: Int64
    public var inside: Int64
    public var above: Int64
    public var gapLow: Int64
    public var gapHigh: Int64
    /// The table output at i·x.
    public var tableOutput: Int64
    /// x rescaled to s_out (round half up).
    public var identityOutput: Int64
    /// Rescale remainder of the identity (0 when s_out ≥ s_in).
    public var identityRemainder: Int64
    /// y = i·y_table + a·y_identity, the gadget's output.
    public var output: Int64
}

extension SaturatingActivationTable {
    /// Inputs for which `witness` is defined: |x| < 2^(62 − max(s_out − s_in, 0)).
    var witnessRange: ClosedRange<Int64> {
        let bits = 62 - max(outputScale - inputScale, 0)
        return -((Int64(1) << bits) - 1)...((Int64(1) << bits) - 1)
    }

    func witness(_ x: Int64) -> ActivationWitness {
        precondition(witnessRange.contains(x), "activation witness input out of range")
        let n = domain.upperBound + 1
        let (b, i, a): (Int64, Int64, Int64) = x < -n ? (1, 0, 0) : (x < n ? (0, 1, 0) : (0, 0, 1))
        let gapLow = b * (-n - 1 - x) + i * (x + n) + a * (x - n)
        let gapHigh = i * (n - 1 - x)
        let tableOutput = outputs[Int(i * x - domain.lowerBound)]
        let identity = rescale(x, from: inputScale, to: outputScale)
        let d = inputScale - outputScale
        let remainder = d > 0 ? x + (Int64(1) << (d - 1)) - (identity << d) : 0
        return ActivationWitness(below: b, inside: i, above: a, gapLow: gapLow, gapHigh: gapHigh,
                                 tableOutput: tableOutput, identityOutput: identity,
                                 identityRemainder: remainder, output: i * tableOutput + a * identity)
    }

    /// The circuit's relations, in Int128 so any Int64 witness values are checked exactly.
    func satisfiesConstraints(x: Int64, _ w: ActivationWitness) -> Bool {
        let (b, i, a) = (Int128(w.below), Int128(w.inside), Int128(w.above))
        let x128 = Int128(x), n = Int128(domain.upperBound) + 1
        guard b * (1 - b) == 0, i * (1 - i) == 0, a * (1 - a) == 0, b + i + a == 1 else { return false }
        guard w.gapLow >= 0, Int128(w.gapLow) == b * (-n - 1 - x128) + i * (x128 + n) + a * (x128 - n) else { return false }
        guard w.gapHigh >= 0, Int128(w.gapHigh) == i * (n - 1 - x128) else { return false }
        let tableInput = i * x128
        guard tableInput >= Int128(domain.lowerBound), tableInput <= Int128(domain.upperBound),
              outputs[Int(tableInput - Int128(domain.lowerBound))] == w.tableOutput else { return false }
        let d = inputScale - outputScale
        if d > 0 {
            guard w.identityRemainder >= 0, Int128(w.identityRemainder) < (Int128(1) << Int128(d)),
                  x128 + (Int128(1) << Int128(d - 1)) == (Int128(w.identityOutput) << Int128(d)) + Int128(w.identityRemainder)
            else { return false }
        } else {
            guard w.identityRemainder == 0, Int128(w.identityOutput) == x128 << Int128(-d) else { return false }
        }
        return Int128(w.output) == i * Int128(w.tableOutput) + a * Int128(w.identityOutput)
    }
}

extension SiLUGadget {
    /// Inputs for which `witness` is defined: |x| < 2^(62 − max(s_out − s_in, 0)).
    public var witnessRange: ClosedRange<Int64> { core.witnessRange }
    /// The honest advice for x ∈ `witnessRange` (precondition); `output == evaluate(x)`.
    public func witness(_ x: Int64) -> ActivationWitness { core.witness(x) }
    /// The circuit's relations (see `ActivationWitness`).
    public func satisfiesConstraints(x: Int64, _ w: ActivationWitness) -> Bool { core.satisfiesConstraints(x: x, w) }
}

extension GELUGadget {
    /// Inputs for which `witness` is defined: |x| < 2^(62 − max(s_out − s_in, 0)).
    public var witnessRange: ClosedRange<Int64> { core.witnessRange }
    /// The honest advice for x ∈ `witnessRange` (precondition); `output == evaluate(x)`.
    public func witness(_ x: Int64) -> ActivationWitness { core.witness(x) }
    /// The circuit's relations (see `ActivationWitness`).
    public func satisfiesConstraints(x: Int64, _ w: ActivationWitness) -> Bool { core.satisfiesConstraints(x: x, w) }
}
