public import Sumcheck

/// Why a lookup could not be proved, or why a LogUp proof was rejected.
public enum LookupError: Error, Equatable, Sendable {
    // Prover side (honest prover input errors).
    /// Witness entry `index` is not a row of the table.
    case valueNotInTable(index: Int)
    /// A value to range-check is not below 2^bits.
    case valueOutOfRange(index: Int, bits: Int)
    /// Inputs, outputs or multiplicities have inconsistent lengths or the table shape.
    case shapeMismatch(detail: String)

    // Verifier side.
    /// The proof covers a different number of lookups, trees or layers than the statement.
    case countMismatch(field: String, expected: Int, actual: Int)
    /// A root denominator Q (a product of all leaf denominators α − w) is zero.
    case zeroDenominator(lookup: Int)
    /// Σ 1/(α − w_i) ≠ Σ m_j/(α − t_j): some value is not in the table or a multiplicity is wrong.
    case fractionalSumMismatch(lookup: Int)
    /// A GKR layer's sumcheck failed.
    case layerSumcheckFailed(layer: Int, SumcheckError)
    /// The witness tree's leaf numerator at the final point is not the public padding selector.
    case witnessNumeratorMismatch(lookup: Int)
    /// The leaf denominator does not match α − (x̃ + β·ỹ) from the prover's x̃, ỹ values.
    case witnessDenominatorMismatch(lookup: Int)
    /// The table tree's leaf denominator does not match α − t̃ evaluated by the verifier.
    case tableDenominatorMismatch(lookup: Int)
    /// Malformed proof bytes.
    case malformedProof(SumcheckError)
}
