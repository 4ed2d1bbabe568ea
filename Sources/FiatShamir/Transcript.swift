public import Fields

/// Fiat–Shamir transcript over SHA-256.
///
/// The state is a 32-byte chaining value. Absorbing a message replaces it with
/// SHA-256(state ‖ len(label) ‖ label ‖ len(message) ‖ message) (lengths as 8-byte little-endian),
/// so the encoding is injective and every later challenge depends on every earlier byte.
/// Squeezing hashes (state ‖ "squeeze" ‖ counter) and rejection-samples 64-bit words below p.
public struct Transcript: Sendable {
    /// Protocol identifier and version absorbed first; bump the version on any protocol change.
    public static let protocolVersion = "zkc-v1"

    private var state: [UInt8]
    private var squeezeCounter: UInt64 = 0

    /// A transcript bound to `domain` (e.g. the proof system or test name).
    public init(domain: String) {
        state = [UInt8](repeating: 0, count: 32)
        absorb(.protocolID, bytes: Array(Self.protocolVersion.utf8))
        absorb(.protocolID, bytes: Array(domain.utf8))
    }

    // MARK: Absorbing

    public mutating func absorb(_ label: TranscriptLabel, bytes: [UInt8]) {
        var hasher = SHA256Hasher()
        hasher.update(state)
        let labelBytes = Array(label.rawValue.utf8)
        hasher.update(uint64: UInt64(labelBytes.count))
        hasher.update(labelBytes)
        hasher.update(uint64: UInt64(bytes.count))
        hasher.update(bytes)
        state = hasher.finalize().bytes
        squeezeCounter = 0
    }

    public mutating func absorb<F: FieldElement>(_ label: TranscriptLabel, _ element: F) {
        absorb(label, bytes: element.encoded)
    }

    public mutating func absorb<F: FieldElement>(_ label: TranscriptLabel, _ elements: [F]) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(elements.count * F.encodedByteCount)
        for e in elements { e.encode(into: &bytes) }
        absorb(label, bytes: bytes)
    }

    public mutating func absorb(_ label: TranscriptLabel, _ digest: Digest) {
        absorb(label, bytes: digest.bytes)
    }

    public mutating func absorb(_ label: TranscriptLabel, uint64 value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { absorb(label, bytes: Array($0)) }
    }

    // MARK: Squeezing

    /// 32 pseudo-random bytes bound to everything absorbed so far and to `label`.
    public mutating func squeezeBytes(_ label: TranscriptLabel) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update(state)
        hasher.update(Array("squeeze".utf8))
        let labelBytes = Array(label.rawValue.utf8)
        hasher.update(uint64: UInt64(labelBytes.count))
        hasher.update(labelBytes)
        hasher.update(uint64: squeezeCounter)
        squeezeCounter += 1
        return hasher.finalize().bytes
    }

    /// A uniform base-field element (rejection sampling: a 64-bit word ≥ p is discarded).
    public mutating func challengeBase(_ label: TranscriptLabel) -> Goldilocks {
        while true {
            let bytes = squeezeBytes(label)
            for chunk in 0..<4 {
                var v: UInt64 = 0
                for i in 0..<8 { v |= UInt64(bytes[chunk * 8 + i]) << UInt64(8 * i) }
                if v < Goldilocks.modulus { return Goldilocks(uncheckedCanonical: v) }
            }
        }
    }

    /// A uniform extension-field element; the challenge is also absorbed back so the next
    /// squeeze starts from a fresh state.
    public mutating func challenge(_ label: TranscriptLabel) -> GoldilocksExt2 {
        let c0 = challengeBase(label)
        let c1 = challengeBase(label)
        let value = GoldilocksExt2(c0, c1)
        absorb(.challenge, value)
        return value
    }

    public mutating func challenges(_ label: TranscriptLabel, count: Int) -> [GoldilocksExt2] {
        (0..<count).map { _ in challenge(label) }
    }

    /// A uniform integer in [0, bound) for query positions (rejection sampling).
    public mutating func challengeIndex(_ label: TranscriptLabel, below bound: Int) -> Int {
        precondition(bound > 0, "challengeIndex: empty range")
        let limit = UInt64.max - (UInt64.max % UInt64(bound) + 1) % UInt64(bound)
        while true {
            let bytes = squeezeBytes(label)
            for chunk in 0..<4 {
                var v: UInt64 = 0
                for i in 0..<8 { v |= UInt64(bytes[chunk * 8 + i]) << UInt64(8 * i) }
                if v <= limit { return Int(v % UInt64(bound)) }
            }
        }
    }
}
