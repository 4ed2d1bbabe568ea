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
        // A witness of exactly 2^n rows has numerators all 1: cheaper leaf layer.
        let unit = witnesses.flatMap { [$0.statement.count == 1 << $0.statement.witnessVars, false] }
        let (treeProof, leafClaims) = FractionalSumGKR.prove(trees: trees, unitNumerators: unit, transcript: &transcript)

        var evaluations = [[GoldilocksExt2]]()
        var tableEvaluations = [[GoldilocksExt2]]()
        var claims = [LookupClaims]()
        for (l, columns) in paddedColumns.enumerated() {
            let witnessLeaf = leafClaims[2 * l], tableLeaf = leafClaims[2 * l + 1]
            let xValue = MultilinearPolynomial(evaluations: columns.x).evaluateInParallel(at: witnessLeaf.point)
            let yValue = columns.y.map { MultilinearPolynomial(evaluations: $0).evaluateInParallel(at: witnessLeaf.point) }
            evaluations.append([xValue] + (yValue.map { [$0] } ?? []))
            let table = witnesses[l].statement.table
            let committed = table.committedColumns.map { LookupTable.evaluate($0, at: tableLeaf.point) }
            tableEvaluations.append(committed)
            claims.append(LookupClaims(inputPoint: witnessLeaf.point, inputEvaluation: xValue, outputEvaluation: yValue,
                                       multiplicityPoint: tableLeaf.point, multiplicityEvaluation: tableLeaf.numerator,
                                       tableEvaluations: committed))
        }
        transcript.absorb(.logupLeafEvaluations, evaluations.flatMap { $0 } + tableEvaluations.flatMap { $0 })
        return (LogUpProof(trees: treeProof, witnessEvaluations: evaluations, tableEvaluations: tableEvaluations), claims)
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
