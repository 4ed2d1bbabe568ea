import FiatShamir
import Fields
import Polynomials
import Sumcheck
import Testing

@Suite struct SumcheckCompletenessTests {
    @Test(arguments: [0, 1, 2, 5, 9])
    func productOfTwoVerifiesAndMatchesBruteForce(numVars: Int) throws {
        var rng = SplitMix64(seed: UInt64(100 + numVars))
        let f = randomBase(numVars, &rng), g = randomBase(numVars, &rng)
        let instance = SumcheckInstance(shape: .product(numVars: numVars, factorCount: 2), polynomials: [f, g])
        let (output, verification) = try proveAndVerify([instance])
        #expect(output.claimedSums[0] == instance.bruteForceSum())
        let sub = verification.subclaims[0]
        #expect(sub.point == output.point)
        #expect(sub.evaluations == [f.evaluate(at: sub.point), g.evaluate(at: sub.point)])
    }

    @Test(arguments: [1, 2, 6])
    func eqWeightedProductVerifiesAndEvaluationsMatchTheMLEs(numVars: Int) throws {
        var rng = SplitMix64(seed: UInt64(200 + numVars))
        let f = randomBase(numVars, &rng), g = randomBase(numVars, &rng)
        let r = randomPoint(numVars, &rng)
        let instance = SumcheckInstance(shape: .product(numVars: numVars, factorCount: 2, eqPoint: r),
                                        polynomials: [f, g])
        let (output, verification) = try proveAndVerify([instance])
        #expect(output.claimedSums[0] == instance.bruteForceSum())
        let sub = verification.subclaims[0]
        #expect(sub.evaluations == [f.evaluate(at: sub.point), g.evaluate(at: sub.point)])
    }

    @Test func generalShapesWithCoefficientsAndRepeatedFactorsVerify() throws {
        var rng = SplitMix64(seed: 7)
        let n = 5
        let polys = (0..<4).map { _ in randomBase(n, &rng) }
        let r = randomPoint(n, &rng)
        let terms = [
            ProductTerm(coefficient: GoldilocksExt2.random(using: &rng), factors: [0, 1]),
            ProductTerm(coefficient: GoldilocksExt2.random(using: &rng), factors: [2, 3, 0, 1]),
            ProductTerm(coefficient: GoldilocksExt2.random(using: &rng), factors: [3, 3]),
            ProductTerm(coefficient: .one, factors: [2]),
        ]
        for eq in [nil, r] {
            let instance = SumcheckInstance(
                shape: SumcheckShape(numVars: n, numPolynomials: 4, terms: terms, eqPoint: eq), polynomials: polys)
            let (output, verification) = try proveAndVerify([instance])
            #expect(output.claimedSums[0] == instance.bruteForceSum())
            let sub = verification.subclaims[0]
            #expect(sub.evaluations == polys.map { $0.evaluate(at: sub.point) })
        }
    }

    @Test func extensionFieldTablesVerify() throws {
        var rng = SplitMix64(seed: 8)
        let n = 4
        let polys = (0..<3).map { _ in randomExt(n, &rng) }
        let r = randomPoint(n, &rng)
        let shape = SumcheckShape(numVars: n, numPolynomials: 3,
                                  terms: [ProductTerm(factors: [0, 1]), ProductTerm(coefficient: GoldilocksExt2(5), factors: [1, 2])],
                                  eqPoint: r)
        let instance = SumcheckInstance(shape: shape, polynomials: polys)
        var pt = Transcript(domain: "ext")
        let output = SumcheckProver.prove([instance], transcript: &pt)
        #expect(output.claimedSums[0] == instance.bruteForceSum())
        var vt = Transcript(domain: "ext")
        let verification = try SumcheckVerifier.verify(
            output.proof, claims: [SumcheckClaim(shape: shape, claimedSum: output.claimedSums[0])], transcript: &vt)
        #expect(verification.subclaims[0].evaluations == polys.map { $0.evaluate(at: verification.point) })
    }

    @Test func eqPointWithZeroCoordinatesStillProves() throws {
        var rng = SplitMix64(seed: 9)
        let n = 4
        let f = randomBase(n, &rng), g = randomBase(n, &rng)
        let r = [GoldilocksExt2.zero, .one, .zero, GoldilocksExt2.random(using: &rng)]
        let instance = SumcheckInstance(shape: .product(numVars: n, factorCount: 2, eqPoint: r), polynomials: [f, g])
        let (output, _) = try proveAndVerify([instance])
        #expect(output.claimedSums[0] == instance.bruteForceSum())
    }

    @Test func batchOfDifferentSizesVerifiesWithSuffixPoints() throws {
        var rng = SplitMix64(seed: 10)
        let a = (randomBase(6, &rng), randomBase(6, &rng))
        let b = (randomBase(3, &rng), randomBase(3, &rng), randomBase(3, &rng))
        let c = randomBase(4, &rng)
        let rb = randomPoint(3, &rng)
        let instances = [
            SumcheckInstance(shape: .product(numVars: 6, factorCount: 2), polynomials: [a.0, a.1]),
            SumcheckInstance(shape: .product(numVars: 3, factorCount: 3, eqPoint: rb), polynomials: [b.0, b.1, b.2]),
            SumcheckInstance(shape: .product(numVars: 4, factorCount: 1), polynomials: [c]),
        ]
        let (output, verification) = try proveAndVerify(instances)
        for (i, instance) in instances.enumerated() {
            #expect(output.claimedSums[i] == instance.bruteForceSum())
            let sub = verification.subclaims[i]
            #expect(sub.point == Array(verification.point.suffix(instance.shape.numVars)))
            #expect(sub.evaluations == instance.polynomials.map { $0.evaluate(at: sub.point) })
        }
    }
}

@Suite struct EqCombinationTests {
    @Test func mergedClaimsOnOneTensorVerifyAndMatchBruteForce() throws {
        var rng = SplitMix64(seed: 41)
        let n = 5
        let t = randomBase(n, &rng), u = randomBase(n, &rng)
        let points = (0..<3).map { _ in randomPoint(n, &rng) }
        let rhos = randomPoint(3, &rng)
        let combination = EqCombination(coefficients: rhos, points: points)
        // Σ_x w(x)·T(x) = Σ ρ_i·T̃(r_i) (PROTOCOL §2), and a product term alongside.
        let single = SumcheckInstance(
            shape: SumcheckShape(numVars: n, numPolynomials: 1, terms: [ProductTerm(factors: [0])], eqCombination: combination),
            polynomials: [t])
        let product = SumcheckInstance(
            shape: SumcheckShape(numVars: n, numPolynomials: 2, terms: [ProductTerm(factors: [0, 1])], eqCombination: combination),
            polynomials: [t, u])
        let (output, verification) = try proveAndVerify([single, product])
        let expected = zip(rhos, points).reduce(GoldilocksExt2.zero) { $0 + $1.0 * t.evaluate(at: $1.1) }
        #expect(output.claimedSums[0] == expected)
        #expect(output.claimedSums[1] == product.bruteForceSum())
        #expect(verification.subclaims[0].evaluations == [t.evaluate(at: verification.point)])
        #expect(verification.subclaims[1].evaluations == [t, u].map { $0.evaluate(at: verification.point) })
    }

    @Test func mergedClaimWithAWrongValueIsRejected() {
        var rng = SplitMix64(seed: 42)
        let n = 4
        let t = randomBase(n, &rng)
        let combination = EqCombination(coefficients: randomPoint(2, &rng), points: [randomPoint(n, &rng), randomPoint(n, &rng)])
        let instance = SumcheckInstance(
            shape: SumcheckShape(numVars: n, numPolynomials: 1, terms: [ProductTerm(factors: [0])], eqCombination: combination),
            polynomials: [t])
        let error = expectedError { _ = try proveAndVerify([instance], claimedSums: { $0.map { $0 + .one } }) }
        #expect(error == .finalEvaluationMismatch)
    }
}

@Suite struct RandomizedSumcheckTests {
    static func randomShape(numVars n: Int, _ rng: inout SplitMix64) -> SumcheckShape {
        let polys = 1 + Int(rng.next() % 4)
        let terms = (0..<(1 + Int(rng.next() % 3))).map { _ in
            ProductTerm(coefficient: GoldilocksExt2.random(using: &rng),
                        factors: (0..<(1 + Int(rng.next() % 4))).map { _ in Int(rng.next() % UInt64(polys)) })
        }
        switch rng.next() % 3 {
        case 0: return SumcheckShape(numVars: n, numPolynomials: polys, terms: terms)
        case 1: return SumcheckShape(numVars: n, numPolynomials: polys, terms: terms, eqPoint: randomPoint(n, &rng))
        default:
            let k = 1 + Int(rng.next() % 3)
            return SumcheckShape(numVars: n, numPolynomials: polys, terms: terms,
                                 eqCombination: EqCombination(coefficients: randomPoint(k, &rng),
                                                              points: (0..<k).map { _ in randomPoint(n, &rng) }))
        }
    }

    @Test func randomBatchesOfRandomShapesMatchBruteForceAndTheMLEs() throws {
        var rng = SplitMix64(seed: 2024)
        for _ in 0..<40 {
            let instances = (0..<(1 + Int(rng.next() % 3))).map { _ -> SumcheckInstance<Goldilocks> in
                let n = Int(rng.next() % 6)
                let shape = Self.randomShape(numVars: n, &rng)
                return SumcheckInstance(shape: shape, polynomials: (0..<shape.numPolynomials).map { _ in randomBase(n, &rng) })
            }
            let (output, verification) = try proveAndVerify(instances)
            for (i, instance) in instances.enumerated() {
                #expect(output.claimedSums[i] == instance.bruteForceSum())
                let sub = verification.subclaims[i]
                #expect(sub.evaluations == instance.polynomials.map { $0.evaluate(at: sub.point) })
            }
            #expect(output.subclaims == verification.subclaims)
        }
    }
}
