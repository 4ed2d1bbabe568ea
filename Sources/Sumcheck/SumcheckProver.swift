public import Fields
public import FiatShamir
import Polynomials

/// What the prover produces: the proof, the sums it proved, and the subclaims the verifier
/// will derive (so the caller can continue its claim flow without re-deriving them).
public struct SumcheckProverOutput: Sendable {
    public var proof: SumcheckProof
    /// Σ_x of each instance, in statement order (the verifier's `SumcheckClaim.claimedSum`).
    public var claimedSums: [GoldilocksExt2]
    /// The challenge point of the longest instance.
    public var point: [GoldilocksExt2]
    public var subclaims: [SumcheckSubclaim]
}

/// Prover of the batched sumcheck protocol; see ``SumcheckVerifier`` for the statement and the
/// batching convention.
///
/// Round k's polynomial is evaluated at 0, 2, …, d (g(1) follows from the running claim) and
/// sent compressed. Tables start in the field of the input (the first round runs over the
/// base field for base inputs) and move to K when the first challenge is bound; later folds are
/// in place. An eq(r, x) factor is handled as in Gruen (ePrint 2024/108, §3): g(X) =
/// eq(r_<k, c_<k)·ℓ_k(X)·q(X) with ℓ_k(X) = eq(r_k, X), so the tables only carry the suffix eq
/// table and the inner sum q has one degree less. The product of two polynomials (with or
/// without eq) uses a fused fold-and-round kernel, fraction-sum GKR layers have their own
/// kernels, other shapes use a generic kernel. An ``EqCombination`` weight is materialised as
/// one more extension-field factor.
public enum SumcheckProver {
    /// Proves Σ_x of every instance over base-field tables.
    public static func prove(
        _ instances: [SumcheckInstance<Goldilocks>], transcript: inout Transcript
    ) -> SumcheckProverOutput {
        proveGeneric(instances, transcript: &transcript)
    }

    /// Proves Σ_x of every instance over extension-field tables.
    public static func prove(
        _ instances: [SumcheckInstance<GoldilocksExt2>], transcript: inout Transcript
    ) -> SumcheckProverOutput {
        proveGeneric(instances, transcript: &transcript)
    }

    static func proveGeneric<F: SumcheckField>(
        _ instances: [SumcheckInstance<F>], transcript: inout Transcript, hiddenEvaluations: [Int]? = nil
    ) -> SumcheckProverOutput {
        precondition(!instances.isEmpty, "SumcheckProver: no instances")
        if instances.contains(where: { $0.shape.eqCombination != nil }) {
            // Materialise each weight Σ ρ_i·eq(r_i, ·) as one more (extension-field) factor of
            // every term; its final value is the verifier's to compute, so it is not sent.
            let lifted = instances.map { $0.materializingEqCombination() }
            let hidden = instances.map { $0.shape.eqCombination == nil ? 0 : 1 }
            return proveGeneric(lifted, transcript: &transcript, hiddenEvaluations: hidden)
        }
        let numVars = instances.map(\.shape.numVars).max()!
        let maxDegree = instances.map(\.shape.degree).max()!
        let states = instances.map { InstanceProver(instance: $0, batchVars: numVars) }

        let claimedSums = states.map(\.claimedSum)
        let lambda = SumcheckTranscript.bindStatement(
            zip(states, claimedSums).map { ($0.shape.numVars, $0.shape.degree, $1) }, transcript: &transcript)
        let powers = SumcheckTranscript.powers(of: lambda, count: states.count)
        var running = zip(states, claimedSums).map { state, sum in
            sum * Goldilocks(1 << UInt64(numVars - state.shape.numVars))
        }

        var rounds = [CompressedUnivariatePolynomial]()
        rounds.reserveCapacity(numVars)
        var point = [GoldilocksExt2]()
        point.reserveCapacity(numVars)
        for round in 0..<numVars {
            var combined = [GoldilocksExt2](repeating: .zero, count: maxDegree + 1)
            var polynomials = [UnivariatePolynomial]()
            polynomials.reserveCapacity(states.count)
            for (i, state) in states.enumerated() {
                let g: UnivariatePolynomial
                if round < state.offset {
                    // Dummy variable: the instance does not depend on it, g is the constant s/2.
                    let half = running[i] * Goldilocks(UInt64(Goldilocks.modulus / 2 + 1))
                    g = UnivariatePolynomial(evaluations: [half])
                } else {
                    g = state.roundPolynomial(claim: running[i])
                }
                polynomials.append(g)
                var values = g.evaluations
                if values.count < maxDegree + 1 { values += g.extrapolated(count: maxDegree + 1 - values.count) }
                for t in 0...maxDegree { combined[t] += powers[i] * values[t] }
            }
            let compressed = UnivariatePolynomial(evaluations: combined).compressed
            transcript.absorb(.sumcheckRound, compressed.values)
            rounds.append(compressed)
            let challenge = transcript.challenge(.sumcheckChallenge)
            point.append(challenge)
            for (i, state) in states.enumerated() {
                running[i] = polynomials[i].evaluate(at: challenge)
                if round >= state.offset { state.bind(challenge) }
            }
        }

        let finalEvaluations = states.enumerated().map { i, state in
            Array(state.finalEvaluations().dropLast(hiddenEvaluations?[i] ?? 0))
        }
        transcript.absorb(.sumcheckFinalEvaluations, finalEvaluations.flatMap { $0 })
        let subclaims = zip(states, finalEvaluations).map { state, evaluations in
            SumcheckSubclaim(point: Array(point[state.offset...]), evaluations: evaluations)
        }
        return SumcheckProverOutput(
            proof: SumcheckProof(roundPolynomials: rounds, finalEvaluations: finalEvaluations),
            claimedSums: claimedSums, point: point, subclaims: subclaims)
    }
}

extension SumcheckInstance {
    /// The same sum over K with an eq combination replaced by an explicit last factor.
    func materializingEqCombination() -> SumcheckInstance<GoldilocksExt2> {
        var polynomials = self.polynomials.map { MultilinearPolynomial(evaluations: $0.evaluations.map(\.asExtension)) }
        guard let combination = shape.eqCombination else {
            return SumcheckInstance<GoldilocksExt2>(shape: shape, polynomials: polynomials)
        }
        let weight = polynomials.count
        polynomials.append(MultilinearPolynomial(evaluations: combination.table()))
        let terms = shape.terms.map { ProductTerm(coefficient: $0.coefficient, factors: $0.factors + [weight]) }
        let weighted = SumcheckShape(unchecked: shape.numVars, numPolynomials: weight + 1, terms: terms,
                                     eqPoint: nil, eqCombination: nil)
        return SumcheckInstance<GoldilocksExt2>(shape: weighted, polynomials: polynomials)
    }
}
