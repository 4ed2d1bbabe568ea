public import TensorIR

/// Imports a GGUF model as a TensorIR module.
///
/// Supported architectures (`general.architecture`):
/// - `llama`: RMSNorm, RoPE on adjacent pairs (llama.cpp's NORM rope, applied to the q/k weights
///   as stored — `convert_hf_to_gguf.py` permutes them so this matches HF), GQA/MQA attention,
///   SwiGLU, tied or separate output matrix.
/// - `bitnet`: as llama with NEOX (half-split) RoPE, `attn_sub_norm` before `attn_output`,
///   `ffn_sub_norm` before `ffn_down`, tied output, ternary (TQ1_0/TQ2_0) weights taken exactly.
///
/// The function `main` takes `tokens: tensor<S x i64>` and returns `logits: tensor<S x V x f32>`.
public enum GGUFImporter {
    /// Opens `path` and builds the module for a sequence of `seqLen` tokens.
    public static func importModel(path: String, seqLen: Int) throws(GGUFError) -> Module {
        try importModel(GGUFFile(path: path), seqLen: seqLen)
    }

    /// Builds the module for an opened file.
    public static func importModel(_ file: GGUFFile, seqLen: Int) throws(GGUFError) -> Module {
        let hp = try DecoderHyperparameters(file: file)
        guard seqLen >= 1 else { throw .invalidSequenceLength(seqLen, detail: "must be at least 1") }
        if hp.contextLength > 0, seqLen > hp.contextLength {
            throw .invalidSequenceLength(seqLen, detail: "exceeds the model's context length \(hp.contextLength)")
        }
        guard seqLen <= 1 << 20 else { throw .invalidSequenceLength(seqLen, detail: "exceeds 2^20") }
        var builder = DecoderGraphBuilder(file: file, hyperparameters: hp, seqLen: seqLen)
        return try builder.build(subNorms: hp.architecture == "bitnet")
    }
}
