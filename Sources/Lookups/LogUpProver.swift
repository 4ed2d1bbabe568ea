import Fields
public import FiatShamir
import Polynomials
import Sumcheck

/// Proves a batch of lookups with LogUp-GKR (see ``LogUp``).
public enum LogUpProver {
    /// Proves every lookup in `witnesses` under `challenges`.
    ///
    /// The caller must have committed (absorbed) the witness columns and the multiplicities
    /// before sampling `challenges`. Returns the claims the caller must discharge; an honest
    /// witness (``LookupWitness/init(table:inputs:outputs:)``) always verifies.
    public static func prove(
        _ witnesses: [LookupWitness], challenges: LogUpChallenges, transcript: inout Transcript
    ) -> (proof: LogUpProof, claims: [LookupClaims]) {
        var trees = [(numerators: [GoldilocksExt2], denominators: [GoldilocksExt2])]()
        var paddedColumns = [(x: [Goldilocks], y: [Goldilocks]?)]()
        for witness in witnesses {
            let size = witness.statement.count.nextPowerOfTwo
            let x = witness.inputs + Array(repeating: .zero, count: size - witness.inputs.count)
            let y = witness.outputs.map { $0 + Array(repeating: .zero, count: size - $0.count) }
            paddedColumns.append((x, y))
            trees.append(witnessLeaves(x: x, y: y, count: witness.statement.count, challenges: challenges))
            trees.append(tableLeaves(witness.statement.table, multiplicities: witness.multiplicities, challenges: challenges))
        }
        let (treeProof, leafClaims) = FractionalSumGKR.prove(trees: trees, transcript: &transcript)

        var evaluations = [[GoldilocksExt2]]()
        var claims = [LookupClaims]()
        for (l, columns) in paddedColumns.enumerated() {
            let witnessLeaf = leafClaims[2 * l], tableLeaf = leafClaims[2 * l + 1]
            let xValue = MultilinearPolynomial(evaluations: columns.x).evaluate(at: witnessLeaf.point)
            let yValue = columns.y.map { MultilinearPolynomial(evaluations: $0).evaluate(at: witnessLeaf.point) }
            evaluations.append([xValue] + (yValue.map { [$0] } ?? []))
            claims.append(LookupClaims(inputPoint: witnessLeaf.point, inputEvaluation: xValue, outputEvaluation: yValue,
                                       multiplicityPoint: tableLeaf.point, multiplicityEvaluation: tableLeaf.numerator))
        }
        transcript.absorb(.logupLeafEvaluations, evaluations.flatMap { $0 })
        return (LogUpProof(trees: treeProof, witnessEvaluations: evaluations), claims)
    }

    /// Leaves ([i < N], α − (x_i + β·y_i)).
    static func witnessLeaves(
        x: [Goldilocks], y: [Goldilocks]?, count: Int, challenges: LogUpChallenges
    ) -> (numerators: [GoldilocksExt2], denominators: [GoldilocksExt2]) {
        let size = x.count
        var numerators = [GoldilocksExt2](repeating: .zero, count: size)
        for i in 0..<count { numerators[i] = .one }
        var denominators = [GoldilocksExt2](repeating: .zero, count: size)
        let alpha = challenges.alpha, beta = challenges.beta
        let yColumn = y ?? []
        let hasOutput = y != nil
        x.withUnsafeBufferPointer { xb in
            yColumn.withUnsafeBufferPointer { yb in
                denominators.withUnsafeMutableBufferPointer { db in
                    let xs = UnsafeSendableBuffer(xb), ys = UnsafeSendableBuffer(yb), out = SendablePointer(db.baseAddress!)
                    parallelChunks(size, minimumChunk: 1 << 12) { range in
                        for i in range {
                            var w = alpha - xs[i]
                            if hasOutput { w = w - beta * ys[i] }
                            out[i] = w
                        }
                    }
                }
            }
        }
        return (numerators, denominators)
    }

    /// Leaves (m_j, α − t_j).
    static func tableLeaves(
        _ table: LookupTable, multiplicities: [Goldilocks], challenges: LogUpChallenges
    ) -> (numerators: [GoldilocksExt2], denominators: [GoldilocksExt2]) {
        let numerators = multiplicities.map(\.asExtension)
        let denominators = (0..<table.size).map { challenges.alpha - table.row($0, beta: challenges.beta) }
        return (numerators, denominators)
    }
}

/// Verifies a batch of lookups proved by ``LogUpProver``.
public enum LogUpVerifier {
    /// Checks `proof` for `statements` under `challenges`, returning per lookup the claims on
    /// x̃, ỹ and m̃ that the caller must discharge.
    ///
    /// Checks: proof shape; each root denominator is non-zero; P_w·Q_t = P_t·Q_w (the two
    /// fractional sums agree); every GKR layer sumcheck; at the witness leaf point ρ the
    /// numerator is the public selector Σ_{i<N} eq(ρ, i) and the denominator is α − (x̃(ρ) +
    /// β·ỹ(ρ)) with the prover's x̃(ρ), ỹ(ρ); at the table leaf point ρ′ the denominator is
    /// α − t̃(ρ′) with t̃ evaluated by the verifier.
    ///
    /// ## Soundness
    /// Acceptance shows every (x_i, y_i), i < N, is a table row — except with probability about
    /// (N + |T|)/|K| for α, 1/|K| for β and the GKR's O(n²)/|K| — PROVIDED the caller checks
    /// x̃(ρ) = inputEvaluation, ỹ(ρ) = outputEvaluation and m̃(ρ′) = multiplicityEvaluation
    /// against the committed columns (zero-padded to powers of two), and sampled `challenges`
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
        for (l, statement) in statements.enumerated() {
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
        let (_, leaves) = try FractionalSumGKR.verify(proof.trees, depths: depths, transcript: &transcript)
        transcript.absorb(.logupLeafEvaluations, proof.witnessEvaluations.flatMap { $0 })

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
            let t = statement.table.evaluate(at: tableLeaf.point, beta: challenges.beta)
            guard tableLeaf.denominator == challenges.alpha - t else { throw .tableDenominatorMismatch(lookup: l) }
            claims.append(LookupClaims(inputPoint: witnessLeaf.point, inputEvaluation: x, outputEvaluation: y,
                                       multiplicityPoint: tableLeaf.point, multiplicityEvaluation: tableLeaf.numerator))
        }
        return claims
    }
}
