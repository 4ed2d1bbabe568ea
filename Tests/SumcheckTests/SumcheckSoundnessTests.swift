import FiatShamir
import Fields
import Polynomials
import Sumcheck
import Testing

@Suite struct SumcheckSoundnessTests {
    static func instance(numVars: Int = 6, eq: Bool = false) -> SumcheckInstance<Goldilocks> {
        var rng = SplitMix64(seed: 77)
        let f = randomBase(numVars, &rng), g = randomBase(numVars, &rng)
        let r = eq ? randomPoint(numVars, &rng) : nil
        return SumcheckInstance(shape: .product(numVars: numVars, factorCount: 2, eqPoint: r), polynomials: [f, g])
    }

    @Test(arguments: [0, 3, 5])
    func corruptedRoundCoefficientIsRejected(round: Int) {
        for eq in [false, true] {
            for coefficient in 0..<(eq ? 3 : 2) {
                let error = expectedError {
                    _ = try proveAndVerify([Self.instance(eq: eq)]) { proof in
                        proof.roundPolynomials[round].values[coefficient] += .one
                    }
                }
                #expect(error == .finalEvaluationMismatch)
            }
        }
    }

    @Test func wrongClaimedSumIsRejected() {
        let error = expectedError {
            _ = try proveAndVerify([Self.instance()], claimedSums: { $0.map { $0 + .one } })
        }
        #expect(error == .finalEvaluationMismatch)
    }

    @Test func wrongFinalEvaluationIsRejected() {
        for j in 0..<2 {
            let error = expectedError {
                _ = try proveAndVerify([Self.instance(eq: true)]) { $0.finalEvaluations[0][j] += .one }
            }
            #expect(error == .finalEvaluationMismatch)
        }
    }

    @Test func missingOrExtraRoundIsRejected() {
        let missing = expectedError { _ = try proveAndVerify([Self.instance()]) { $0.roundPolynomials.removeLast() } }
        #expect(missing == .roundCountMismatch(expected: 6, actual: 5))
        let extra = expectedError {
            _ = try proveAndVerify([Self.instance()]) { $0.roundPolynomials.append($0.roundPolynomials[0]) }
        }
        #expect(extra == .roundCountMismatch(expected: 6, actual: 7))
    }

    @Test func roundPolynomialAboveTheDegreeBoundIsRejected() {
        let error = expectedError {
            _ = try proveAndVerify([Self.instance()]) { $0.roundPolynomials[2].values.append(.zero) }
        }
        #expect(error == .degreeTooHigh(round: 2, degree: 3, maxDegree: 2))
    }

    @Test func emptyRoundPolynomialIsRejected() {
        let error = expectedError { _ = try proveAndVerify([Self.instance()]) { $0.roundPolynomials[1].values = [] } }
        #expect(error == .emptyRoundPolynomial(round: 1))
    }

    @Test func missingFinalEvaluationIsRejected() {
        let error = expectedError { _ = try proveAndVerify([Self.instance()]) { $0.finalEvaluations[0].removeLast() } }
        #expect(error == .evaluationCountMismatch(instance: 0, expected: 2, actual: 1))
    }

    @Test func mutatedSecondClaimOfABatchIsRejected() {
        var rng = SplitMix64(seed: 5)
        let instances = [
            SumcheckInstance(shape: .product(numVars: 5, factorCount: 2), polynomials: [randomBase(5, &rng), randomBase(5, &rng)]),
            SumcheckInstance(shape: .product(numVars: 2, factorCount: 2), polynomials: [randomBase(2, &rng), randomBase(2, &rng)]),
        ]
        let error = expectedError {
            _ = try proveAndVerify(instances, claimedSums: { [$0[0], $0[1] + .one] })
        }
        #expect(error == .finalEvaluationMismatch)
    }

    @Test func proofIsBoundToItsTranscript() {
        var pt = Transcript(domain: "one")
        let instance = Self.instance(eq: true)
        let output = SumcheckProver.prove([instance], transcript: &pt)
        var vt = Transcript(domain: "another")
        let claim = SumcheckClaim(shape: instance.shape, claimedSum: output.claimedSums[0])
        #expect(throws: SumcheckError.finalEvaluationMismatch) {
            _ = try SumcheckVerifier.verify(output.proof, claims: [claim], transcript: &vt)
        }
    }

    @Test func proofForOneEqPointIsRejectedForAnother() {
        var pt = Transcript(domain: "eq")
        let instance = Self.instance(eq: true)
        let output = SumcheckProver.prove([instance], transcript: &pt)
        var shape = instance.shape
        shape.eqPoint![2] += .one
        var vt = Transcript(domain: "eq")
        #expect(throws: SumcheckError.finalEvaluationMismatch) {
            _ = try SumcheckVerifier.verify(output.proof, claims: [SumcheckClaim(shape: shape, claimedSum: output.claimedSums[0])],
                                            transcript: &vt)
        }
    }

    @Test func uncompressedRoundSumMismatchIsReported() {
        let g = UnivariatePolynomial(evaluations: [GoldilocksExt2(3), GoldilocksExt2(4)])
        #expect(throws: SumcheckError.roundSumMismatch(round: 4)) {
            try SumcheckVerifier.checkRoundSum(g, claim: GoldilocksExt2(8), round: 4)
        }
        #expect(throws: Never.self) { try SumcheckVerifier.checkRoundSum(g, claim: GoldilocksExt2(7), round: 4) }
    }
}

@Suite struct SumcheckCodecTests {
    static func proof() -> SumcheckProof {
        var t = Transcript(domain: "codec")
        return SumcheckProver.prove([SumcheckSoundnessTests.instance(numVars: 4, eq: true)], transcript: &t).proof
    }

    @Test func encodingRoundTrips() throws {
        let proof = Self.proof()
        #expect(try SumcheckProof.decode(proof.encoded()) == proof)
    }

    @Test func truncatedAndExtendedBytesAreRejected() {
        let bytes = Self.proof().encoded()
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: SumcheckError.self) { _ = try SumcheckProof.decode(Array(bytes[0..<cut])) }
        }
        #expect(throws: SumcheckError.trailingBytes(count: 1)) { _ = try SumcheckProof.decode(bytes + [0]) }
    }

    @Test func randomBytesNeverTrap() {
        var rng = SplitMix64(seed: 3)
        let valid = Self.proof().encoded()
        for trial in 0..<2000 {
            var bytes: [UInt8]
            if trial % 2 == 0 {
                bytes = (0..<Int(rng.next() % 300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            } else {
                bytes = valid
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
            }
            _ = try? SumcheckProof.decode(bytes)
        }
    }

    @Test func hugeLengthPrefixIsRejectedBeforeAllocation() {
        let bytes: [UInt8] = [0xFF, 0xFF, 0xFF, 0x0F]
        #expect(throws: SumcheckError.lengthOutOfRange(field: "rounds", value: 0x0FFF_FFFF)) {
            _ = try SumcheckProof.decode(bytes)
        }
    }
}

@Suite struct UnivariatePolynomialTests {
    @Test func lagrangeEvaluationMatchesTheCoefficientForm() {
        var rng = SplitMix64(seed: 21)
        for degree in 0...5 {
            let coefficients = randomPoint(degree + 1, &rng)
            func horner(_ x: GoldilocksExt2) -> GoldilocksExt2 { coefficients.reversed().reduce(.zero) { $0 * x + $1 } }
            let g = UnivariatePolynomial(evaluations: (0...degree).map { horner(GoldilocksExt2(Goldilocks(UInt64($0)))) })
            let x = GoldilocksExt2.random(using: &rng)
            #expect(g.evaluate(at: x) == horner(x))
            #expect(g.extrapolated(count: 2) == [horner(GoldilocksExt2(Goldilocks(UInt64(degree + 1)))),
                                                 horner(GoldilocksExt2(Goldilocks(UInt64(degree + 2))))])
            if degree >= 1 {
                #expect(g.compressed.decompressed(claim: g.sumOverBooleans) == g)
            }
        }
    }

    @Test func multiplyingByALinearFactorMatchesPointwiseProducts() {
        var rng = SplitMix64(seed: 22)
        let g = UnivariatePolynomial(evaluations: randomPoint(3, &rng))
        let l0 = GoldilocksExt2.random(using: &rng), l1 = GoldilocksExt2.random(using: &rng)
        let x = GoldilocksExt2.random(using: &rng)
        #expect(g.multiplied(byLinear: l0, l1).evaluate(at: x) == g.evaluate(at: x) * (l0 + (l1 - l0) * x))
    }

    @Test func linearCombinationAndLastVariableFoldingMatchEvaluation() {
        var rng = SplitMix64(seed: 23)
        let fs = (0..<3).map { _ in randomBase(4, &rng) }
        let cs = randomPoint(3, &rng)
        let point = randomPoint(4, &rng)
        let combined = MultilinearPolynomial.linearCombination(fs, coefficients: cs)
        #expect(combined.evaluate(at: point) == zip(fs, cs).reduce(GoldilocksExt2.zero) { $0 + $1.1 * $1.0.evaluate(at: point) })
        var g = fs[0].fixingLastVariable(point[3])
        g = g.fixingLastVariable(point[2])
        #expect(g.evaluate(at: Array(point[0..<2])) == fs[0].evaluate(at: point))
        var h = MultilinearPolynomial(evaluations: fs[1].evaluations.map(\.asExtension))
        h.fixFirstVariableInPlace(point[0])
        #expect(h.evaluate(at: Array(point[1...])) == fs[1].evaluate(at: point))
        #expect(fs[2].fixingFirstVariables(Array(point[0..<3])).evaluate(at: [point[3]]) == fs[2].evaluate(at: point))
    }
}

@Suite struct EqTableTests {
    @Test func parallelEqTableMatchesTheSerialOne() {
        var rng = SplitMix64(seed: 31)
        for n in [3, 14, 15] {
            let r = randomPoint(n, &rng)
            #expect(EqTable.evaluationsInParallel(at: r) == EqTable.evaluations(at: r))
            let f = randomBase(n, &rng)
            #expect(f.evaluateInParallel(at: r) == f.evaluate(at: r))
        }
    }
}
