/// Why a sumcheck proof was rejected or could not be decoded.
public enum SumcheckError: Error, Equatable, Sendable {
    /// The proof has a different number of round polynomials than the statement has variables.
    case roundCountMismatch(expected: Int, actual: Int)
    /// A round polynomial has more evaluations than the statement's degree bound allows.
    case degreeTooHigh(round: Int, degree: Int, maxDegree: Int)
    /// A round polynomial carries no evaluation at all.
    case emptyRoundPolynomial(round: Int)
    /// g(0) + g(1) differs from the running claim. Only reachable for uncompressed round
    /// polynomials (``SumcheckVerifier/checkRoundSum(_:claim:round:)``): the compressed proof
    /// form derives g(1) from the claim, so a wrong round polynomial surfaces as
    /// ``finalEvaluationMismatch`` instead.
    case roundSumMismatch(round: Int)
    /// The statement lists a different number of claims than the proof has final evaluations.
    case instanceCountMismatch(expected: Int, actual: Int)
    /// An instance's final evaluations do not list one value per polynomial.
    case evaluationCountMismatch(instance: Int, expected: Int, actual: Int)
    /// The final running claim differs from the statement's polynomial at the final point,
    /// computed from the prover's final evaluations.
    case finalEvaluationMismatch
    /// Proof bytes end before the structure they announce.
    case truncatedProof
    /// A length prefix exceeds what the remaining bytes could hold or a protocol limit.
    case lengthOutOfRange(field: String, value: UInt64)
    /// A field element in the proof bytes is not canonical.
    case nonCanonicalElement(value: UInt64)
    /// Bytes remain after the proof.
    case trailingBytes(count: Int)
}
