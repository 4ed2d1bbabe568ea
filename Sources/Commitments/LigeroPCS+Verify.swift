public import Fields
public import FiatShamir
import Polynomials

extension LigeroPCS {
    public func verify(
        _ claims: [EvaluationClaim], commitment: Commitment, proof: Proof, transcript: inout Transcript
    ) throws(CommitmentError) {
        let columns = 1 << commitment.logColumns
        let codewordLength = columns * Self.rateInverse
        let (starts, totalRows) = commitment.layout
        for (k, claim) in claims.enumerated() {
            if let problem = Self.validate(claim, index: k, commitment: commitment) { throw problem }
        }
        guard proof.evaluationRows.count == claims.count else {
            throw .claimCountMismatch(expected: claims.count, actual: proof.evaluationRows.count)
        }
        guard proof.proximityRow.count == columns else {
            throw .rowLengthMismatch(expected: columns, actual: proof.proximityRow.count)
        }
        for row in proof.evaluationRows where row.count != columns {
            throw .rowLengthMismatch(expected: columns, actual: row.count)
        }

        let gamma = Self.bindStatement(claims, commitment: commitment, transcript: &transcript)
        let positions = Self.absorbRowsAndSamplePositions(
            proximityRow: proof.proximityRow, evaluationRows: proof.evaluationRows,
            codewordLength: codewordLength, queryCount: queryCount, transcript: &transcript)

        // The opened columns belong to the committed matrix.
        guard proof.columns.count == positions.count else {
            throw .malformedProof("expected \(positions.count) opened columns, got \(proof.columns.count)")
        }
        var leaves = [(index: Int, digest: Digest)]()
        for (i, column) in proof.columns.enumerated() {
            guard column.count == totalRows else {
                throw .columnLengthMismatch(column: positions[i], expected: totalRows, actual: column.count)
            }
            var bytes = [UInt8]()
            bytes.reserveCapacity(8 * totalRows)
            for value in column { value.encode(into: &bytes) }
            leaves.append((positions[i], MerkleTree.leafDigest(bytes)))
        }
        try MerkleTree.verify(root: commitment.root, leafCount: codewordLength, leaves: leaves, path: proof.path)

        // The sent rows agree with the columns at every queried position.
        let proximityCode = Self.encode(proof.proximityRow, codewordLength: codewordLength)
        let coefficients = Self.powers(of: gamma, count: totalRows)
        for (i, j) in positions.enumerated() {
            var combined = GoldilocksExt2.zero
            for (r, value) in proof.columns[i].enumerated() { combined += coefficients[r] * value }
            guard combined == proximityCode[j] else { throw .proximityCheckFailed(position: j) }
        }
        for (k, claim) in claims.enumerated() {
            let (rowPoint, columnPoint) = Self.split(claim, commitment: commitment)
            let eqRows = EqTable.evaluations(at: rowPoint)
            let code = Self.encode(proof.evaluationRows[k], codewordLength: codewordLength)
            let start = starts[claim.polynomial]
            for (i, j) in positions.enumerated() {
                var combined = GoldilocksExt2.zero
                for (r, e) in eqRows.enumerated() { combined += e * proof.columns[i][start + r] }
                guard combined == code[j] else { throw .evaluationRowCheckFailed(claim: k, position: j) }
            }
            // f(r) = Σ_col eq(r_col, col)·u[col].
            let eqColumns = EqTable.evaluations(at: columnPoint)
            var value = GoldilocksExt2.zero
            for (c, u) in proof.evaluationRows[k].enumerated() { value += eqColumns[c] * u }
            guard value == claim.value else { throw .evaluationMismatch(claim: k) }
        }
    }

    // MARK: Shared by prover and verifier

    /// nil when the claim fits the commitment, else the error.
    static func validate(_ claim: EvaluationClaim, index: Int, commitment: Commitment) -> CommitmentError? {
        guard claim.polynomial >= 0, claim.polynomial < commitment.numVars.count else {
            return .invalidClaim(claim: index, detail: "no polynomial \(claim.polynomial) in the commitment")
        }
        let numVars = commitment.numVars[claim.polynomial]
        guard claim.point.count == numVars else {
            return .invalidClaim(claim: index, detail: "point has \(claim.point.count) coordinates, polynomial has \(numVars) variables")
        }
        return nil
    }

    /// (row variables, column variables) of the claim's point, after prefixing zeros for a
    /// polynomial smaller than one row.
    static func split(_ claim: EvaluationClaim, commitment: Commitment) -> ([GoldilocksExt2], [GoldilocksExt2]) {
        let numVars = commitment.numVars[claim.polynomial]
        let logColumns = commitment.logColumns
        if numVars <= logColumns {
            return ([], [GoldilocksExt2](repeating: .zero, count: logColumns - numVars) + claim.point)
        }
        let rowVars = numVars - logColumns
        return (Array(claim.point[..<rowVars]), Array(claim.point[rowVars...]))
    }

    /// Absorbs the commitment and the claims; returns the proximity challenge γ.
    static func bindStatement(_ claims: [EvaluationClaim], commitment: Commitment, transcript: inout Transcript) -> GoldilocksExt2 {
        transcript.absorb(.pcsCommitment, commitment.root)
        transcript.absorb(.pcsCommitment, uint64: UInt64(commitment.logColumns))
        transcript.absorb(.pcsBatch, uint64: UInt64(claims.count))
        for claim in claims {
            transcript.absorb(.pcsPoint, uint64: UInt64(claim.polynomial))
            transcript.absorb(.pcsPoint, claim.point)
            transcript.absorb(.pcsEvaluation, claim.value)
        }
        return transcript.challenge(.pcsProximityChallenge)
    }

    /// Absorbs the sent rows, then samples the query positions; returns the distinct positions
    /// in increasing order.
    static func absorbRowsAndSamplePositions(
        proximityRow: [GoldilocksExt2], evaluationRows: [[GoldilocksExt2]], codewordLength: Int,
        queryCount: Int, transcript: inout Transcript
    ) -> [Int] {
        transcript.absorb(.pcsProximityRow, proximityRow)
        for row in evaluationRows { transcript.absorb(.pcsEvaluationRow, row) }
        var positions = Set<Int>()
        for _ in 0..<queryCount { positions.insert(transcript.challengeIndex(.pcsColumnQuery, below: codewordLength)) }
        return positions.sorted()
    }

    static func powers(of x: GoldilocksExt2, count: Int) -> [GoldilocksExt2] {
        var out = [GoldilocksExt2](repeating: .one, count: count)
        for i in stride(from: 1, to: count, by: 1) { out[i] = out[i - 1] * x }
        return out
    }

    /// The RS encoding of an extension-field message (the code is F_p-linear, so encode both
    /// coordinates separately).
    static func encode(_ message: [GoldilocksExt2], codewordLength: Int) -> [GoldilocksExt2] {
        var c0 = [Goldilocks](repeating: .zero, count: codewordLength)
        var c1 = [Goldilocks](repeating: .zero, count: codewordLength)
        for (i, m) in message.enumerated() {
            c0[i] = m.c0
            c1[i] = m.c1
        }
        NTT.forwardOnCoset(&c0, shift: cosetShift)
        NTT.forwardOnCoset(&c1, shift: cosetShift)
        return (0..<codewordLength).map { GoldilocksExt2(c0[$0], c1[$0]) }
    }
}
