import Fields
import Sumcheck

extension LogUpProof {
    /// Canonical encoding: roots, layer sumcheck proofs, witness evaluations, committed-table
    /// evaluations, each u32-counted.
    public func encoded() -> [UInt8] {
        var bytes = [UInt8]()
        ProofByteWriter.append(UInt32(trees.roots.count), to: &bytes)
        for root in trees.roots { ProofByteWriter.append(root, to: &bytes) }
        ProofByteWriter.append(UInt32(trees.layers.count), to: &bytes)
        for layer in trees.layers { layer.encode(into: &bytes) }
        ProofByteWriter.append(UInt32(witnessEvaluations.count), to: &bytes)
        for values in witnessEvaluations { ProofByteWriter.append(values, to: &bytes) }
        ProofByteWriter.append(UInt32(tableEvaluations.count), to: &bytes)
        for values in tableEvaluations { ProofByteWriter.append(values, to: &bytes) }
        return bytes
    }

    /// Decodes untrusted bytes; throws ``LookupError/malformedProof(_:)``, never traps.
    public static func decode(_ bytes: [UInt8]) throws(LookupError) -> LogUpProof {
        do {
            var reader = ProofByteReader(bytes)
            let rootCount = try reader.readCount("roots", elementBytes: 4, limit: 1 << 16)
            var roots = [[GoldilocksExt2]]()
            roots.reserveCapacity(rootCount)
            for _ in 0..<rootCount { roots.append(try reader.readElements("root", limit: 2)) }
            let layerCount = try reader.readCount("layers", elementBytes: 8, limit: 64)
            var layers = [SumcheckProof]()
            layers.reserveCapacity(layerCount)
            for _ in 0..<layerCount { layers.append(try SumcheckProof.decode(from: &reader)) }
            let lookupCount = try reader.readCount("lookups", elementBytes: 4, limit: 1 << 16)
            var evaluations = [[GoldilocksExt2]]()
            evaluations.reserveCapacity(lookupCount)
            for _ in 0..<lookupCount { evaluations.append(try reader.readElements("witness evaluations", limit: 2)) }
            let tableCount = try reader.readCount("lookups", elementBytes: 4, limit: 1 << 16)
            var tableEvaluations = [[GoldilocksExt2]]()
            tableEvaluations.reserveCapacity(tableCount)
            for _ in 0..<tableCount { tableEvaluations.append(try reader.readElements("table evaluations", limit: 2)) }
            try reader.finish()
            return LogUpProof(trees: FractionalSumProof(roots: roots, layers: layers), witnessEvaluations: evaluations,
                              tableEvaluations: tableEvaluations)
        } catch {
            throw .malformedProof(error)
        }
    }
}

