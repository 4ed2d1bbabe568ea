import Fields
public import Sumcheck

extension LogUpProof {
    /// Canonical encoding: roots, layer sumcheck proofs, witness evaluations, committed-table
    /// evaluations, each u32-counted.
    public func encoded() -> [UInt8] {
        var bytes = [UInt8]()
        encode(into: &bytes)
        return bytes
    }

    /// Appends the canonical encoding (for embedding in a larger proof).
    public func encode(into bytes: inout [UInt8]) {
        ProofByteWriter.append(UInt32(trees.roots.count), to: &bytes)
        for root in trees.roots { ProofByteWriter.append(root, to: &bytes) }
        ProofByteWriter.append(UInt32(trees.layers.count), to: &bytes)
        for layer in trees.layers { layer.encode(into: &bytes) }
        ProofByteWriter.append(UInt32(witnessEvaluations.count), to: &bytes)
        for values in witnessEvaluations { ProofByteWriter.append(values, to: &bytes) }
        ProofByteWriter.append(UInt32(tableEvaluations.count), to: &bytes)
        for values in tableEvaluations { ProofByteWriter.append(values, to: &bytes) }
    }

    /// Decodes a whole byte string of untrusted input; throws
    /// ``LookupError/malformedProof(_:)``, never traps.
    public static func decode(_ bytes: [UInt8]) throws(LookupError) -> LogUpProof {
        var reader = ProofByteReader(bytes)
        let proof = try decode(from: &reader)
        do {
            try reader.finish()
        } catch {
            throw .malformedProof(error)
        }
        return proof
    }

    /// Decodes one proof from `reader` (for embedding in a larger proof).
    public static func decode(from reader: inout ProofByteReader) throws(LookupError) -> LogUpProof {
        do {
            let rootCount = try reader.readCount("roots", elementBytes: 4, limit: 1 << 16)
            var roots = [[GoldilocksExt2]]()
            roots.reserveCapacity(rootCount)
            for _ in 0..<rootCount { roots.append(try reader.readElements("root", limit: 2)) }
            // Each layer proof holds at least its two counts.
            let layerCount = try reader.readCount("layers", elementBytes: 8, limit: 64)
            var layers = [SumcheckProof]()
            layers.reserveCapacity(layerCount)
            for _ in 0..<layerCount { layers.append(try SumcheckProof.decode(from: &reader)) }
            let witnessEvaluations = try readLists(&reader, field: "witness evaluations")
            let tableEvaluations = try readLists(&reader, field: "table evaluations")
            return LogUpProof(trees: FractionalSumProof(roots: roots, layers: layers),
                              witnessEvaluations: witnessEvaluations, tableEvaluations: tableEvaluations)
        } catch {
            throw .malformedProof(error)
        }
    }

    /// A counted list of per-lookup lists of at most two elements.
    private static func readLists(_ reader: inout ProofByteReader, field: String) throws(SumcheckError) -> [[GoldilocksExt2]] {
        let count = try reader.readCount(field, elementBytes: 4, limit: 1 << 16)
        var lists = [[GoldilocksExt2]]()
        lists.reserveCapacity(count)
        for _ in 0..<count { lists.append(try reader.readElements(field, limit: 2)) }
        return lists
    }
}
