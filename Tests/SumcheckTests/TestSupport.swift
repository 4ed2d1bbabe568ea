import FiatShamir
import Fields
import Polynomials
@testable import Sumcheck

func randomBase(_ numVars: Int, _ rng: inout SplitMix64) -> MultilinearPolynomial<Goldilocks> {
    MultilinearPolynomial(evaluations: (0..<(1 << numVars)).map { _ in Goldilocks.random(using: &rng) })
}

func randomExt(_ numVars: Int, _ rng: inout SplitMix64) -> MultilinearPolynomial<GoldilocksExt2> {
    MultilinearPolynomial(evaluations: (0..<(1 << numVars)).map { _ in GoldilocksExt2.random(using: &rng) })
}

func randomPoint(_ count: Int, _ rng: inout SplitMix64) -> [GoldilocksExt2] {
    (0..<count).map { _ in GoldilocksExt2.random(using: &rng) }
}

/// Proves `instances`, then verifies the proof with fresh transcripts of the same domain.
func proveAndVerify(
    _ instances: [SumcheckInstance<Goldilocks>], mutate: (inout SumcheckProof) -> Void = { _ in },
    claimedSums: (([GoldilocksExt2]) -> [GoldilocksExt2])? = nil
) throws(SumcheckError) -> (SumcheckProverOutput, SumcheckVerification) {
    var proverTranscript = Transcript(domain: "sumcheck-test")
    let output = SumcheckProver.prove(instances, transcript: &proverTranscript)
    var proof = output.proof
    mutate(&proof)
    let sums = claimedSums?(output.claimedSums) ?? output.claimedSums
    let claims = zip(instances, sums).map { SumcheckClaim(shape: $0.shape, claimedSum: $1) }
    var verifierTranscript = Transcript(domain: "sumcheck-test")
    let verification = try SumcheckVerifier.verify(proof, claims: claims, transcript: &verifierTranscript)
    return (output, verification)
}

/// The error `body` throws (`nil` if it succeeds or throws something else).
func expectedError(_ body: () throws -> Void) -> SumcheckError? {
    do {
        try body()
        return nil
    } catch {
        return error as? SumcheckError
    }
}
