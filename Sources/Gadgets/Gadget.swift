/// Errors raised when a gadget is configured with parameters it cannot honour.
public enum GadgetError: Error, Equatable, Sendable {
    /// A fixed-point scale (fraction bits) is outside the supported interval.
    case scaleOutOfRange(scale: Int, supported: ClosedRange<Int>)
    /// The table would exceed the size limit.
    case tableTooLarge(entries: Int, limit: Int)
    /// The saturation threshold T must be positive.
    case nonPositiveThreshold(Int64)
    /// The exp digit split does not reach far enough for the cutoff to be a half-ulp error.
    case cutoffTooSmall(cutoff: Double, required: Double)
    /// A constant of a prover-value gadget (the numerator S) must be positive.
    case nonPositiveNumerator(Int64)
    /// The exp table scale t must satisfy s_out ≤ t and 2t ≤ 62 (the product of two entries fits
    /// in Int64).
    case invalidTableScale(tableScale: Int, outputScale: Int)
}

/// A fixed-point function with an exact integer evaluation and a float reference.
public protocol FixedPointGadget: Sendable {
    /// Kebab-case identifier, the same in IR, docs and tests.
    static var name: String { get }
    /// Fraction bits of the input: integer `q` denotes `q·2^−inputScale`.
    var inputScale: Int { get }
    /// Fraction bits of the output.
    var outputScale: Int { get }
    /// The integer inputs on which the stated `errorBound` holds (for table gadgets: the table's
    /// input column).
    var domain: ClosedRange<Int64> { get }
    /// The exact integer function the witness generator and the circuit compute. Deterministic,
    /// no floating point (tables are built once in `init`).
    func evaluate(_ x: Int64) -> Int64
    /// The float function being approximated, in real units.
    func reference(_ x: Double) -> Double
    /// Max |dequantize(evaluate(x)) − reference(dequantize(x))| over `domain`, in real units.
    var errorBound: Double { get }
}

/// A gadget proved by one lookup `(x, y) ∈ table` (LogUp, PROTOCOL §4).
public protocol LookupGadget: FixedPointGadget {
    /// The public table: one row per input in `domain`, in increasing input order, with
    /// `output == evaluate(input)`. At most `maxTableEntries` rows.
    func table() -> [(input: Int64, output: Int64)]
}

/// Largest table any gadget builds (2^20 rows).
public let maxTableEntries = 1 << 20

/// Supported fraction bits for every scale.
public let supportedScales: ClosedRange<Int> = 0...30

extension FixedPointGadget {
    /// The real number denoted by the integer input `x`.
    public func dequantizeInput(_ x: Int64) -> Double { Double(x) * powerOfTwo(-inputScale) }

    /// The real number denoted by the integer output `y`.
    public func dequantizeOutput(_ y: Int64) -> Double { Double(y) * powerOfTwo(-outputScale) }

    /// The largest observed |dequantize(evaluate(x)) − reference(dequantize(x))| over `inputs`,
    /// with an input attaining it.
    public func maxError<S: Sequence<Int64>>(over inputs: S) -> (error: Double, at: Int64) {
        var worst = (error: 0.0, at: domain.lowerBound)
        for x in inputs {
            let e = abs(dequantizeOutput(evaluate(x)) - reference(dequantizeInput(x)))
            if e > worst.error { worst = (e, x) }
        }
        return worst
    }
}

/// 2^e as an exact Double (|e| ≤ 1000).
@inlinable
func powerOfTwo(_ e: Int) -> Double { Double(sign: .plus, exponent: e, significand: 1) }

/// Rounds a real number that the caller knows is far inside Int64 to the nearest integer, ties to
/// even (deterministic: IEEE round-to-integral).
@inlinable
func roundToInt64(_ v: Double) -> Int64 { Int64(v.rounded(.toNearestOrEven)) }

/// `x·2^(to − from)` rounded to the nearest integer (ties toward +∞), saturating at the Int64
/// bounds. Exact integer arithmetic.
@inlinable
func rescale(_ x: Int64, from: Int, to: Int) -> Int64 {
    if to >= from {
        let shift = to - from
        if shift >= 63 { return x == 0 ? 0 : (x > 0 ? .max : .min) }
        let (r, overflow) = x.multipliedReportingOverflow(by: Int64(1) << shift)
        return overflow ? (x > 0 ? .max : .min) : r
    }
    let d = from - to
    if d >= 64 { return 0 }
    // ⌊x/2^d + 1/2⌋ = ⌊x/2^d⌋ + bit (d−1) of x (two's complement), without forming x + 2^(d−1).
    return (x >> d) + ((x >> (d - 1)) & 1)
}

/// Validates a scale against `supportedScales`.
func checkScale(_ s: Int) throws(GadgetError) {
    guard supportedScales.contains(s) else { throw .scaleOutOfRange(scale: s, supported: supportedScales) }
}
