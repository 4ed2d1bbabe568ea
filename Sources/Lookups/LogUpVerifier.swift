import Fields
public import FiatShamir

/// Verifies a batch of lookups proved by ``LogUpProver``.
public enum LogUpVerifier {
    /// Checks `proof` for `statements` under `challenges`, returning per lookup the claims on
    /// x̃, ỹ and m̃ that the caller must discharge.
    ///
    /// Checks: proof shape; each root denominator is non-zero; P_w·Q_t = P_t·Q_w (the two
    /// fractional sums agree); every GKR layer sumcheck; at the witness leaf point ρ the
    /// numerator is the public selector Σ_{i<N} eq(ρ, i) and the denominator is α − (x̃(ρ) +
    /// β·ỹ(ρ)) with the prover's x̃(ρ), ỹ(ρ); at the table leaf point ρ′ the denominator is
    /// α − t̃(ρ′) with t̃ evaluated by the verifier (committed table columns: from the prover's
    /// values, which become claims).
    ///
    /// ## Soundness
    /// Acceptance shows every (x_i, y_i), i < N, is a table row — except with probability about
    /// (N + |T|)/|K| for α, 1/|K| for β and the GKR's O(n²)/|K| — PROVIDED the caller checks
    /// x̃(ρ) = inputEvaluation, ỹ(ρ) = outputEvaluation and m̃(ρ′) = multiplicityEvaluation
    /// against the committed columns (zero-padded to powers of two) — and, for committed table
    /// columns, `tableEvaluations` at ρ′ — and sampled `challenges`
    /// only after committing x, y and m. Multiplicities need no range check (N + |T| < p).
    public static func verify(
        _ proof: LogUpProof, statements: [LookupStatement], challenges: LogUpChallenges,
        transcript: inout Transcript
    ) throws(LookupError) -> [LookupClaims] {
        guard proof.trees.roots.count == 2 * statements.count else {
            throw .countMismatch(field: "trees", expected: 2 * statements.count, actual: proof.trees.roots.count)
        }
        guard proof.witnessEvaluations.count == statements.count else {
            throw .countMismatch(field: "witness evaluations", expected: statements.count,
                                 actual: proof.witnessEvaluations.count)
        }
        guard proof.tableEvaluations.count == statements.count else {
            throw .countMismatch(field: "table evaluations", expected: statements.count, actual: proof.tableEvaluations.count)
        }
        for (l, statement) in statements.enumerated() {
            let committed = statement.table.committedColumns.count
            guard proof.tableEvaluations[l].count == committed else {
                throw .countMismatch(field: "table evaluations", expected: committed, actual: proof.tableEvaluations[l].count)
            }
            let expected = statement.table.hasOutput ? 2 : 1
            guard proof.witnessEvaluations[l].count == expected else {
                throw .countMismatch(field: "witness evaluations", expected: expected, actual: proof.witnessEvaluations[l].count)
            }
            let witnessRoot = proof.trees.roots[2 * l], tableRoot = proof.trees.roots[2 * l + 1]
            guard witnessRoot.count == 2, tableRoot.count == 2 else {
                throw .countMismatch(field: "root", expected: 2, actual: min(witnessRoot.count, tableRoot.count))
            }
            guard !witnessRoot[1].isZero, !tableRoot[1].isZero else { throw .zeroDenominator(lookup: l) }
            guard witnessRoot[0] * tableRoot[1] == tableRoot[0] * witnessRoot[1] else {
                throw .fractionalSumMismatch(lookup: l)
            }
        }
        let depths = statements.flatMap { [$0.witnessVars, $0.table.numVars] }
        let unit = statements.flatMap { [$0.count == 1 << $0.witnessVars, false] }
        let (_, leaves) = try FractionalSumGKR.verify(proof.trees, depths: depths, unitNumerators: unit, transcript: &transcript)
        transcript.absorb(.logupLeafEvaluations,
                          proof.witnessEvaluations.flatMap { $0 } + proof.tableEvaluations.flatMap { $0 })

        var claims = [LookupClaims]()
        for (l, statement) in statements.enumerated() {
            let witnessLeaf = leaves[2 * l], tableLeaf = leaves[2 * l + 1]
            guard witnessLeaf.numerator == LogUp.prefixSelector(count: statement.count, at: witnessLeaf.point) else {
                throw .witnessNumeratorMismatch(lookup: l)
            }
            let x = proof.witnessEvaluations[l][0]
            let y: GoldilocksExt2? = statement.table.hasOutput ? proof.witnessEvaluations[l][1] : nil
            let w = x + challenges.beta * (y ?? .zero)
            guard witnessLeaf.denominator == challenges.alpha - w else { throw .witnessDenominatorMismatch(lookup: l) }
            let t = statement.table.evaluate(at: tableLeaf.point, beta: challenges.beta, committed: proof.tableEvaluations[l])
            guard tableLeaf.denominator == challenges.alpha - t else { throw .tableDenominatorMismatch(lookup: l) }
            claims.append(LookupClaims(inputPoint: witnessLeaf.point, inputEvaluation: x, outputEvaluation: y,
                                       multiplicityPoint: tableLeaf.point, multiplicityEvaluation: tableLeaf.numerator,
                                       tableEvaluations: proof.tableEvaluations[l]))
        }
        return claims
    }
}
