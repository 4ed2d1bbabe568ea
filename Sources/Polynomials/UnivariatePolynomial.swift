public import Fields

/// A univariate polynomial of degree ≤ d over K, in evaluation form: its values g(0), g(1), …, g(d).
///
/// This is the form sumcheck round polynomials take (Lund–Fortnow–Karloff–Nisan 1992; Thaler,
/// "Proofs, Arguments, and Zero-Knowledge" §4.1): the prover evaluates the round sum at the
/// integer nodes 0…d and the verifier evaluates at its challenge by Lagrange interpolation.
public struct UnivariatePolynomial: Sendable, Equatable {
    /// g(0), g(1), …, g(d).
    public var evaluations: [GoldilocksExt2]

    /// - Precondition: at least one evaluation.
    @inlinable
    public init(evaluations: [GoldilocksExt2]) {
        precondition(!evaluations.isEmpty, "UnivariatePolynomial: no evaluations")
        self.evaluations = evaluations
    }

    /// The degree bound d (number of evaluations − 1).
    @inlinable public var degree: Int { evaluations.count - 1 }

    /// g(0) + g(1), the value the verifier compares with the running claim (g(0) alone for d = 0).
    @inlinable public var sumOverBooleans: GoldilocksExt2 {
        evaluations.count == 1 ? evaluations[0] + evaluations[0] : evaluations[0] + evaluations[1]
    }

    /// g(x) by Lagrange interpolation over the nodes 0…d, in O(d) multiplications and no inversion
    /// in K (the barycentric weights 1/(i!(d−i)!) are base-field constants).
    ///
    /// g(x) = Σ_i g(i)·w_i·Π_{j≠i}(x − j), w_i = (−1)^{d−i}/(i!·(d−i)!).
    @inlinable
    public func evaluate(at x: GoldilocksExt2) -> GoldilocksExt2 {
        let d = degree
        if d == 0 { return evaluations[0] }
        // prefix[i] = Π_{j<i}(x − j); suffix product is accumulated from the back.
        var prefix = [GoldilocksExt2](repeating: .one, count: d + 1)
        for i in 1...d { prefix[i] = prefix[i - 1] * (x - GoldilocksExt2(Goldilocks(UInt64(i - 1)))) }
        let weights = LagrangeWeights.integerNodes(degree: d)
        var suffix = GoldilocksExt2.one
        var acc = GoldilocksExt2.zero
        var i = d
        while i >= 0 {
            acc += evaluations[i] * (prefix[i] * suffix) * weights[i]
            suffix *= x - GoldilocksExt2(Goldilocks(UInt64(i)))
            i -= 1
        }
        return acc
    }

    /// The values g(d+1), …, g(d+count) of the same degree-d polynomial.
    @inlinable
    public func extrapolated(count: Int) -> [GoldilocksExt2] {
        (0..<count).map { evaluate(at: GoldilocksExt2(Goldilocks(UInt64(degree + 1 + $0)))) }
    }

    /// The product with the linear polynomial ℓ(X) = ℓ(0) + (ℓ(1) − ℓ(0))·X, as evaluations at
    /// 0…d+1.
    @inlinable
    public func multiplied(byLinear l0: GoldilocksExt2, _ l1: GoldilocksExt2) -> UnivariatePolynomial {
        var values = evaluations
        values.append(contentsOf: extrapolated(count: 1))
        let slope = l1 - l0
        var l = l0
        for i in values.indices {
            values[i] *= l
            l += slope
        }
        return UnivariatePolynomial(evaluations: values)
    }

    /// The compressed form that omits g(1) (the verifier derives it from g(0) + g(1) = claim).
    @inlinable
    public var compressed: CompressedUnivariatePolynomial {
        var values = evaluations
        if values.count > 1 { values.remove(at: 1) }
        return CompressedUnivariatePolynomial(values: values)
    }
}

/// A round polynomial without g(1): the values g(0), g(2), g(3), …, g(d).
///
/// Sending the compressed form saves one field element per round; the verifier restores g(1)
/// as `claim − g(0)`, which makes the check g(0) + g(1) = claim hold by construction — soundness
/// then rests on the final evaluation check (the restored polynomial is what the prover
/// committed to by its other d values; see docs/security-sumcheck-logup.md).
public struct CompressedUnivariatePolynomial: Sendable, Equatable {
    /// g(0), g(2), …, g(d).
    public var values: [GoldilocksExt2]

    @inlinable public init(values: [GoldilocksExt2]) { self.values = values }

    /// The degree d this form encodes (its number of values; 0 values means no polynomial).
    @inlinable public var degree: Int { values.count }

    /// Restores g(0), g(1), …, g(d) from `claim` = g(0) + g(1).
    ///
    /// - Precondition: `values` is not empty.
    @inlinable
    public func decompressed(claim: GoldilocksExt2) -> UnivariatePolynomial {
        precondition(!values.isEmpty, "decompressed: empty round polynomial")
        var evaluations = [GoldilocksExt2]()
        evaluations.reserveCapacity(values.count + 1)
        evaluations.append(values[0])
        evaluations.append(claim - values[0])
        evaluations.append(contentsOf: values.dropFirst())
        return UnivariatePolynomial(evaluations: evaluations)
    }
}

/// Barycentric weights for the integer nodes 0…d.
public enum LagrangeWeights {
    /// w_i = (−1)^{d−i} / (i!·(d−i)!) for i in 0…d.
    @inlinable
    public static func integerNodes(degree d: Int) -> [Goldilocks] {
        precondition(d >= 0 && d < 64, "LagrangeWeights: degree out of range")
        var factorial = [Goldilocks](repeating: .one, count: d + 1)
        if d >= 1 { for i in 1...d { factorial[i] = factorial[i - 1] * Goldilocks(UInt64(i)) } }
        var denominators = [Goldilocks]()
        denominators.reserveCapacity(d + 1)
        for i in 0...d {
            let den = factorial[i] * factorial[d - i]
            denominators.append((d - i) % 2 == 0 ? den : -den)
        }
        return denominators.batchInverted()
    }
}
