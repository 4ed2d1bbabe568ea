public import Fields
public import FiatShamir
public import Polynomials

/// The outcome of verifying a (batched) sumcheck.
public struct SumcheckVerification: Sendable, Equatable {
    /// The full challenge point r ∈ K^n of the longest instance.
    public var point: [GoldilocksExt2]
    /// The final running claim g_n(r_n), which the verifier has matched against the prover's
    /// final evaluations.
    public var expectedEvaluation: GoldilocksExt2
    /// One subclaim per instance, in statement order.
    public var subclaims: [SumcheckSubclaim]
}

/// Verifier of the batched sumcheck protocol (Lund–Fortnow–Karloff–Nisan 1992; Thaler,
/// "Proofs, Arguments, and Zero-Knowledge" §4.1) for statements described by ``SumcheckShape``.
///
/// Batching: claims c_i over n_i ≤ n variables are combined with powers of a challenge λ as
/// Σ_i λ^i·2^{n−n_i}·c_i; instance i occupies the LAST n_i rounds (its polynomials ignore the
/// first n − n_i variables, which contributes the factor 2^{n−n_i}), so its point is the suffix
/// r[n−n_i..<n] of the batch's challenges.
public enum SumcheckVerifier {
    /// Checks `proof` for `claims` and returns the point and the evaluations the caller must
    /// still check.
    ///
    /// Checks, in order: the number of instances and of final evaluations, the round count, the
    /// degree bound of every round polynomial, the sum g(0) + g(1) = claim of every round (by
    /// construction of the compressed form), and that the final running claim equals
    /// Σ_i λ^i·[eq(r_i, point_i)]·Σ_t c_t·Π_j f_j(point_i) computed from the prover's final
    /// evaluations. Every prover message is absorbed before the next challenge is drawn.
    ///
    /// ## Soundness
    /// Acceptance only shows: IF f_j(point_i) equals `subclaims[i].evaluations[j]` for every
    /// instance i and polynomial j, then every claimed sum is correct, except with probability
    /// ≤ n·d/|K| + (m−1)/|K| (n rounds of degree ≤ d, m batched claims; |K| ≈ 2^128). The CALLER
    /// must check those evaluations (commitment opening, next GKR layer, or direct evaluation of
    /// a public polynomial), and must have bound the statement (shapes, eq points, claimed sums'
    /// provenance) into `transcript` before calling — this function additionally absorbs each
    /// instance's numVars, degree and claimed sum.
    public static func verify(
        _ proof: SumcheckProof, claims: [SumcheckClaim], transcript: inout Transcript
    ) throws(SumcheckError) -> SumcheckVerification {
        precondition(!claims.isEmpty, "SumcheckVerifier: no claims")
        guard proof.finalEvaluations.count == claims.count else {
            throw .instanceCountMismatch(expected: claims.count, actual: proof.finalEvaluations.count)
        }
        for (i, claim) in claims.enumerated() where proof.finalEvaluations[i].count != claim.shape.numPolynomials {
            throw .evaluationCountMismatch(instance: i, expected: claim.shape.numPolynomials,
                                           actual: proof.finalEvaluations[i].count)
        }
        let numVars = claims.map(\.shape.numVars).max()!
        let maxDegree = claims.map(\.shape.degree).max()!
        guard proof.roundPolynomials.count == numVars else {
            throw .roundCountMismatch(expected: numVars, actual: proof.roundPolynomials.count)
        }

        let lambda = SumcheckTranscript.bindStatement(
            claims.map { ($0.shape.numVars, $0.shape.degree, $0.claimedSum) }, transcript: &transcript)
        let powers = SumcheckTranscript.powers(of: lambda, count: claims.count)
        var claim = GoldilocksExt2.zero
        for (i, c) in claims.enumerated() {
            claim += powers[i] * c.claimedSum * Goldilocks(1 << UInt64(numVars - c.shape.numVars))
        }

        var point = [GoldilocksExt2]()
        point.reserveCapacity(numVars)
        for (round, compressed) in proof.roundPolynomials.enumerated() {
            guard compressed.degree <= maxDegree else {
                throw .degreeTooHigh(round: round, degree: compressed.degree, maxDegree: maxDegree)
            }
            guard compressed.degree >= 1 else { throw .emptyRoundPolynomial(round: round) }
            transcript.absorb(.sumcheckRound, compressed.values)
            let challenge = transcript.challenge(.sumcheckChallenge)
            claim = compressed.decompressed(claim: claim).evaluate(at: challenge)
            point.append(challenge)
        }

        transcript.absorb(.sumcheckFinalEvaluations, proof.finalEvaluations.flatMap { $0 })
        var expected = GoldilocksExt2.zero
        var subclaims = [SumcheckSubclaim]()
        subclaims.reserveCapacity(claims.count)
        for (i, c) in claims.enumerated() {
            let suffix = Array(point[(numVars - c.shape.numVars)...])
            expected += powers[i] * c.shape.summand(evaluations: proof.finalEvaluations[i], at: suffix)
            subclaims.append(SumcheckSubclaim(point: suffix, evaluations: proof.finalEvaluations[i]))
        }
        guard expected == claim else { throw .finalEvaluationMismatch }
        return SumcheckVerification(point: point, expectedEvaluation: claim, subclaims: subclaims)
    }

    /// Checks g(0) + g(1) = claim for an uncompressed round polynomial (for protocols that send
    /// round polynomials in full).
    public static func checkRoundSum(
        _ polynomial: UnivariatePolynomial, claim: GoldilocksExt2, round: Int
    ) throws(SumcheckError) {
        guard polynomial.sumOverBooleans == claim else { throw .roundSumMismatch(round: round) }
    }
}

/// The transcript steps prover and verifier share.
enum SumcheckTranscript {
    /// Absorbs (numVars, degree, claimedSum) of every instance and returns the batching
    /// challenge λ (1 for a single instance, which needs none).
    static func bindStatement(
        _ statement: [(numVars: Int, degree: Int, claimedSum: GoldilocksExt2)], transcript: inout Transcript
    ) -> GoldilocksExt2 {
        var bytes = [UInt8]()
        for s in statement {
            withUnsafeBytes(of: UInt64(s.numVars).littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt64(s.degree).littleEndian) { bytes.append(contentsOf: $0) }
            s.claimedSum.encode(into: &bytes)
        }
        transcript.absorb(.sumcheckClaim, bytes: bytes)
        return statement.count > 1 ? transcript.challenge(.sumcheckBatch) : .one
    }

    static func powers(of lambda: GoldilocksExt2, count: Int) -> [GoldilocksExt2] {
        var result = [GoldilocksExt2]()
        result.reserveCapacity(count)
        var p = GoldilocksExt2.one
        for _ in 0..<count {
            result.append(p)
            p *= lambda
        }
        return result
    }
}
