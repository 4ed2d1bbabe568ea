import Foundation

/// GELU as one lookup, saturating outside [−T, T), in the exact (erf) or the tanh form.
///
/// - erf:  gelu(x) = x·Φ(x) = (x/2)·(1 + erf(x/√2)).
/// - tanh: gelu(x) = (x/2)·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³) (Hendrycks–Gimpel,
///   arXiv:1606.08415); the reference is this same formula, not the erf form.
/// - Domain, table and saturation as `SiLUGadget`: 2T·2^s_in rows, 0 below −T, identity at ≥ T.
///
/// ## Error bound
/// Inside: output rounding, 2^−(s_out+1) (+ 2^−40 Double slack) — `errorBound`.
///
/// Outside (`saturationErrorBound`):
/// - erf: for |x| ≥ T, |gelu(x) − sat(x)| = |x|·Φ(−|x|) ≤ φ(|x|) ≤ φ(T) = e^{−T²/2}/√(2π), by the
///   Mills-ratio bound Φ(−t) ≤ φ(t)/t (so |x|·Φ(−|x|) ≤ φ(|x|), decreasing in |x|). T = 8: ≈ 5.1e−15.
/// - tanh: |x|/2·(1 − tanh|u|) = |x|/(1 + e^{2|u|}) ≤ |x|e^{−2|u(x)|}, which decreases for |x| ≥ 1
///   (since 2·|x|·u′ ≥ 2·√(2/π) > 1), so ≤ T·e^{−2u(T)}. T = 8: ≈ 3.1e−21.
/// Plus 2^−(s_out+1) when s_out < s_in (the identity's rescale).
public struct GELUGadget: LookupGadget {
    /// Which GELU formula the table tabulates.
    public enum Form: String, Sendable, CaseIterable {
        case erf
        case tanh
    }

    public static let name = "gelu"
    public let form: Form
    @usableFromInline let core: SaturatingActivationTable

    /// - Throws: `GadgetError` for an unsupported scale, T ≤ 0, or more than 2^20 rows.
    public init(form: Form = .erf, threshold: Int64 = 8, inputScale: Int = 8, outputScale: Int = 8) throws(GadgetError) {
        self.form = form
        switch form {
        case .erf:
            core = try SaturatingActivationTable(threshold: threshold, inputScale: inputScale,
                                                 outputScale: outputScale) { x in
                0.5 * x * (1 + DeterministicMath.erf(x * 0.7071067811865476))
            }
        case .tanh:
            core = try SaturatingActivationTable(threshold: threshold, inputScale: inputScale,
                                                 outputScale: outputScale) { x in
                0.5 * x * (1 + DeterministicMath.tanh(GELUGadget.tanhArgument(x)))
            }
        }
    }

    /// u(x) = √(2/π)·(x + 0.044715·x³).
    static func tanhArgument(_ x: Double) -> Double { 0.7978845608028654 * (x + 0.044715 * x * x * x) }

    /// `gelu-erf` or `gelu-tanh`.
    public var formName: String { "\(Self.name)-\(form.rawValue)" }
    public var inputScale: Int { core.inputScale }
    public var outputScale: Int { core.outputScale }
    public var threshold: Int64 { core.threshold }
    public var domain: ClosedRange<Int64> { core.domain }
    @inlinable public func evaluate(_ x: Int64) -> Int64 { core.evaluate(x) }
    public func table() -> [(input: Int64, output: Int64)] { core.table() }
    public var errorBound: Double { core.roundingBound }

    public func reference(_ x: Double) -> Double {
        switch form {
        case .erf: 0.5 * x * (1 + Foundation.erf(x / 2.0.squareRoot()))
        case .tanh: 0.5 * x * (1 + Foundation.tanh(Self.tanhArgument(x)))
        }
    }

    /// Bound on |dequantize(evaluate(x)) − gelu(x)| for x outside the domain (see the type doc).
    public var saturationErrorBound: Double {
        let t = Double(threshold)
        let tail = switch form {
        case .erf: Foundation.exp(-t * t / 2) / (2 * Double.pi).squareRoot()
        case .tanh: t * Foundation.exp(-2 * Self.tanhArgument(t))
        }
        return tail + core.saturationRounding
    }
}
