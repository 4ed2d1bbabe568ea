public import Fields
public import FiatShamir
public import Polynomials

/// Ligero-style tensor-code commitment to multilinear polynomials (Ames–Hazay–Ishai–
/// Venkitasubramaniam 2017; as a multilinear PCS: Golovnev et al., Brakedown, ePrint 2021/1043).
///
/// The 2^n evaluations of a polynomial form a matrix of 2^(n − logCols) rows × 2^logCols
/// columns (the first variables select the row). Each row, read as the coefficients of a
/// polynomial of degree < cols, is Reed–Solomon encoded at rate 1/4 on a coset of a subgroup;
/// each column of the encoded matrix is a Merkle leaf. An opening at r = (r_row, r_col) sends
/// u = Σ_row eq(r_row, row)·M[row] (then f(r) = Σ_col eq(r_col, col)·u[col]) and a random
/// combination of all rows (the proximity row), and opens `queryCount` columns, at which the
/// verifier checks both rows against its own encoding of them. docs/security.md derives the
/// query count.
public struct LigeroPCS: MultilinearPCS {
    /// Codeword length / message length.
    public static let rateInverse = 4
    /// Column queries for ≥ 100 bits: (1 − δ)^t ≤ 2^−100 with δ = 3/8 (unique decoding radius of
    /// a rate-1/4 RS code), t = ⌈100 / log₂(8/5)⌉ = 148.
    public static let defaultQueryCount = 148
    /// The coset shift of the evaluation domain.
    static let cosetShift = Goldilocks.multiplicativeGenerator

    public let queryCount: Int

    public init(queryCount: Int = LigeroPCS.defaultQueryCount) {
        precondition(queryCount > 0, "LigeroPCS: need at least one query")
        self.queryCount = queryCount
    }

    /// What the verifier needs to know about a commitment (trusted, e.g. from the vk).
    public struct Commitment: Sendable, Equatable {
        public var root: Digest
        public var logColumns: Int
        /// numVars of each committed polynomial, in commit order.
        public var numVars: [Int]

        public init(root: Digest, logColumns: Int, numVars: [Int]) {
            self.root = root
            self.logColumns = logColumns
            self.numVars = numVars
        }

        /// Rows of polynomial i in the stacked matrix.
        func rowCount(of polynomial: Int) -> Int { 1 << max(0, numVars[polynomial] - logColumns) }

        /// First row of each polynomial and the total row count.
        var layout: (starts: [Int], total: Int) {
            var starts = [Int]()
            var total = 0
            for i in numVars.indices {
                starts.append(total)
                total += rowCount(of: i)
            }
            return (starts, total)
        }
    }

    /// The prover's copy: the matrix, its encoding and the Merkle tree.
    public struct ProverData: Sendable {
        public let commitment: Commitment
        /// Stacked message rows, row-major (totalRows × columns).
        let rows: [Goldilocks]
        /// Encoded rows, row-major (totalRows × codewordLength).
        let encoded: [Goldilocks]
        let tree: MerkleTree
    }

    /// A batched opening.
    public struct Proof: Sendable, Equatable {
        public var proximityRow: [GoldilocksExt2]
        public var evaluationRows: [[GoldilocksExt2]]
        /// Opened columns at the distinct queried positions, in increasing position order.
        public var columns: [[Goldilocks]]
        public var path: MerkleMultiPath

        public init(proximityRow: [GoldilocksExt2], evaluationRows: [[GoldilocksExt2]], columns: [[Goldilocks]], path: MerkleMultiPath) {
            self.proximityRow = proximityRow
            self.evaluationRows = evaluationRows
            self.columns = columns
            self.path = path
        }
    }

    /// log₂ of the column count for polynomials of at most `numVars` variables: about √N·4
    /// columns, which balances the rows sent (∝ columns) against the opened columns (∝ rows).
    public static func logColumns(forNumVars numVars: Int) -> Int {
        numVars - max(0, (numVars - 4) / 2)
    }

    // MARK: Commit

    public func commit(_ polynomials: [MultilinearPolynomial<Goldilocks>]) -> (commitment: Commitment, data: ProverData) {
        precondition(!polynomials.isEmpty, "LigeroPCS.commit: no polynomials")
        let logColumns = Self.logColumns(forNumVars: polynomials.map(\.numVars).max()!)
        let columns = 1 << logColumns
        let codewordLength = columns * Self.rateInverse
        var shape = Commitment(root: Digest(bytes: [UInt8](repeating: 0, count: 32)), logColumns: logColumns,
                               numVars: polynomials.map(\.numVars))
        let (starts, totalRows) = shape.layout

        // Stack the rows; a polynomial smaller than one row is zero-padded (its extra leading
        // variables are fixed to 0 when it is opened).
        var rows = [Goldilocks](repeating: .zero, count: totalRows * columns)
        for (i, p) in polynomials.enumerated() {
            rows.replaceSubrange((starts[i] * columns)..<(starts[i] * columns + p.count), with: p.evaluations)
        }

        var encoded = [Goldilocks](repeating: .zero, count: totalRows * codewordLength)
        rows.withUnsafeBufferPointer { source in
            let src = SendableReadPointer(source.baseAddress!)
            encoded.withUnsafeMutableBufferPointer { target in
                let dst = SendablePointer(target.baseAddress!)
                parallelChunks(totalRows, minimumChunk: 1) { range in
                    var buffer = [Goldilocks](repeating: .zero, count: codewordLength)
                    for r in range {
                        for c in 0..<columns { buffer[c] = src[r * columns + c] }
                        for c in columns..<codewordLength { buffer[c] = .zero }
                        NTT.forwardOnCoset(&buffer, shift: Self.cosetShift)
                        for c in 0..<codewordLength { dst[r * codewordLength + c] = buffer[c] }
                    }
                }
            }
        }

        let matrix = encoded
        let tree = MerkleTree(leafCount: codewordLength) { column, bytes in
            bytes.reserveCapacity(8 * totalRows)
            for r in 0..<totalRows { matrix[r * codewordLength + column].encode(into: &bytes) }
        }
        shape.root = tree.root
        return (shape, ProverData(commitment: shape, rows: rows, encoded: encoded, tree: tree))
    }

    // MARK: Open

    public func open(_ claims: [EvaluationClaim], data: ProverData, transcript: inout Transcript) -> Proof {
        open(claims, data: data, transcript: &transcript, tamper: { _, _ in })
    }

    /// `open`, with a hook that may change the rows before they are absorbed: soundness tests
    /// use it to play a cheating prover that stays consistent with the transcript.
    func open(
        _ claims: [EvaluationClaim], data: ProverData, transcript: inout Transcript,
        tamper: (inout [GoldilocksExt2], inout [[GoldilocksExt2]]) -> Void
    ) -> Proof {
        let commitment = data.commitment
        let columns = 1 << commitment.logColumns
        let codewordLength = columns * Self.rateInverse
        let (starts, totalRows) = commitment.layout
        for (k, claim) in claims.enumerated() {
            precondition(Self.validate(claim, index: k, commitment: commitment) == nil, "LigeroPCS.open: invalid claim \(k)")
        }
        let gamma = Self.bindStatement(claims, commitment: commitment, transcript: &transcript)

        // Proximity row: Σ_r γ^r·M[r].
        let coefficients = Self.powers(of: gamma, count: totalRows)
        let proximityRow0 = combineRows(data.rows, columns: columns, rows: 0..<totalRows, coefficients: coefficients)

        // Evaluation rows: Σ_row eq(r_row, row)·M[row] over the claim's polynomial.
        var evaluationRows = [[GoldilocksExt2]]()
        for claim in claims {
            let (rowPoint, _) = Self.split(claim, commitment: commitment)
            let eq = EqTable.evaluations(at: rowPoint)
            let start = starts[claim.polynomial]
            evaluationRows.append(combineRows(data.rows, columns: columns, rows: start..<(start + eq.count), coefficients: eq))
        }

        var proximityRow = proximityRow0
        tamper(&proximityRow, &evaluationRows)
        let positions = Self.absorbRowsAndSamplePositions(
            proximityRow: proximityRow, evaluationRows: evaluationRows, codewordLength: codewordLength,
            queryCount: queryCount, transcript: &transcript)
        let opened = positions.map { j in (0..<totalRows).map { r in data.encoded[r * codewordLength + j] } }
        return Proof(proximityRow: proximityRow, evaluationRows: evaluationRows, columns: opened, path: data.tree.open(positions))
    }

    /// Σ_i coefficients[i]·M[rows.lowerBound + i], parallel over columns.
    func combineRows(_ matrix: [Goldilocks], columns: Int, rows: Range<Int>, coefficients: [GoldilocksExt2]) -> [GoldilocksExt2] {
        var out = [GoldilocksExt2](repeating: .zero, count: columns)
        matrix.withUnsafeBufferPointer { source in
            let m = SendableReadPointer(source.baseAddress!)
            out.withUnsafeMutableBufferPointer { target in
                let o = SendablePointer(target.baseAddress!)
                parallelChunks(columns, minimumChunk: 256) { range in
                    for (i, r) in rows.enumerated() {
                        let c = coefficients[i]
                        let row = m.base + r * columns
                        for col in range { o[col] = o[col] + c * row[col] }
                    }
                }
            }
        }
        return out
    }
}

/// A read-only pointer that may cross into concurrent closures.
struct SendableReadPointer<T>: @unchecked Sendable {
    let base: UnsafePointer<T>
    init(_ base: UnsafePointer<T>) { self.base = base }
    subscript(i: Int) -> T { base[i] }
}
