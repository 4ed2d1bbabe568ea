import Foundation

/// SiLU(x) = x·σ(x) = x / (1 + e^{−x}) as one lookup, saturating outside [−T, T).
///
/// - Domain: integers q ∈ [−T·2^s_in, T·2^s_in), table size 2T·2^s_in ≤ 2^20
///   (T = 8, s_in = 8 → 2^12 rows).
/// - Inside: y = round(silu(q·2^−s_in)·2^s_out), ties to even.
/// - Below −T: y = 0. Above (x ≥ T): y = x rescaled to s_out (the identity).
///
/// ## Error bound
/// Inside the domain the only error is the output rounding: |y·2^−s_out − silu(x)| ≤ 2^−(s_out+1)
/// (plus 2^−40 of Double slack in the table build) — `errorBound`.
///
/// Outside (`saturationErrorBound`): for x < −T, |silu(x) − 0| = |x|·σ(x) ≤ |x|e^{−|x|} ≤ T·e^{−T}
/// since σ(x) ≤ e^{x} and t·e^{−t} decreases for t ≥ 1. For x ≥ T, |silu(x) − x| = x·σ(−x)
/// ≤ x·e^{−x} ≤ T·e^{−T}; if s_out < s_in the rescale adds 2^−(s_out+1). T = 8: T·e^{−T} ≈ 2.7e−3.
public struct SiLUGadget: LookupGadget {
    public static let name = "silu"
    @usableFromInline let core: SaturatingActivationTable

    /// - Parameters:
    ///   - threshold: T > 0 in real units; the table covers [−T, T).
    ///   - inputScale: s_in in `supportedScales`.
    ///   - outputScale: s_out in `supportedScales`.
    /// - Throws: `GadgetError` for an unsupported scale, T ≤ 0, or more than 2^20 rows.
    public init(threshold: Int64 = 8, inputScale: Int = 8, outputScale: Int = 8) throws(GadgetError) {
        core = try SaturatingActivationTable(threshold: threshold, inputScale: inputScale,
                                             outputScale: outputScale) { x in
            x / (1 + DeterministicMath.exp(-x))
        }
    }

    public var inputScale: Int { core.inputScale }
    public var outputScale: Int { core.outputScale }
    public var threshold: Int64 { core.threshold }
    public var domain: ClosedRange<Int64> { core.domain }
    @inlinable public func evaluate(_ x: Int64) -> Int64 { core.evaluate(x) }
    public func reference(_ x: Double) -> Double { x / (1 + Foundation.exp(-x)) }
    public func table() -> [(input: Int64, output: Int64)] { core.table() }
    public var errorBound: Double { core.roundingBound }

    /// Bound on |dequantize(evaluate(x)) − silu(x)| for x outside the domain: T·e^{−T} (+ rescale).
    public var saturationErrorBound: Double {
        let t = Double(threshold)
        return t * Foundation.exp(-t) + core.saturationRounding
    }
}
