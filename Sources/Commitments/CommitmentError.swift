/// Why a commitment opening was rejected or could not be decoded.
public enum CommitmentError: Error, Equatable, Sendable {
    /// An opened leaf index is not below the number of leaves.
    case indexOutOfRange(index: Int, leafCount: Int)
    /// The multi-path does not carry exactly the siblings the verifier needs.
    case wrongSiblingCount(expected: Int, actual: Int)
    /// Recomputing the root from the opened leaves and siblings gives another root.
    case merklePathMismatch
    /// An opened column has the wrong number of entries.
    case columnLengthMismatch(column: Int, expected: Int, actual: Int)
    /// A sent row has the wrong length.
    case rowLengthMismatch(expected: Int, actual: Int)
    /// The proximity row's encoding disagrees with the opened columns at a queried position.
    case proximityCheckFailed(position: Int)
    /// An evaluation row's encoding disagrees with the opened columns at a queried position.
    case evaluationRowCheckFailed(claim: Int, position: Int)
    /// The claimed evaluation is not what the evaluation row implies.
    case evaluationMismatch(claim: Int)
    /// The number of evaluation rows differs from the number of claims.
    case claimCountMismatch(expected: Int, actual: Int)
    /// A claim names a polynomial that is not in the commitment, or a point of the wrong size.
    case invalidClaim(claim: Int, detail: String)
    /// The proof bytes are malformed.
    case malformedProof(String)
}
