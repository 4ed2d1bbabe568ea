/// Every label the protocol absorbs or squeezes under. One enum, so no two call sites can
/// collide on an inline string; the raw values are what is hashed.
public enum TranscriptLabel: String, Sendable, CaseIterable {
    // Statement
    case protocolID = "zkc/protocol"
    case verifyingKey = "zkc/vk"
    case publicInput = "zkc/public-input"
    case publicOutput = "zkc/public-output"
    case challenge = "zkc/challenge"

    // Sumcheck
    case sumcheckClaim = "zkc/sumcheck/claim"
    case sumcheckRound = "zkc/sumcheck/round"
    case sumcheckChallenge = "zkc/sumcheck/challenge"
    case sumcheckBatch = "zkc/sumcheck/batch"
    case sumcheckFinalEvaluations = "zkc/sumcheck/final-evaluations"

    // Commitments
    case merkleRoot = "zkc/merkle/root"
    case pcsCommitment = "zkc/pcs/commitment"
    case pcsPoint = "zkc/pcs/point"
    case pcsEvaluation = "zkc/pcs/evaluation"
    case pcsBatch = "zkc/pcs/batch"
    case pcsProximityRow = "zkc/pcs/proximity-row"
    case pcsEvaluationRow = "zkc/pcs/evaluation-row"
    case pcsProximityChallenge = "zkc/pcs/proximity-challenge"
    case pcsColumnQuery = "zkc/pcs/column-query"

    // Lookups
    case logupChallenge = "zkc/logup/challenge"
    case logupClaim = "zkc/logup/claim"
    case logupLayer = "zkc/logup/layer"
    case logupMultiplicities = "zkc/logup/multiplicities"
    case logupRoot = "zkc/logup/root"
    case logupFold = "zkc/logup/fold"
    case logupLeafEvaluations = "zkc/logup/leaf-evaluations"
}
