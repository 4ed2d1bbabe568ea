/// exp, tanh and erf from IEEE-754 `+ − × ÷` and exact power-of-two scaling only.
///
/// Tables must come out bit-identical on every machine; libm's transcendental functions are
/// only faithfully rounded and may differ by one ulp between platforms, which can flip a
/// round-to-integer at a tie. These routines use only correctly rounded basic operations in a
/// fixed order (Swift does not contract `a*b + c` into FMA), so their results — and hence every
/// table entry `round(f(x)·2^s)`, ties to even on the computed Double — are reproducible.
/// Accuracy (tested against libm): exp within 4 ulp on [−40, 40]; erf, tanh within 4e−15
/// absolute on [−7, 7] — far below a table ulp (≥ 2^−30).
enum DeterministicMath {
    /// ln 2 split (fdlibm): `hi` has trailing zero bits so `k·hi` is exact for |k| < 2^20.
    static let ln2Hi = 6.93147180369123816490e-01
    static let ln2Lo = 1.90821492927058770002e-10
    static let log2e = 1.44269504088896338700e+00

    /// e^x. Range reduction x = k·ln2 + r, |r| ≤ ln2/2, then a degree-20 Taylor polynomial.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x < -745 { return 0 }
        if x > 709 { return .infinity }
        let k = (x * log2e).rounded(.toNearestOrEven)
        let r = (x - k * ln2Hi) - k * ln2Lo
        var p = 1.0
        var i = 20
        while i >= 1 {
            p = 1 + r * p / Double(i)
            i -= 1
        }
        // Scale in two steps so a subnormal result is reached without an overflowing factor.
        let ki = Int(k)
        if ki < -1000 { return p * powerOfTwo(-1000) * powerOfTwo(ki + 1000) }
        return p * powerOfTwo(ki)
    }

    /// tanh x = sign(x)·(1 − e^{−2|x|}) / (1 + e^{−2|x|}).
    static func tanh(_ x: Double) -> Double {
        let e = exp(-2 * abs(x))
        let t = (1 - e) / (1 + e)
        return x < 0 ? -t : t
    }

    /// erf x = (2/√π)·e^{−x²}·Σ_{n≥0} 2^n x^{2n+1} / (1·3·…·(2n+1)) (Abramowitz–Stegun 7.1.6):
    /// all terms positive, so no cancellation. erf x = 1 to double precision for x ≥ 6.
    static func erf(_ x: Double) -> Double {
        let t = abs(x)
        if t >= 6 { return x < 0 ? -1 : 1 }
        let t2 = t * t
        var term = t
        var sum = t
        var n = 0
        while n < 1000 {
            term = term * (2 * t2) / Double(2 * n + 3)
            sum += term
            if term < sum * 0x1p-60 { break }
            n += 1
        }
        let v = min(1, 1.1283791670955126 * exp(-t2) * sum)
        return x < 0 ? -v : v
    }
}
