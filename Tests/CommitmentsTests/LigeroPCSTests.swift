@testable import Commitments
import FiatShamir
import Fields
import Polynomials
import Testing

@Suite struct LigeroPCSTests {
    static let pcs = LigeroPCS()

    static func polynomial(numVars: Int, seed: UInt64) -> MultilinearPolynomial<Goldilocks> {
        var rng = SplitMix64(seed: seed)
        return MultilinearPolynomial(evaluations: (0..<(1 << numVars)).map { _ in Goldilocks.random(using: &rng) })
    }

    static func point(_ n: Int, seed: UInt64) -> [GoldilocksExt2] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { _ in GoldilocksExt2.random(using: &rng) }
    }

    /// A committed batch: polynomials of 10, 7 and 3 variables, four claims.
    struct Fixture {
        var commitment: LigeroPCS.Commitment
        var claims: [EvaluationClaim]
        var proof: LigeroPCS.Proof
    }

    static func fixture() -> Fixture {
        let polys = [polynomial(numVars: 10, seed: 1), polynomial(numVars: 7, seed: 2), polynomial(numVars: 3, seed: 3)]
        let (commitment, data) = pcs.commit(polys)
        var claims = [EvaluationClaim]()
        for (i, (poly, seed)) in [(0, 10), (0, 11), (1, 12), (2, 13)].enumerated() {
            let r = point(polys[poly].numVars, seed: UInt64(seed))
            claims.append(EvaluationClaim(polynomial: poly, point: r, value: polys[poly].evaluate(at: r)))
            _ = i
        }
        var transcript = Transcript(domain: "ligero-test")
        let proof = pcs.open(claims, data: data, transcript: &transcript)
        return Fixture(commitment: commitment, claims: claims, proof: proof)
    }

    static func verify(_ f: Fixture) throws(CommitmentError) {
        var transcript = Transcript(domain: "ligero-test")
        try pcs.verify(f.claims, commitment: f.commitment, proof: f.proof, transcript: &transcript)
    }

    @Test func honestBatchedOpeningVerifies() throws {
        try Self.verify(Self.fixture())
    }

    @Test(arguments: [0, 1, 4, 9, 12])
    func honestSingleOpeningVerifies(numVars: Int) throws {
        let f = Self.polynomial(numVars: numVars, seed: 40)
        let (commitment, data) = Self.pcs.commit([f])
        let r = Self.point(numVars, seed: 41)
        let claims = [EvaluationClaim(polynomial: 0, point: r, value: f.evaluate(at: r))]
        var pt = Transcript(domain: "single")
        let proof = Self.pcs.open(claims, data: data, transcript: &pt)
        var vt = Transcript(domain: "single")
        try Self.pcs.verify(claims, commitment: commitment, proof: proof, transcript: &vt)
    }

    /// The error verification fails with, or nil if it accepts.
    static func rejection(_ f: Fixture) -> CommitmentError? {
        do { try verify(f) } catch { return error as? CommitmentError }
        return nil
    }

    /// An opening by a cheating prover that changes the rows and then follows the transcript.
    static func cheatingFixture(
        claims modify: (inout [EvaluationClaim]) -> Void = { _ in },
        tamper: @escaping (inout [GoldilocksExt2], inout [[GoldilocksExt2]]) -> Void
    ) -> Fixture {
        let polys = [polynomial(numVars: 10, seed: 1), polynomial(numVars: 7, seed: 2)]
        let (commitment, data) = pcs.commit(polys)
        var claims = [(0, 10), (1, 12)].map { poly, seed in
            let r = point(polys[poly].numVars, seed: UInt64(seed))
            return EvaluationClaim(polynomial: poly, point: r, value: polys[poly].evaluate(at: r))
        }
        modify(&claims)
        var transcript = Transcript(domain: "ligero-test")
        let proof = pcs.open(claims, data: data, transcript: &transcript, tamper: tamper)
        return Fixture(commitment: commitment, claims: claims, proof: proof)
    }

    @Test func consistentCheatingFixtureStillVerifiesWhenNothingIsTampered() throws {
        try Self.verify(Self.cheatingFixture(tamper: { _, _ in }))
    }

    @Test func wrongClaimedEvaluationIsRejected() {
        let f = Self.cheatingFixture(claims: { $0[1].value = $0[1].value + .one }, tamper: { _, _ in })
        #expect(Self.rejection(f) == .evaluationMismatch(claim: 1))
    }

    @Test func evaluationRowShiftedToMatchAFalseClaimIsRejected() {
        // The prover claims value + 1 and shifts u so that Σ eq(r_col, ·)·u = value + 1; u is then
        // no longer the combination of the committed rows, which the column check catches.
        var shift = GoldilocksExt2.zero
        let f = Self.cheatingFixture(
            claims: { claims in
                claims[0].value = claims[0].value + .one
                let columns = 1 << LigeroPCS.logColumns(forNumVars: 10)
                let rowVars = 10 - columns.trailingZeroBitCount
                let eqCols = EqTable.evaluations(at: Array(claims[0].point[rowVars...]))
                shift = eqCols[0].inverse()!
            },
            tamper: { _, rows in rows[0][0] = rows[0][0] + shift })
        guard case .evaluationRowCheckFailed(claim: 0, _) = Self.rejection(f) else {
            Issue.record("expected evaluationRowCheckFailed, got \(String(describing: Self.rejection(f)))")
            return
        }
    }

    @Test func evaluationRowMutationIsRejected() {
        let f = Self.cheatingFixture(tamper: { _, rows in rows[1][3] = rows[1][3] + .one })
        // Either the row check (a changed message changes ≥ 3/4 of its codeword) or, if no
        // changed position is queried, the final evaluation check fires.
        switch Self.rejection(f) {
        case .evaluationRowCheckFailed(claim: 1, _)?: break
        default: Issue.record("expected evaluationRowCheckFailed(claim: 1), got \(String(describing: Self.rejection(f)))")
        }
    }

    @Test func proximityRowMutationIsRejected() {
        let f = Self.cheatingFixture(tamper: { row, _ in row[2] = row[2] + .one })
        guard case .proximityCheckFailed = Self.rejection(f) else {
            Issue.record("expected proximityCheckFailed, got \(String(describing: Self.rejection(f)))")
            return
        }
    }

    @Test func wrongPointIsRejected() {
        var f = Self.fixture()
        f.claims[0].point[3] = f.claims[0].point[3] + .one
        #expect(Self.rejection(f) != nil)
    }

    @Test func openedColumnEntryMutationIsRejected() {
        var f = Self.fixture()
        f.proof.columns[3][0] = f.proof.columns[3][0] + .one
        #expect(Self.rejection(f) == .merklePathMismatch)
    }

    @Test func merkleSiblingMutationIsRejected() {
        var f = Self.fixture()
        f.proof.path.siblings[0].bytes[5] ^= 0x80
        #expect(Self.rejection(f) == .merklePathMismatch)
    }

    @Test func rowMutationAfterTheFactIsRejected() {
        // Changing a sent row after the proof was made moves the query positions.
        var f = Self.fixture()
        f.proof.proximityRow[1] = f.proof.proximityRow[1] + .one
        #expect(Self.rejection(f) != nil)
        var g = Self.fixture()
        g.proof.evaluationRows[1][0] = g.proof.evaluationRows[1][0] + .one
        #expect(Self.rejection(g) != nil)
    }

    @Test func wrongCommitmentRootIsRejected() {
        var f = Self.fixture()
        f.commitment.root.bytes[0] ^= 1
        // The root is absorbed first, so the query positions move as well: the opened columns
        // are then the wrong number or fail the Merkle check.
        switch Self.rejection(f) {
        case .merklePathMismatch?, .malformedProof?: break
        case let other: Issue.record("expected a Merkle rejection, got \(String(describing: other))")
        }
    }

    @Test func proofForAnotherTranscriptIsRejected() {
        let f = Self.fixture()
        var transcript = Transcript(domain: "another")
        #expect(throws: CommitmentError.self) {
            try Self.pcs.verify(f.claims, commitment: f.commitment, proof: f.proof, transcript: &transcript)
        }
    }

    @Test func invalidClaimsAreRejectedNotTrapped() {
        var f = Self.fixture()
        f.claims[0].polynomial = 7
        #expect(throws: CommitmentError.invalidClaim(claim: 0, detail: "no polynomial 7 in the commitment")) { try Self.verify(f) }
        var g = Self.fixture()
        g.claims[1].point.removeLast()
        #expect(throws: CommitmentError.self) { try Self.verify(g) }
        var h = Self.fixture()
        h.proof.evaluationRows.removeLast()
        #expect(throws: CommitmentError.claimCountMismatch(expected: 4, actual: 3)) { try Self.verify(h) }
    }

    @Test func codecRoundTrips() throws {
        let f = Self.fixture()
        let decoded = try LigeroPCS.Proof(bytes: f.proof.serialized())
        #expect(decoded == f.proof)
    }

    @Test func decodingTruncatedExtendedAndRandomBytesNeverTraps() {
        let bytes = Self.fixture().proof.serialized()
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
            #expect(throws: CommitmentError.self) { try LigeroPCS.Proof(bytes: Array(bytes[..<cut])) }
        }
        #expect(throws: CommitmentError.self) { try LigeroPCS.Proof(bytes: bytes + [0]) }
        var rng = SplitMix64(seed: 77)
        for length in [0, 1, 4, 16, 100, 1000] {
            for _ in 0..<20 {
                let random = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                _ = try? LigeroPCS.Proof(bytes: random)
            }
        }
        for _ in 0..<200 {
            var mutated = bytes
            mutated[Int(rng.next() % UInt64(bytes.count))] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            _ = try? LigeroPCS.Proof(bytes: mutated)
        }
    }
}
