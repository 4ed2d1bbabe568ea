extension GGUFFile {
    /// A human-readable report: header, metadata (long arrays summarised), tensor table, and the
    /// architecture summary when the architecture is supported.
    public func inspectionReport() -> String {
        var lines: [String] = []
        lines.append("GGUF v\(version)  \(path)  (\(fileSize) bytes, data at \(dataOffset), alignment \(alignment))")
        lines.append("")
        lines.append("metadata (\(metadata.count) keys):")
        let keyWidth = min(48, metadata.map(\.key.count).max() ?? 0)
        for entry in metadata {
            let key = entry.key.padding(to: keyWidth)
            lines.append("  \(key)  \(entry.value.type)  \(entry.value.summary())")
        }
        lines.append("")
        var total = 0
        lines.append("tensors (\(tensors.count)):")
        let nameWidth = min(40, tensors.map(\.name.count).max() ?? 0)
        var typeCounts: [GGMLType: Int] = [:]
        for t in tensors {
            total += t.byteCount
            typeCounts[t.type, default: 0] += 1
            let shape = "[" + t.shape.map(String.init).joined(separator: ", ") + "]"
            lines.append("  \(t.name.padding(to: nameWidth))  \(t.type.description.padding(to: 6))  \(shape.padding(to: 14))  \(t.byteCount) bytes")
        }
        let types = typeCounts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
        lines.append("  total \(total) bytes; types: \(types)")
        lines.append("")
        do {
            let hp = try DecoderHyperparameters(file: self)
            let attention = hp.kvHeadCount == hp.headCount ? "MHA" : hp.kvHeadCount == 1 ? "MQA" : "GQA"
            lines.append("architecture \(hp.architecture):")
            lines.append("  layers \(hp.layerCount), width \(hp.embeddingLength), FFN \(hp.feedForwardLength), vocab \(hp.vocabularySize), context \(hp.contextLength)")
            lines.append("  heads \(hp.headCount), KV heads \(hp.kvHeadCount) (\(attention)), head dim \(hp.headDimension)")
            lines.append("  rope \(hp.ropeStyle), base \(hp.ropeBase); rms epsilon \(hp.rmsEpsilon)")
            lines.append("  output \(tensor(named: "output.weight") == nil ? "tied to token_embd.weight" : "output.weight")")
        } catch {
            lines.append("architecture: \(architecture ?? "none") — not importable: \(error)")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
