/// The table and saturation rule shared by activations f with f(x) → 0 as x → −∞ and
/// f(x) − x → 0 as x → +∞ (SiLU, GELU).
///
/// Domain: integers q ∈ [−T·2^s_in, T·2^s_in − 1], i.e. reals in [−T, T). Inside, the output is
/// `round(f(q·2^−s_in)·2^s_out)` (ties to even, `f` computed by `DeterministicMath`). Below the
/// domain the output is 0; at or above it, the input rescaled to s_out (round half up).
@usableFromInline
struct SaturatingActivationTable: Sendable {
    @usableFromInline let inputScale: Int
    @usableFromInline let outputScale: Int
    let threshold: Int64
    @usableFromInline let domain: ClosedRange<Int64>
    /// outputs[i] = evaluate(domain.lowerBound + i).
    @usableFromInline let outputs: [Int64]

    init(threshold: Int64, inputScale: Int, outputScale: Int, function f: (Double) -> Double) throws(GadgetError) {
        try checkScale(inputScale)
        try checkScale(outputScale)
        guard threshold > 0 else { throw .nonPositiveThreshold(threshold) }
        let (half, o1) = threshold.multipliedReportingOverflow(by: Int64(1) << inputScale)
        let (entries, o2) = half.multipliedReportingOverflow(by: 2)
        guard !o1, !o2, entries <= Int64(maxTableEntries) else {
            throw .tableTooLarge(entries: o1 || o2 ? Int.max : Int(entries), limit: maxTableEntries)
        }
        self.inputScale = inputScale
        self.outputScale = outputScale
        self.threshold = threshold
        self.domain = -half...(half - 1)
        let inScale = powerOfTwo(-inputScale)
        let outScale = powerOfTwo(outputScale)
        var outputs = [Int64]()
        outputs.reserveCapacity(Int(2 * half))
        for q in -half..<half {
            // Exact: |q| < 2^20 and the factors are powers of two.
            outputs.append(roundToInt64(f(Double(q) * inScale) * outScale))
        }
        self.outputs = outputs
    }

    @inlinable
    func evaluate(_ x: Int64) -> Int64 {
        if x < domain.lowerBound { return 0 }
        if x > domain.upperBound { return rescale(x, from: inputScale, to: outputScale) }
        return outputs[Int(x - domain.lowerBound)]
    }

    func table() -> [(input: Int64, output: Int64)] {
        outputs.enumerated().map { (input: domain.lowerBound + Int64($0.offset), output: $0.element) }
    }

    /// Half an output ulp plus the Double slack of the table build (2^−40, far above the
    /// ≤ 1e−15 relative error of `DeterministicMath` on outputs ≤ 2^20).
    var roundingBound: Double { powerOfTwo(-(outputScale + 1)) + powerOfTwo(-40) }

    /// Extra rounding of the above-domain identity when the output has fewer fraction bits.
    var saturationRounding: Double { outputScale < inputScale ? powerOfTwo(-(outputScale + 1)) : 0 }
}
