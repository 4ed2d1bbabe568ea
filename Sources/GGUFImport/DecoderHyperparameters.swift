/// The hyperparameters of a LLaMA-style decoder, read from `{arch}.*` metadata keys and checked
/// for consistency (llama.cpp `llm_load_hparams`).
public struct DecoderHyperparameters: Sendable, Equatable {
    public var architecture: String
    public var layerCount: Int
    /// Model width `d` (`{arch}.embedding_length`).
    public var embeddingLength: Int
    public var feedForwardLength: Int
    public var headCount: Int
    /// KV heads: equal to `headCount` (MHA), a proper divisor (GQA), or 1 (MQA).
    public var kvHeadCount: Int
    public var headDimension: Int
    /// From `token_embd.weight`'s shape.
    public var vocabularySize: Int
    /// `{arch}.context_length` (0 when absent).
    public var contextLength: Int
    public var rmsEpsilon: Double
    public var ropeBase: Double
    /// "adjacent" (llama.cpp NORM, llama) or "half" (NEOX, bitnet).
    public var ropeStyle: String

    /// Reads and validates the hyperparameters of `file`'s architecture.
    public init(file: GGUFFile) throws(GGUFError) {
        guard let arch = file.architecture else { throw .missingKey("general.architecture") }
        architecture = arch
        switch arch {
        case "llama": ropeStyle = "adjacent"
        case "bitnet": ropeStyle = "half"
        default: throw .unsupportedArchitecture(arch)
        }
        layerCount = try file.positiveInt("\(arch).block_count")
        embeddingLength = try file.positiveInt("\(arch).embedding_length")
        feedForwardLength = try file.positiveInt("\(arch).feed_forward_length")
        headCount = try file.positiveInt("\(arch).attention.head_count")
        kvHeadCount = file.value(forKey: "\(arch).attention.head_count_kv") == nil
            ? headCount : try file.positiveInt("\(arch).attention.head_count_kv")
        guard headCount % kvHeadCount == 0 else {
            throw .invalidMetadataValue(key: "\(arch).attention.head_count_kv",
                                        detail: "\(kvHeadCount) does not divide head_count \(headCount)")
        }
        if file.value(forKey: "\(arch).attention.key_length") != nil {
            headDimension = try file.positiveInt("\(arch).attention.key_length")
        } else {
            guard embeddingLength % headCount == 0 else {
                throw .invalidMetadataValue(key: "\(arch).attention.head_count",
                                            detail: "\(headCount) does not divide embedding_length \(embeddingLength)")
            }
            headDimension = embeddingLength / headCount
        }
        guard headDimension % 2 == 0 else {
            throw .invalidMetadataValue(key: "\(arch).attention.head_count", detail: "head dimension \(headDimension) is odd; RoPE needs pairs")
        }
        if file.value(forKey: "\(arch).attention.value_length") != nil {
            let v = try file.positiveInt("\(arch).attention.value_length")
            guard v == headDimension else { throw .unsupportedFeature("value_length \(v) ≠ key_length \(headDimension)") }
        }
        if file.value(forKey: "\(arch).rope.dimension_count") != nil {
            let r = try file.positiveInt("\(arch).rope.dimension_count")
            guard r == headDimension else { throw .unsupportedFeature("partial RoPE (rope.dimension_count \(r) < head dimension \(headDimension))") }
        }
        if let scaling = file.value(forKey: "\(arch).rope.scaling.type")?.stringValue, scaling != "none" {
            throw .unsupportedFeature("RoPE scaling '\(scaling)'")
        }
        if file.tensor(named: "rope_freqs.weight") != nil {
            throw .unsupportedFeature("RoPE frequency factors (rope_freqs.weight)")
        }
        contextLength = file.value(forKey: "\(arch).context_length") == nil ? 0 : try file.positiveInt("\(arch).context_length")
        rmsEpsilon = try file.positiveDouble("\(arch).attention.layer_norm_rms_epsilon")
        ropeBase = file.value(forKey: "\(arch).rope.freq_base") == nil ? 10_000 : try file.positiveDouble("\(arch).rope.freq_base")

        let embedding = try file.requireTensor("token_embd.weight")
        guard embedding.dimensions.count == 2, embedding.dimensions[0] == embeddingLength, embedding.dimensions[1] > 0 else {
            throw .tensorShapeMismatch(tensor: embedding.name, expected: [-1, embeddingLength], actual: embedding.shape)
        }
        vocabularySize = embedding.dimensions[1]
        if file.value(forKey: "\(arch).vocab_size") != nil {
            let v = try file.positiveInt("\(arch).vocab_size")
            guard v == vocabularySize else {
                throw .tensorShapeMismatch(tensor: embedding.name, expected: [v, embeddingLength], actual: embedding.shape)
            }
        }
    }
}

extension GGUFFile {
    /// A positive integer under `key`; a per-layer array is accepted when all entries agree.
    func positiveInt(_ key: String) throws(GGUFError) -> Int {
        guard let value = value(forKey: key) else { throw .missingKey(key) }
        var candidate = value.intValue
        if let values = value.arrayValues, let first = values.first?.intValue,
           values.allSatisfy({ $0.intValue == first }) {
            candidate = first
        }
        guard let v = candidate else {
            throw .invalidMetadataValue(key: key, detail: "expected an integer, found \(value.summary())")
        }
        guard v > 0, v <= 1 << 24 else { throw .invalidMetadataValue(key: key, detail: "\(v) is out of range [1, 2^24]") }
        return v
    }

    /// A positive finite number under `key`.
    func positiveDouble(_ key: String) throws(GGUFError) -> Double {
        guard let value = value(forKey: key) else { throw .missingKey(key) }
        guard let v = value.doubleValue else {
            throw .invalidMetadataValue(key: key, detail: "expected a number, found \(value.summary())")
        }
        guard v.isFinite, v > 0 else { throw .invalidMetadataValue(key: key, detail: "\(v) is not a positive finite number") }
        return v
    }
}
