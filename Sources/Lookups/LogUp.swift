public import Fields
public import FiatShamir
import Polynomials
import Sumcheck

/// The LogUp challenges (α, β), sampled after the witness values and multiplicities are
/// committed (PROTOCOL §1 step 3).
public struct LogUpChallenges: Sendable, Equatable {
    public var alpha: GoldilocksExt2
    public var beta: GoldilocksExt2

    public init(alpha: GoldilocksExt2, beta: GoldilocksExt2) {
        self.alpha = alpha
        self.beta = beta
    }

    public static func sample(from transcript: inout Transcript) -> LogUpChallenges {
        LogUpChallenges(alpha: transcript.challenge(.logupChallenge), beta: transcript.challenge(.logupChallenge))
    }
}

/// The public part of one lookup: the table and the number of looked-up rows.
public struct LookupStatement: Sendable {
    public var table: LookupTable
    /// N ≥ 1 rows; the witness columns are zero-padded to 2^witnessVars, and padding rows carry
    /// numerator 0, so they are not looked up.
    public var count: Int

    public init(table: LookupTable, count: Int) {
        precondition(count >= 1 && count <= 1 << 32, "LookupStatement: count out of range")
        self.table = table
        self.count = count
    }

    /// n with 2^n = the padded number of rows.
    public var witnessVars: Int { count.nextPowerOfTwo.trailingZeroBitCount }
}

/// The prover's side of one lookup.
public struct LookupWitness: Sendable {
    public var statement: LookupStatement
    public var inputs: [Goldilocks]
    public var outputs: [Goldilocks]?
    /// m_j = how often row j is looked up (advice, committed by the caller).
    public var multiplicities: [Goldilocks]

    /// - Precondition: shapes agree with the statement (outputs iff the table has an output
    ///   column, one multiplicity per table row).
    public init(statement: LookupStatement, inputs: [Goldilocks], outputs: [Goldilocks]?, multiplicities: [Goldilocks]) {
        precondition(inputs.count == statement.count && (outputs?.count ?? inputs.count) == inputs.count,
                     "LookupWitness: column lengths")
        precondition((outputs != nil) == statement.table.hasOutput, "LookupWitness: outputs iff the table has outputs")
        precondition(multiplicities.count == statement.table.size, "LookupWitness: one multiplicity per row")
        self.statement = statement
        self.inputs = inputs
        self.outputs = outputs
        self.multiplicities = multiplicities
    }

    /// An honest witness: computes the multiplicities, throwing if a row is not in the table.
    public init(table: LookupTable, inputs: [Goldilocks], outputs: [Goldilocks]? = nil) throws(LookupError) {
        let statement = LookupStatement(table: table, count: inputs.count)
        guard (outputs != nil) == table.hasOutput, (outputs?.count ?? inputs.count) == inputs.count else {
            throw .shapeMismatch(detail: "outputs must be given exactly for tables with an output column, one per input")
        }
        let m = try LogUp.multiplicities(inputs: inputs, outputs: outputs, table: table)
        self.init(statement: statement, inputs: inputs, outputs: outputs, multiplicities: m)
    }
}

/// What a LogUp proof leaves to the caller for one lookup: claims on the committed columns.
public struct LookupClaims: Sendable, Equatable {
    /// x̃(inputPoint) = inputEvaluation (and ỹ(inputPoint) = outputEvaluation), over the
    /// zero-padded witness columns of 2^witnessVars rows.
    public var inputPoint: [GoldilocksExt2]
    public var inputEvaluation: GoldilocksExt2
    public var outputEvaluation: GoldilocksExt2?
    /// m̃(multiplicityPoint) = multiplicityEvaluation over the table's 2^numVars rows.
    public var multiplicityPoint: [GoldilocksExt2]
    public var multiplicityEvaluation: GoldilocksExt2
    /// For each committed table column (input first), its MLE at `multiplicityPoint`.
    public var tableEvaluations: [GoldilocksExt2] = []
}

/// A LogUp-GKR proof for a batch of lookups.
public struct LogUpProof: Sendable, Equatable {
    /// Two fraction trees per lookup: witness (1/(α − w_i)), then table (m_j/(α − t_j)).
    public var trees: FractionalSumProof
    /// Per lookup, x̃ (and ỹ) at the witness tree's leaf point.
    public var witnessEvaluations: [[GoldilocksExt2]]
    /// Per lookup, the committed table columns' MLEs at the table tree's leaf point.
    public var tableEvaluations: [[GoldilocksExt2]]
}

/// LogUp lookups (Haböck, "Multivariate lookups based on logarithmic derivatives", ePrint
/// 2022/1530) proved with the fraction-sum GKR of Papini–Haböck (ePrint 2023/1284).
///
/// For challenges α, β: w_i = x_i + β·y_i, t_j = tx_j + β·ty_j, and the lookup holds iff
/// Σ_{i<N} 1/(α − w_i) = Σ_j m_j/(α − t_j). Both sides are the roots P/Q of fraction trees:
/// witness leaves (p_i, q_i) = ([i < N], α − w_i), table leaves (m_j, α − t_j). No inverse
/// column is committed; the trees end in claims on x̃, ỹ (witness) and m̃ (multiplicities) at
/// random points, which the caller discharges.
public enum LogUp {
    /// m_j = #{i : (x_i, y_i) = row j} (each row counted at its first index).
    public static func multiplicities(
        inputs: [Goldilocks], outputs: [Goldilocks]?, table: LookupTable
    ) throws(LookupError) -> [Goldilocks] {
        guard (outputs != nil) == table.hasOutput, (outputs?.count ?? inputs.count) == inputs.count else {
            throw .shapeMismatch(detail: "outputs must be given exactly for tables with an output column, one per input")
        }
        var counts = [UInt64](repeating: 0, count: table.size)
        let index = table.rowIndexMap()
        for i in inputs.indices {
            guard let j = table.rowIndex(input: inputs[i], output: outputs?[i], index: index) else {
                throw .valueNotInTable(index: i)
            }
            counts[j] += 1
        }
        return counts.map { Goldilocks($0) }
    }

    /// Σ_{i<N} eq(r, i): the MLE of the selector [i < N] over |r| variables, in O(|r|).
    public static func prefixSelector(count: Int, at r: [GoldilocksExt2]) -> GoldilocksExt2 {
        // Walk the bits of N from the most significant: where N has a 1, all of the lower
        // branch (eq sums to 1 over it) is selected and we continue in the upper branch.
        let n = r.count
        if count >= 1 << n { return .one }
        var acc = GoldilocksExt2.zero
        var prefix = GoldilocksExt2.one
        for k in 0..<n {
            let bit = (count >> (n - 1 - k)) & 1
            if bit == 1 {
                acc += prefix * (GoldilocksExt2.one - r[k])
                prefix *= r[k]
            } else {
                prefix *= GoldilocksExt2.one - r[k]
            }
        }
        return acc
    }
}
