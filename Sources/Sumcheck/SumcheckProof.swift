public import Fields
public import Polynomials

/// A (batched) sumcheck proof: one compressed round polynomial per variable of the longest
/// instance, then every instance's final evaluations f_j(point).
public struct SumcheckProof: Sendable, Equatable {
    /// g_k without g_k(1), for k = 1…n.
    public var roundPolynomials: [CompressedUnivariatePolynomial]
    /// For each instance, f_j(point) for every polynomial j of its shape.
    public var finalEvaluations: [[GoldilocksExt2]]

    public init(roundPolynomials: [CompressedUnivariatePolynomial], finalEvaluations: [[GoldilocksExt2]]) {
        self.roundPolynomials = roundPolynomials
        self.finalEvaluations = finalEvaluations
    }
}

/// Sequential reader over untrusted proof bytes: every length is checked against the bytes
/// that remain before anything is allocated, and nothing traps.
public struct ProofByteReader {
    public let bytes: [UInt8]
    public private(set) var offset: Int = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var remaining: Int { bytes.count - offset }

    public mutating func readUInt32() throws(SumcheckError) -> UInt32 {
        guard remaining >= 4 else { throw .truncatedProof }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[offset + i]) << UInt32(8 * i) }
        offset += 4
        return v
    }

    /// A length prefix for `elementBytes`-byte items, bounded by the remaining bytes and `limit`.
    public mutating func readCount(_ field: String, elementBytes: Int, limit: Int) throws(SumcheckError) -> Int {
        let raw = try readUInt32()
        guard Int(raw) <= limit, Int(raw) * max(1, elementBytes) <= remaining else {
            throw .lengthOutOfRange(field: field, value: UInt64(raw))
        }
        return Int(raw)
    }

    public mutating func readElement() throws(SumcheckError) -> GoldilocksExt2 {
        guard remaining >= GoldilocksExt2.encodedByteCount else { throw .truncatedProof }
        let slice = bytes[offset..<(offset + GoldilocksExt2.encodedByteCount)]
        do {
            let value = try GoldilocksExt2.decode(from: slice)
            offset += GoldilocksExt2.encodedByteCount
            return value
        } catch {
            switch error {
            case .nonCanonical(let value): throw .nonCanonicalElement(value: value)
            case .truncated: throw .truncatedProof
            }
        }
    }

    public mutating func readElements(_ field: String, limit: Int) throws(SumcheckError) -> [GoldilocksExt2] {
        let count = try readCount(field, elementBytes: GoldilocksExt2.encodedByteCount, limit: limit)
        var values = [GoldilocksExt2]()
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readElement()) }
        return values
    }

    /// Throws unless every byte was consumed.
    public func finish() throws(SumcheckError) {
        guard remaining == 0 else { throw .trailingBytes(count: remaining) }
    }
}

/// Little-endian writers matching ``ProofByteReader``.
public enum ProofByteWriter {
    public static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public static func append(_ values: [GoldilocksExt2], to bytes: inout [UInt8]) {
        append(UInt32(values.count), to: &bytes)
        for v in values { v.encode(into: &bytes) }
    }
}

extension SumcheckProof {
    /// Protocol limits enforced on decoding (far above any real statement).
    public static let maxRounds = 64
    public static let maxInstances = 1 << 16

    /// Canonical encoding: u32 round count, each round as a u32-counted list of K elements,
    /// u32 instance count, each instance's evaluations as a counted list.
    public func encoded() -> [UInt8] {
        var bytes = [UInt8]()
        encode(into: &bytes)
        return bytes
    }

    public func encode(into bytes: inout [UInt8]) {
        ProofByteWriter.append(UInt32(roundPolynomials.count), to: &bytes)
        for round in roundPolynomials { ProofByteWriter.append(round.values, to: &bytes) }
        ProofByteWriter.append(UInt32(finalEvaluations.count), to: &bytes)
        for evaluations in finalEvaluations { ProofByteWriter.append(evaluations, to: &bytes) }
    }

    /// Decodes a whole byte string; throws on truncated, extended or non-canonical input.
    public static func decode(_ bytes: [UInt8]) throws(SumcheckError) -> SumcheckProof {
        var reader = ProofByteReader(bytes)
        let proof = try decode(from: &reader)
        try reader.finish()
        return proof
    }

    /// Decodes one proof from `reader` (for embedding in larger proofs).
    public static func decode(from reader: inout ProofByteReader) throws(SumcheckError) -> SumcheckProof {
        // Each round needs at least its 4-byte count.
        let roundCount = try reader.readCount("rounds", elementBytes: 4, limit: maxRounds)
        var rounds = [CompressedUnivariatePolynomial]()
        rounds.reserveCapacity(roundCount)
        for _ in 0..<roundCount {
            rounds.append(CompressedUnivariatePolynomial(values: try reader.readElements("round", limit: 64)))
        }
        let instanceCount = try reader.readCount("instances", elementBytes: 4, limit: maxInstances)
        var evaluations = [[GoldilocksExt2]]()
        evaluations.reserveCapacity(instanceCount)
        for _ in 0..<instanceCount {
            evaluations.append(try reader.readElements("evaluations", limit: 1 << 16))
        }
        return SumcheckProof(roundPolynomials: rounds, finalEvaluations: evaluations)
    }
}
