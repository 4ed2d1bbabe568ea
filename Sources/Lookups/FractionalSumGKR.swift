public import Fields
public import FiatShamir
import Polynomials
public import Sumcheck

/// A claim on a fraction tree's leaves: p̃(point) = numerator, q̃(point) = denominator.
public struct FractionLeafClaim: Sendable, Equatable {
    public var point: [GoldilocksExt2]
    public var numerator: GoldilocksExt2
    public var denominator: GoldilocksExt2
}

/// Proof of the root values of several fraction-addition trees.
public struct FractionalSumProof: Sendable, Equatable {
    /// (P, Q) of each tree: Σ_i p_i/q_i = P/Q.
    public var roots: [[GoldilocksExt2]]
    /// One batched sumcheck per layer, root first (layer k has k variables).
    public var layers: [SumcheckProof]
}

/// GKR for sums of fractions (Papini–Haböck, "Improving logarithmic derivative lookups using
/// GKR", ePrint 2023/1284, §3).
///
/// A tree over 2^n leaves (p_i, q_i) has layers of 2^k entries, k = n…0, where
/// p_k(x) = p_{k+1}(0,x)·q_{k+1}(1,x) + p_{k+1}(1,x)·q_{k+1}(0,x) and
/// q_k(x) = q_{k+1}(0,x)·q_{k+1}(1,x) (the new variable is the FIRST, most significant one).
/// Layer k's claims p_k(r) = a, q_k(r) = b are reduced by one sumcheck of
/// a + λ·b = Σ_x eq(r,x)·[p0·q1 + p1·q0 + λ·q0·q1](x) to values of p0, p1, q0, q1 at ρ, and a
/// random μ turns them into claims on layer k+1 at (μ, ρ). Trees of any depths are batched:
/// layer k's sumchecks of all trees deeper than k run as one batched sumcheck with shared
/// challenges, so trees of equal depth end at the same leaf point.
public enum FractionalSumGKR {
    /// Proves the roots of trees with leaves `(numerators[t], denominators[t])`.
    ///
    /// `unitNumerators[t]` marks a tree whose leaf numerators are all 1 (public knowledge, e.g.
    /// a LogUp witness of exactly 2^n rows): its leaf layer is proved with the cheaper shape
    /// eq·[q0 + q1 + λ·q0·q1], and its leaf claim's numerator is 1.
    /// - Precondition: each tree has a power-of-two number ≥ 1 of leaves; trees marked unit
    ///   have only numerators 1.
    public static func prove(
        trees: [(numerators: [GoldilocksExt2], denominators: [GoldilocksExt2])], unitNumerators: [Bool]? = nil,
        transcript: inout Transcript
    ) -> (proof: FractionalSumProof, leafClaims: [FractionLeafClaim]) {
        let unit = unitNumerators ?? Array(repeating: false, count: trees.count)
        precondition(unit.count == trees.count, "FractionalSumGKR: one unit flag per tree")
        let layered = trees.map { tree in Self.layers(numerators: tree.numerators, denominators: tree.denominators) }
        let depths = layered.map { $0.count - 1 }
        let roots = layered.map { [$0[0].p[0], $0[0].q[0]] }
        transcript.absorb(.logupRoot, roots.flatMap { $0 })

        var claims = roots.map { (point: [GoldilocksExt2](), p: $0[0], q: $0[1]) }
        var proofs = [SumcheckProof]()
        let maxDepth = depths.max() ?? 0
        for k in 0..<maxDepth {
            let active = depths.indices.filter { depths[$0] > k }
            let lambda = transcript.challenge(.logupLayer)
            let instances = active.map { t -> SumcheckInstance<GoldilocksExt2> in
                let next = layered[t][k + 1]
                let half = 1 << k
                let unitLayer = unit[t] && k == depths[t] - 1
                let halves = unitLayer
                    ? [Array(next.q[0..<half]), Array(next.q[half...])]
                    : [Array(next.p[0..<half]), Array(next.p[half...]), Array(next.q[0..<half]), Array(next.q[half...])]
                return SumcheckInstance(shape: layerShape(numVars: k, lambda: lambda, point: claims[t].point, unit: unitLayer),
                                        polynomials: halves.map { MultilinearPolynomial(evaluations: $0) })
            }
            let output = SumcheckProver.prove(instances, transcript: &transcript)
            proofs.append(output.proof)
            let mu = transcript.challenge(.logupFold)
            for (i, t) in active.enumerated() {
                let (p, q) = nextClaim(output.subclaims[i].evaluations, mu: mu)
                claims[t] = ([mu] + output.subclaims[i].point, p, q)
            }
        }
        let leafClaims = claims.map { FractionLeafClaim(point: $0.point, numerator: $0.p, denominator: $0.q) }
        return (FractionalSumProof(roots: roots, layers: proofs), leafClaims)
    }

    /// Verifies the proof for trees of the given depths and returns each tree's root and leaf
    /// claim.
    ///
    /// ## Soundness
    /// Acceptance shows that IF each tree's leaf MLEs satisfy p̃(point) = numerator and
    /// q̃(point) = denominator, then each tree's fractional sum is P/Q with the returned root —
    /// except with probability O(n²·3/|K|) over the layer challenges. The CALLER must check the
    /// leaf claims and must reject Q = 0 before interpreting P/Q.
    public static func verify(
        _ proof: FractionalSumProof, depths: [Int], unitNumerators: [Bool]? = nil, transcript: inout Transcript
    ) throws(LookupError) -> (roots: [(p: GoldilocksExt2, q: GoldilocksExt2)], leafClaims: [FractionLeafClaim]) {
        let unit = unitNumerators ?? Array(repeating: false, count: depths.count)
        precondition(unit.count == depths.count, "FractionalSumGKR: one unit flag per tree")
        guard proof.roots.count == depths.count else {
            throw .countMismatch(field: "trees", expected: depths.count, actual: proof.roots.count)
        }
        for root in proof.roots where root.count != 2 {
            throw .countMismatch(field: "root", expected: 2, actual: root.count)
        }
        let maxDepth = depths.max() ?? 0
        guard proof.layers.count == maxDepth else {
            throw .countMismatch(field: "layers", expected: maxDepth, actual: proof.layers.count)
        }
        transcript.absorb(.logupRoot, proof.roots.flatMap { $0 })
        var claims = proof.roots.map { (point: [GoldilocksExt2](), p: $0[0], q: $0[1]) }
        for k in 0..<maxDepth {
            let active = depths.indices.filter { depths[$0] > k }
            let lambda = transcript.challenge(.logupLayer)
            let statement = active.map { t in
                SumcheckClaim(shape: layerShape(numVars: k, lambda: lambda, point: claims[t].point,
                                                unit: unit[t] && k == depths[t] - 1),
                              claimedSum: claims[t].p + lambda * claims[t].q)
            }
            let verification: SumcheckVerification
            do {
                verification = try SumcheckVerifier.verify(proof.layers[k], claims: statement, transcript: &transcript)
            } catch {
                throw .layerSumcheckFailed(layer: k, error)
            }
            let mu = transcript.challenge(.logupFold)
            for (i, t) in active.enumerated() {
                let (p, q) = nextClaim(verification.subclaims[i].evaluations, mu: mu)
                claims[t] = ([mu] + verification.subclaims[i].point, p, q)
            }
        }
        let roots = proof.roots.map { (p: $0[0], q: $0[1]) }
        return (roots, claims.map { FractionLeafClaim(point: $0.point, numerator: $0.p, denominator: $0.q) })
    }

    /// Σ_x eq(r, x)·[p0·q1 + p1·q0 + λ·q0·q1] over polynomials [p0, p1, q0, q1]; for a unit
    /// leaf layer (p0 = p1 = 1) Σ_x eq(r, x)·[q1 + q0 + λ·q0·q1] over [q0, q1].
    static func layerShape(numVars: Int, lambda: GoldilocksExt2, point: [GoldilocksExt2], unit: Bool = false) -> SumcheckShape {
        if unit {
            return SumcheckShape(numVars: numVars, numPolynomials: 2,
                                 terms: [ProductTerm(factors: [1]), ProductTerm(factors: [0]),
                                         ProductTerm(coefficient: lambda, factors: [0, 1])],
                                 eqPoint: point)
        }
        return SumcheckShape(numVars: numVars, numPolynomials: 4,
                             terms: [ProductTerm(factors: [0, 3]), ProductTerm(factors: [1, 2]),
                                     ProductTerm(coefficient: lambda, factors: [2, 3])],
                             eqPoint: point)
    }

    /// The next layer's claims (p(μ, ρ), q(μ, ρ)) from the layer's final evaluations
    /// [p0, p1, q0, q1], or [q0, q1] for a unit leaf layer (numerator 1).
    static func nextClaim(_ e: [GoldilocksExt2], mu: GoldilocksExt2) -> (GoldilocksExt2, GoldilocksExt2) {
        if e.count == 2 { return (.one, e[0] + mu * (e[1] - e[0])) }
        return (e[0] + mu * (e[1] - e[0]), e[2] + mu * (e[3] - e[2]))
    }

    /// All layers, root first: layers[k] has 2^k entries.
    static func layers(numerators: [GoldilocksExt2], denominators: [GoldilocksExt2])
        -> [(p: [GoldilocksExt2], q: [GoldilocksExt2])]
    {
        precondition(numerators.count == denominators.count && numerators.count > 0
                     && numerators.count & (numerators.count - 1) == 0, "FractionalSumGKR: leaves must be 2^n")
        var result = [(p: numerators, q: denominators)]
        var size = numerators.count
        while size > 1 {
            let half = size / 2
            let (p, q) = result[result.count - 1]
            var np = [GoldilocksExt2](repeating: .zero, count: half)
            var nq = [GoldilocksExt2](repeating: .zero, count: half)
            p.withUnsafeBufferPointer { pb in
                q.withUnsafeBufferPointer { qb in
                    np.withUnsafeMutableBufferPointer { npb in
                        nq.withUnsafeMutableBufferPointer { nqb in
                            let ps = UnsafeSendableBuffer(pb), qs = UnsafeSendableBuffer(qb)
                            let npp = SendablePointer(npb.baseAddress!), nqp = SendablePointer(nqb.baseAddress!)
                            parallelChunks(half, minimumChunk: 1 << 12) { range in
                                for i in range {
                                    let q0 = qs[i], q1 = qs[i + half]
                                    npp[i] = ps[i] * q1 + ps[i + half] * q0
                                    nqp[i] = q0 * q1
                                }
                            }
                        }
                    }
                }
            }
            result.append((np, nq))
            size = half
        }
        return result.reversed()
    }
}
