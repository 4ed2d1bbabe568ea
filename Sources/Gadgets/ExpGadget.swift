import Foundation

/// exp(−x) for softmax, x = (row max − a) ≥ 0, by a digit split into two tables.
///
/// Write the integer input x = x_hi·2^k + x_lo with x_lo ∈ [0, 2^k), x_hi ∈ [0, 2^h). Then
/// exp(−x·2^−s_in) = exp(−x_hi·2^(k−s_in)) · exp(−x_lo·2^−s_in), so
///
///     H[x_hi] = round(exp(−x_hi·2^(k−s_in))·2^t),  L[x_lo] = round(exp(−x_lo·2^−s_in)·2^t)
///     y = ⌊(H[x_hi]·L[x_lo] + 2^(2t−s_out−1)) / 2^(2t−s_out)⌋
///
/// with t = `tableScale` (2t ≤ 62, so H·L + 2^(2t−s_out−1) < 2^63). The circuit proves
/// (x_hi, H) ∈ high table and (x_lo, L) ∈ low table (LogUp), x = 2^k·x_hi + x_lo (linear), the
/// product (hadamard) and the rescale (PROTOCOL §3, remainder range-checked).
///
/// Cutoff: for x ≥ 2^(k+h) the output is 0. The constructor requires
/// exp(−2^(k+h−s_in)) < 2^−(s_out+1), so that 0 is within half an output ulp of the true value
/// there — the same error as inside the domain — and the high table needs no more rows.
///
/// ## Error bound
/// With e_h, e_l ∈ (0, 1] the exact factors and |η_h|, |η_l| ≤ 1/2 the table roundings,
/// H·L/2^(2t) = e_h·e_l + (e_h·η_l + e_l·η_h)·2^−t + η_h·η_l·2^−2t, so the product is off by at most
/// 2^−t + 2^−(2t+2); the final rescale adds 2^−(s_out+1). `errorBound` = 2^−(s_out+1) + 2^−t
/// + 2^−(2t+2) + 2^−40 (Double slack). Beyond the cutoff the error is < 2^−(s_out+1).
public struct ExpGadget: FixedPointGadget {
    public static let name = "exp-digit-split"
    public let inputScale: Int
    public let outputScale: Int
    /// t: fraction bits of the two table outputs.
    public let tableScale: Int
    /// k: bits of the low digit.
    public let lowBits: Int
    /// h: bits of the high digit.
    public let highBits: Int
    @usableFromInline let high: [Int64]
    @usableFromInline let low: [Int64]

    /// - Parameters:
    ///   - inputScale: s_in of x.
    ///   - outputScale: s_out of exp(−x).
    ///   - lowBits: k ≤ 16 (low table has 2^k rows).
    ///   - highBits: h ≤ 16 (high table has 2^h rows).
    ///   - tableScale: t ≥ s_out with 2t ≤ 62; default s_out + 4 (product error 2^−(s_out+4)).
    /// - Throws: `GadgetError` if a scale is unsupported, a table exceeds 2^16 rows, 2t > 62,
    ///   or the cutoff 2^(k+h−s_in) is too small for exp(−cutoff) < 2^−(s_out+1).
    public init(inputScale: Int = 8, outputScale: Int = 16, lowBits: Int = 6, highBits: Int = 6,
                tableScale: Int? = nil) throws(GadgetError) {
        try checkScale(inputScale)
        try checkScale(outputScale)
        let t = tableScale ?? outputScale + 4
        guard 2 * t <= 62, t >= outputScale else { throw .invalidTableScale(tableScale: t, outputScale: outputScale) }
        guard (0...16).contains(lowBits) else { throw .tableTooLarge(entries: 1 << max(0, min(lowBits, 62)), limit: 1 << 16) }
        guard (0...16).contains(highBits) else { throw .tableTooLarge(entries: 1 << max(0, min(highBits, 62)), limit: 1 << 16) }
        let cutoff = powerOfTwo(lowBits + highBits - inputScale)
        let required = Double(outputScale + 1) * 0.6931471805599453
        // exp(−c) < 2^−(s_out+1) ⟺ c > (s_out+1)·ln 2; demand a 1e−9 margin so libm is not consulted.
        guard cutoff > required + 1e-9 else { throw .cutoffTooSmall(cutoff: cutoff, required: required) }
        self.inputScale = inputScale
        self.outputScale = outputScale
        self.tableScale = t
        self.lowBits = lowBits
        self.highBits = highBits
        let scaleT = powerOfTwo(t)
        let stepHigh = powerOfTwo(lowBits - inputScale)
        let stepLow = powerOfTwo(-inputScale)
        high = (0..<(1 << highBits)).map { roundToInt64(DeterministicMath.exp(-Double($0) * stepHigh) * scaleT) }
        low = (0..<(1 << lowBits)).map { roundToInt64(DeterministicMath.exp(-Double($0) * stepLow) * scaleT) }
    }

    /// x ∈ [0, 2^(k+h) − 1]; larger x evaluate to 0 (the cutoff).
    public var domain: ClosedRange<Int64> { 0...((Int64(1) << (lowBits + highBits)) - 1) }

    /// The exact integer exp(−x). Precondition: x ≥ 0 (guaranteed by the row-max constraint).
    @inlinable
    public func evaluate(_ x: Int64) -> Int64 {
        precondition(x >= 0, "ExpGadget input must be row max − a ≥ 0")
        if x > domain.upperBound { return 0 }
        let hi = Int(x >> lowBits)
        let lo = Int(x & ((Int64(1) << lowBits) - 1))
        // Cannot overflow: H, L ≤ 2^t and 2t ≤ 62.
        let product = high[hi] * low[lo]
        return rescale(product, from: 2 * tableScale, to: outputScale)
    }

    public func reference(_ x: Double) -> Double { Foundation.exp(-x) }

    public var errorBound: Double {
        powerOfTwo(-(outputScale + 1)) + powerOfTwo(-tableScale) + powerOfTwo(-(2 * tableScale + 2)) + powerOfTwo(-40)
    }

    /// (x_hi, H[x_hi]) for x_hi ∈ [0, 2^h): the high-digit table.
    public func highTable() -> [(input: Int64, output: Int64)] {
        high.enumerated().map { (input: Int64($0.offset), output: $0.element) }
    }

    /// (x_lo, L[x_lo]) for x_lo ∈ [0, 2^k): the low-digit table.
    public func lowTable() -> [(input: Int64, output: Int64)] {
        low.enumerated().map { (input: Int64($0.offset), output: $0.element) }
    }

    /// The digits (x_hi, x_lo) of an in-domain x, as the witness generator commits them.
    public func digits(_ x: Int64) -> (high: Int64, low: Int64) {
        (x >> lowBits, x & ((Int64(1) << lowBits) - 1))
    }
}
