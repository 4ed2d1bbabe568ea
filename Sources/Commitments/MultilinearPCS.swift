public import Fields
public import FiatShamir
public import Polynomials

/// A claim "polynomial `polynomial` of a commitment evaluates to `value` at `point`".
public struct EvaluationClaim: Sendable, Equatable {
    public var polynomial: Int
    public var point: [GoldilocksExt2]
    public var value: GoldilocksExt2

    public init(polynomial: Int, point: [GoldilocksExt2], value: GoldilocksExt2) {
        self.polynomial = polynomial
        self.point = point
        self.value = value
    }
}

/// A commitment scheme for multilinear polynomials over Goldilocks with evaluation proofs at
/// extension-field points. Several polynomials are committed together and opened at several
/// points with one batched proof. Ligero is the first implementation; Basefold or WHIR can
/// replace it behind this protocol.
public protocol MultilinearPCS: Sendable {
    associatedtype Commitment: Sendable
    associatedtype ProverData: Sendable
    associatedtype Proof: Sendable

    /// Commits to `polynomials` (one commitment for all of them).
    func commit(_ polynomials: [MultilinearPolynomial<Goldilocks>]) -> (commitment: Commitment, data: ProverData)

    /// Proves every claim in one batched opening. The claims' values must be correct.
    func open(_ claims: [EvaluationClaim], data: ProverData, transcript: inout Transcript) -> Proof

    /// Checks a batched opening.
    ///
    /// ## Soundness
    /// The caller must take `commitment` from a trusted source (the verifying key or an earlier
    /// absorbed message) and must use the same transcript state as the prover.
    func verify(_ claims: [EvaluationClaim], commitment: Commitment, proof: Proof, transcript: inout Transcript) throws(CommitmentError)
}
