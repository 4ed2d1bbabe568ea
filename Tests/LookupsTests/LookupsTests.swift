import FiatShamir
import Fields
import Lookups
import Polynomials
import Sumcheck
import Testing

/// Absorbs the witness columns (standing in for their commitment), samples (α, β), proves,
/// optionally mutates the proof, and verifies with a fresh transcript.
func proveAndVerify(
    _ witnesses: [LookupWitness], challenges fixed: LogUpChallenges? = nil,
    mutate: (inout LogUpProof) -> Void = { _ in }
) throws -> (prover: [LookupClaims], verifier: [LookupClaims]) {
    func start() -> (Transcript, LogUpChallenges) {
        var t = Transcript(domain: "logup-test")
        for w in witnesses {
            t.absorb(.publicInput, w.inputs)
            if let y = w.outputs { t.absorb(.publicInput, y) }
            t.absorb(.logupMultiplicities, w.multiplicities)
        }
        let sampled = LogUpChallenges.sample(from: &t)
        return (t, fixed ?? sampled)
    }
    var (pt, challenges) = start()
    var (proof, proverClaims) = LogUpProver.prove(witnesses, challenges: challenges, transcript: &pt)
    mutate(&proof)
    var (vt, _) = start()
    let claims = try LogUpVerifier.verify(proof, statements: witnesses.map(\.statement), challenges: challenges, transcript: &vt)
    return (proverClaims, claims)
}

/// Checks the verifier's claims directly against the MLEs of the (zero-padded) columns.
func expectClaimsHold(_ claims: [LookupClaims], _ witnesses: [LookupWitness]) {
    for (c, w) in zip(claims, witnesses) {
        let x = MultilinearPolynomial(padding: w.inputs)
        #expect(x.evaluate(at: c.inputPoint) == c.inputEvaluation)
        if let y = w.outputs { #expect(MultilinearPolynomial(padding: y).evaluate(at: c.inputPoint) == c.outputEvaluation) }
        #expect(MultilinearPolynomial(evaluations: w.multiplicities).evaluate(at: c.multiplicityPoint) == c.multiplicityEvaluation)
    }
}

func lookupError(_ body: () throws -> Void) -> LookupError? {
    do {
        try body()
        return nil
    } catch {
        return error as? LookupError
    }
}

/// A signed 8-bit function table: inputs −128…127, outputs f(x) = x² mod 251.
func squareTable() -> (LookupTable, (Int64) -> Goldilocks) {
    let f: (Int64) -> Goldilocks = { x in Goldilocks(UInt64((x * x) % 251)) }
    let outputs = (0..<256).map { f(Int64($0) - 128) }
    return (LookupTable.function(inputOffset: Goldilocks(signed: -128), outputs: outputs), f)
}

@Suite struct LogUpCompletenessTests {
    @Test(arguments: [1, 5, 64, 100])
    func rangeLookupVerifiesAndClaimsMatchTheColumns(count: Int) throws {
        var rng = SplitMix64(seed: UInt64(count))
        let values = (0..<count).map { _ in Goldilocks(rng.next() % 256) }
        let witness = try LookupWitness(table: .range(bits: 8), inputs: values)
        let (proverClaims, claims) = try proveAndVerify([witness])
        #expect(proverClaims == claims)
        expectClaimsHold(claims, [witness])
    }

    @Test func functionTableWithSignedInputsVerifies() throws {
        let (table, f) = squareTable()
        var rng = SplitMix64(seed: 4)
        let xs = (0..<37).map { _ in Int64(rng.next() % 256) - 128 }
        let witness = try LookupWitness(table: table, inputs: xs.map { Goldilocks(signed: $0) }, outputs: xs.map(f))
        let (_, claims) = try proveAndVerify([witness])
        expectClaimsHold(claims, [witness])
    }

    @Test func explicitAndStructuredTablesVerifyInOneBatch() throws {
        let explicit = LookupTable.explicit(inputs: [3, 9, 27, 81, 243].map { Goldilocks(UInt64($0)) },
                                            outputs: [1, 2, 3, 4, 5].map { Goldilocks(UInt64($0)) })
        // Structured: t_j = 3·j, output j mod 2 = the last index bit.
        let structured = LookupTable(
            numVars: 6,
            input: .structured(value: { Goldilocks(UInt64(3 * $0)) }, mle: { r in
                var acc = GoldilocksExt2.zero
                for (k, rk) in r.enumerated() { acc += rk * Goldilocks(UInt64(3 << (r.count - 1 - k))) }
                return acc
            }),
            output: .structured(value: { Goldilocks(UInt64($0 & 1)) }, mle: { r in r[r.count - 1] }))
        let a = try LookupWitness(table: explicit, inputs: [9, 9, 243, 3].map { Goldilocks(UInt64($0)) },
                                  outputs: [2, 2, 5, 1].map { Goldilocks(UInt64($0)) })
        let b = try LookupWitness(table: structured, inputs: [0, 3, 60, 189, 33].map { Goldilocks(UInt64($0)) },
                                  outputs: [0, 1, 0, 1, 1].map { Goldilocks(UInt64($0)) })
        let (_, claims) = try proveAndVerify([a, b])
        expectClaimsHold(claims, [a, b])
    }

    @Test func structuredMLEMatchesTheExplicitColumn() {
        let table = LookupTable.range(bits: 5)
        var rng = SplitMix64(seed: 6)
        let r = (0..<5).map { _ in GoldilocksExt2.random(using: &rng) }
        let beta = GoldilocksExt2.random(using: &rng)
        let explicit = MultilinearPolynomial(evaluations: (0..<32).map { Goldilocks(UInt64($0)) })
        #expect(table.evaluate(at: r, beta: beta) == explicit.evaluate(at: r))
    }

    @Test func prefixSelectorMatchesTheBruteForceSum() {
        var rng = SplitMix64(seed: 7)
        let r = (0..<4).map { _ in GoldilocksExt2.random(using: &rng) }
        for count in 0...16 {
            let selector = MultilinearPolynomial(evaluations: (0..<16).map { $0 < count ? Goldilocks.one : .zero })
            #expect(LogUp.prefixSelector(count: count, at: r) == selector.evaluate(at: r))
        }
    }

    @Test(arguments: [12, 20, 40])
    func limbRangeCheckVerifiesAndRecomposes(bits: Int) throws {
        var rng = SplitMix64(seed: UInt64(bits))
        let values = (0..<24).map { _ in Goldilocks(rng.next() >> UInt64(64 - bits)) }
        let witnesses = try RangeCheck.witnesses(for: values, bits: bits)
        #expect(witnesses.count == (bits + 15) / 16)
        #expect(witnesses.map(\.statement.table.numVars) == RangeCheck.statements(count: 24, bits: bits).map(\.table.numVars))
        let (_, claims) = try proveAndVerify(witnesses)
        expectClaimsHold(claims, witnesses)
        // All limb claims share one point, so the caller's linear check applies.
        #expect(Set(claims.map { $0.inputPoint.description }).count == 1)
        let x = MultilinearPolynomial(padding: values).evaluate(at: claims[0].inputPoint)
        #expect(RangeCheck.recompose(limbEvaluations: claims.map(\.inputEvaluation)) == x)
    }
}

@Suite struct LogUpSoundnessTests {
    static func witness() throws -> LookupWitness {
        var rng = SplitMix64(seed: 11)
        let (table, f) = squareTable()
        let xs = (0..<32).map { _ in Int64(rng.next() % 256) - 128 }
        return try LookupWitness(table: table, inputs: xs.map { Goldilocks(signed: $0) }, outputs: xs.map(f))
    }

    @Test func valueOutsideTheTableIsRejected() throws {
        let honest = try Self.witness()
        var inputs = honest.inputs
        inputs[5] = Goldilocks(1000)  // not an input of the table (−128…127)
        // The prover pretends row 0 was used instead.
        var m = honest.multiplicities
        let row = Int((honest.inputs[5] - Goldilocks(signed: -128)).value)
        m[row] -= .one
        m[0] += .one
        let cheat = LookupWitness(statement: honest.statement, inputs: inputs, outputs: honest.outputs, multiplicities: m)
        #expect(lookupError { _ = try proveAndVerify([cheat]) } == .fractionalSumMismatch(lookup: 0))
        #expect(throws: LookupError.valueNotInTable(index: 5)) {
            _ = try LookupWitness(table: honest.statement.table, inputs: inputs, outputs: honest.outputs)
        }
    }

    @Test func wrongOutputForAnInputIsRejected() throws {
        let honest = try Self.witness()
        var outputs = honest.outputs!
        outputs[3] += .one
        let cheat = LookupWitness(statement: honest.statement, inputs: honest.inputs, outputs: outputs,
                                  multiplicities: honest.multiplicities)
        #expect(lookupError { _ = try proveAndVerify([cheat]) } == .fractionalSumMismatch(lookup: 0))
    }

    @Test func wrongMultiplicityIsRejected() throws {
        let honest = try Self.witness()
        var m = honest.multiplicities
        m[17] += .one
        let cheat = LookupWitness(statement: honest.statement, inputs: honest.inputs, outputs: honest.outputs, multiplicities: m)
        #expect(lookupError { _ = try proveAndVerify([cheat]) } == .fractionalSumMismatch(lookup: 0))
    }

    @Test(arguments: [1, 3, 7])
    func tamperedLayerRoundPolynomialIsRejected(layer: Int) throws {
        let w = try Self.witness()
        let error = lookupError {
            _ = try proveAndVerify([w]) { $0.trees.layers[layer].roundPolynomials[layer / 2].values[0] += .one }
        }
        #expect(error == .layerSumcheckFailed(layer: layer, .finalEvaluationMismatch))
    }

    @Test(arguments: [0, 4, 7])
    func tamperedLayerEvaluationIsRejected(layer: Int) throws {
        let w = try Self.witness()
        let error = lookupError { _ = try proveAndVerify([w]) { proof in
            let last = proof.trees.layers[layer].finalEvaluations[0].count - 1
            proof.trees.layers[layer].finalEvaluations[0][last] += .one
        } }
        #expect(error == .layerSumcheckFailed(layer: layer, .finalEvaluationMismatch))
    }

    @Test func consistentlyScaledRootIsRejectedByTheFirstLayer() throws {
        let w = try Self.witness()
        let error = lookupError {
            _ = try proveAndVerify([w]) { proof in
                proof.trees.roots[0] = proof.trees.roots[0].map { $0 * GoldilocksExt2(2) }
            }
        }
        #expect(error == .layerSumcheckFailed(layer: 0, .finalEvaluationMismatch))
    }

    @Test func tamperedRootNumeratorIsRejected() throws {
        let w = try Self.witness()
        #expect(lookupError { _ = try proveAndVerify([w]) { $0.trees.roots[1][0] += .one } } == .fractionalSumMismatch(lookup: 0))
    }

    @Test func tamperedWitnessEvaluationIsRejected() throws {
        let w = try Self.witness()
        for slot in 0..<2 {
            let error = lookupError { _ = try proveAndVerify([w]) { $0.witnessEvaluations[0][slot] += .one } }
            #expect(error == .witnessDenominatorMismatch(lookup: 0))
        }
    }

    @Test func zeroDenominatorIsRejected() throws {
        let w = try Self.witness()
        // α = w_0 makes the leaf denominator α − w_0 zero, hence the root's Q.
        let beta = GoldilocksExt2(5)
        let alpha = GoldilocksExt2(w.inputs[0]) + beta * w.outputs![0]
        let error = lookupError { _ = try proveAndVerify([w], challenges: LogUpChallenges(alpha: alpha, beta: beta)) }
        #expect(error == .zeroDenominator(lookup: 0))
    }

    @Test func missingLayerIsRejected() throws {
        let w = try Self.witness()
        let error = lookupError { _ = try proveAndVerify([w]) { $0.trees.layers.removeLast() } }
        #expect(error == .countMismatch(field: "layers", expected: 8, actual: 7))
    }

    @Test func rangeDecompositionRejectsOversizedValues() {
        #expect(throws: LookupError.valueOutOfRange(index: 1, bits: 20)) {
            _ = try RangeCheck.limbs(of: [Goldilocks(5), Goldilocks(1 << 20)], bits: 20)
        }
    }
}

@Suite struct LogUpCodecTests {
    static func proof() throws -> LogUpProof {
        let w = try LogUpSoundnessTests.witness()
        var t = Transcript(domain: "codec")
        return LogUpProver.prove([w], challenges: LogUpChallenges.sample(from: &t), transcript: &t).proof
    }

    @Test func encodingRoundTrips() throws {
        let proof = try Self.proof()
        #expect(try LogUpProof.decode(proof.encoded()) == proof)
    }

    @Test func truncatedExtendedAndRandomBytesNeverTrap() throws {
        let bytes = try Self.proof().encoded()
        for cut in stride(from: 0, to: bytes.count, by: 13) {
            #expect(throws: LookupError.self) { _ = try LogUpProof.decode(Array(bytes[0..<cut])) }
        }
        #expect(throws: LookupError.malformedProof(.trailingBytes(count: 2))) { _ = try LogUpProof.decode(bytes + [1, 2]) }
        var rng = SplitMix64(seed: 9)
        for trial in 0..<1000 {
            var mutated: [UInt8]
            if trial % 2 == 0 {
                mutated = (0..<Int(rng.next() % 200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            } else {
                mutated = bytes
                mutated[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            _ = try? LogUpProof.decode(mutated)
        }
    }
}

@Suite struct CommittedTableTests {
    /// Row max (PROTOCOL §3): (i, m_i) looked up in {(i, S_ij)}, the row column public and
    /// structured (i = j >> log₂ cols), the value column committed.
    static func rowMax(rows: Int = 4, cols: Int = 8, seed: UInt64 = 51) -> (table: LookupTable, verifierTable: LookupTable,
                                                                          s: [Goldilocks], maxima: [Goldilocks]) {
        var rng = SplitMix64(seed: seed)
        let s = (0..<(rows * cols)).map { _ in Goldilocks(rng.next() % 1000) }
        let maxima = (0..<rows).map { i in s[(i * cols)..<((i + 1) * cols)].max()! }
        let logCols = cols.trailingZeroBitCount
        let rowColumn = LookupTable.Column.structured(value: { Goldilocks(UInt64($0 >> logCols)) }, mle: { r in
            // i = the high bits of the index: Σ_{k < n − logCols} 2^{n−logCols−1−k}·r_k.
            let high = r.count - logCols
            var acc = GoldilocksExt2.zero
            for k in 0..<high { acc += r[k] * Goldilocks(UInt64(1) << UInt64(high - 1 - k)) }
            return acc
        })
        let n = (rows * cols).trailingZeroBitCount
        return (LookupTable(numVars: n, input: rowColumn, output: .committed(s)),
                LookupTable(numVars: n, input: rowColumn, output: .committed([])), s, maxima)
    }

    static func proveRowMax(
        maxima override: [Goldilocks]? = nil, mutate: (inout LogUpProof) -> Void = { _ in }
    ) throws -> [LookupClaims] {
        let (table, verifierTable, _, maxima) = rowMax()
        let rowIDs = (0..<maxima.count).map { Goldilocks(UInt64($0)) }
        let outputs = override ?? maxima
        let witness: LookupWitness
        if override == nil {
            witness = try LookupWitness(table: table, inputs: rowIDs, outputs: outputs)
        } else {
            let honest = try LookupWitness(table: table, inputs: rowIDs, outputs: maxima)
            witness = LookupWitness(statement: honest.statement, inputs: rowIDs, outputs: outputs,
                                    multiplicities: honest.multiplicities)
        }
        var pt = Transcript(domain: "row-max")
        let challenges = LogUpChallenges.sample(from: &pt)
        var (proof, _) = LogUpProver.prove([witness], challenges: challenges, transcript: &pt)
        mutate(&proof)
        var vt = Transcript(domain: "row-max")
        _ = LogUpChallenges.sample(from: &vt)
        return try LogUpVerifier.verify(proof, statements: [LookupStatement(table: verifierTable, count: rowIDs.count)],
                                        challenges: challenges, transcript: &vt)
    }

    @Test func rowMaxMembershipVerifiesWithAClaimOnTheCommittedColumn() throws {
        let claims = try Self.proveRowMax()
        let (_, _, s, maxima) = Self.rowMax()
        #expect(claims[0].tableEvaluations == [MultilinearPolynomial(evaluations: s).evaluate(at: claims[0].multiplicityPoint)])
        #expect(claims[0].outputEvaluation == MultilinearPolynomial(evaluations: maxima).evaluate(at: claims[0].inputPoint))
    }

    @Test func maximumNotInItsRowIsRejected() {
        let (_, _, _, maxima) = Self.rowMax()
        var wrong = maxima
        wrong[2] += Goldilocks(5000)
        #expect(lookupError { _ = try Self.proveRowMax(maxima: wrong) } == .fractionalSumMismatch(lookup: 0))
    }

    @Test func tamperedCommittedTableEvaluationIsRejected() {
        let error = lookupError { _ = try Self.proveRowMax { $0.tableEvaluations[0][0] += .one } }
        #expect(error == .tableDenominatorMismatch(lookup: 0))
        let missing = lookupError { _ = try Self.proveRowMax { $0.tableEvaluations[0] = [] } }
        #expect(missing == .countMismatch(field: "table evaluations", expected: 1, actual: 0))
    }
}
