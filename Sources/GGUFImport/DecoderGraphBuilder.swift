import TensorIR

/// Emits TensorIR for a decoder from GGUF weights: shared by the `llama` and `bitnet` builders.
///
/// Weights are named constants under their GGUF tensor names, stored as in the file (row-major
/// `[out, in]` for a matrix with `ne = [in, out]`); a projection is `matmul(x, transpose(W))`
/// with `transpose {perm = [1, 0]}` in the IR, so no weight is copied or reordered at import.
/// Every op's origin is the GGUF tensor it belongs to.
struct DecoderGraphBuilder {
    let file: GGUFFile
    let hp: DecoderHyperparameters
    let seqLen: Int
    var function = Function(name: "main")
    var constants = ConstantTable()
    private var constantValues: [String: ValueID] = [:]

    init(file: GGUFFile, hyperparameters: DecoderHyperparameters, seqLen: Int) {
        self.file = file
        self.hp = hyperparameters
        self.seqLen = seqLen
    }

    /// `constant @name`, checking the tensor's row-major shape; emitted once per name.
    mutating func weight(_ name: String, shape: [Int]) throws(GGUFError) -> ValueID {
        if let v = constantValues[name] { return v }
        let t = try file.requireTensor(name)
        guard t.shape == shape else { throw .tensorShapeMismatch(tensor: name, expected: shape, actual: t.shape) }
        constants[name] = try file.tensorData(named: name)
        let v = function.append(.constant, [], type: .f32(shape), attributes: ["name": .string(name)], origin: name)
        constantValues[name] = v
        return v
    }

    /// An inline i64 literal (reshape targets).
    mutating func int64s(_ values: [Int], origin: String) -> ValueID {
        function.append(.constant, [], type: .i64([values.count]), attributes: ["value": .ints(values.map(Int64.init))], origin: origin)
    }

    /// `rms_norm(x, gamma)` over the last axis with the model's epsilon.
    mutating func rmsNorm(_ x: ValueID, _ gammaName: String, width: Int, rows: Int) throws(GGUFError) -> ValueID {
        let gamma = try weight(gammaName, shape: [width])
        return function.append(.rmsNorm, [x, gamma], type: .f32([rows, width]),
                               attributes: ["axis": .int(-1), "epsilon": .float(hp.rmsEpsilon)], origin: gammaName)
    }

    /// `x · Wᵀ` for `W = @name` of shape `[outFeatures, inFeatures]`, times the optional
    /// per-tensor scale `<base>.scale` (BitNet checkpoints converted with separate scales).
    mutating func linear(_ x: ValueID, _ name: String, inFeatures: Int, outFeatures: Int) throws(GGUFError) -> ValueID {
        let w = try weight(name, shape: [outFeatures, inFeatures])
        let wt = function.append(.transpose, [w], type: .f32([inFeatures, outFeatures]),
                                 attributes: ["perm": .ints([1, 0])], origin: name)
        var y = function.append(.matmul, [x, wt], type: .f32([seqLen, outFeatures]), origin: name)
        let scaleName = name.hasSuffix(".weight") ? String(name.dropLast(".weight".count)) + ".scale" : name + ".scale"
        if file.tensor(named: scaleName) != nil {
            let s = try weight(scaleName, shape: [1])
            y = function.append(.mul, [y, s], type: .f32([seqLen, outFeatures]), origin: scaleName)
        }
        return y
    }

    /// `[S, H·D] → [H, S, D]`.
    mutating func splitHeads(_ x: ValueID, heads: Int, origin: String) -> ValueID {
        let d = hp.headDimension
        let shape = int64s([seqLen, heads, d], origin: origin)
        let r = function.append(.reshape, [x, shape], type: .f32([seqLen, heads, d]), origin: origin)
        return function.append(.transpose, [r], type: .f32([heads, seqLen, d]), attributes: ["perm": .ints([1, 0, 2])], origin: origin)
    }

    /// `[H, S, D] → [S, H·D]`.
    mutating func mergeHeads(_ x: ValueID, heads: Int, origin: String) -> ValueID {
        let d = hp.headDimension
        let t = function.append(.transpose, [x], type: .f32([seqLen, heads, d]), attributes: ["perm": .ints([1, 0, 2])], origin: origin)
        let shape = int64s([seqLen, heads * d], origin: origin)
        return function.append(.reshape, [t, shape], type: .f32([seqLen, heads * d]), origin: origin)
    }

    mutating func rope(_ x: ValueID, heads: Int, origin: String) -> ValueID {
        function.append(.rope, [x], type: .f32([heads, seqLen, hp.headDimension]),
                        attributes: ["base": .float(hp.ropeBase), "style": .string(hp.ropeStyle), "offset": .int(0)],
                        origin: origin)
    }

    /// One decoder block. `subNorms` adds BitNet's `attn_sub_norm` before `attn_output` and
    /// `ffn_sub_norm` before `ffn_down` (llama.cpp `build_bitnet`).
    mutating func block(_ x: ValueID, layer i: Int, subNorms: Bool) throws(GGUFError) -> ValueID {
        let d = hp.embeddingLength, f = hp.feedForwardLength
        let hq = hp.headCount, hkv = hp.kvHeadCount, dh = hp.headDimension
        let p = "blk.\(i)."

        let h = try rmsNorm(x, p + "attn_norm.weight", width: d, rows: seqLen)
        let q = try linear(h, p + "attn_q.weight", inFeatures: d, outFeatures: hq * dh)
        let k = try linear(h, p + "attn_k.weight", inFeatures: d, outFeatures: hkv * dh)
        let v = try linear(h, p + "attn_v.weight", inFeatures: d, outFeatures: hkv * dh)
        let qh = rope(splitHeads(q, heads: hq, origin: p + "attn_q.weight"), heads: hq, origin: p + "attn_q.weight")
        let kh = rope(splitHeads(k, heads: hkv, origin: p + "attn_k.weight"), heads: hkv, origin: p + "attn_k.weight")
        let vh = splitHeads(v, heads: hkv, origin: p + "attn_v.weight")
        let attnOrigin = p + "attn_output.weight"
        let a = function.append(.attention, [qh, kh, vh], type: .f32([hq, seqLen, dh]),
                                attributes: ["heads": .int(Int64(hq)), "kv_heads": .int(Int64(hkv)), "causal": .int(1),
                                             "scale": .float(1 / Double(dh).squareRoot())],
                                origin: attnOrigin)
        var merged = mergeHeads(a, heads: hq, origin: attnOrigin)
        if subNorms {
            merged = try rmsNorm(merged, p + "attn_sub_norm.weight", width: hq * dh, rows: seqLen)
        }
        let o = try linear(merged, attnOrigin, inFeatures: hq * dh, outFeatures: d)
        let afterAttention = function.append(.add, [x, o], type: .f32([seqLen, d]), origin: attnOrigin)

        let g = try rmsNorm(afterAttention, p + "ffn_norm.weight", width: d, rows: seqLen)
        let gate = try linear(g, p + "ffn_gate.weight", inFeatures: d, outFeatures: f)
        let up = try linear(g, p + "ffn_up.weight", inFeatures: d, outFeatures: f)
        var act = function.append(.swiglu, [gate, up], type: .f32([seqLen, f]), origin: p + "ffn_gate.weight")
        if subNorms {
            act = try rmsNorm(act, p + "ffn_sub_norm.weight", width: f, rows: seqLen)
        }
        let down = try linear(act, p + "ffn_down.weight", inFeatures: f, outFeatures: d)
        return function.append(.add, [afterAttention, down], type: .f32([seqLen, d]), origin: p + "ffn_down.weight")
    }

    /// The whole model: tokens i64 [S] → logits f32 [S, vocab].
    mutating func build(subNorms: Bool) throws(GGUFError) -> Module {
        let d = hp.embeddingLength, vocab = hp.vocabularySize
        let tokens = function.addArgument(name: "tokens", type: .i64([seqLen]))
        let table = try weight("token_embd.weight", shape: [vocab, d])
        var x = function.append(.embedding, [table, tokens], type: .f32([seqLen, d]), origin: "token_embd.weight")
        for i in 0..<hp.layerCount {
            x = try block(x, layer: i, subNorms: subNorms)
        }
        let n = try rmsNorm(x, "output_norm.weight", width: d, rows: seqLen)
        // Tied embeddings when there is no separate output matrix (llama.cpp falls back the same way).
        let head = file.tensor(named: "output.weight") != nil ? "output.weight" : "token_embd.weight"
        let logits = try linear(n, head, inFeatures: d, outFeatures: vocab)
        function.setResults([logits], names: ["logits"])

        var metadata: [String: String] = [
            "source": "gguf \(hp.architecture)",
            "gguf.file": file.path,
            "gguf.version": "\(file.version)",
            "gguf.architecture": hp.architecture,
            "seq_len": "\(seqLen)",
            "tied_output": head == "token_embd.weight" ? "true" : "false",
        ]
        if let name = file.value(forKey: "general.name")?.stringValue { metadata["gguf.name"] = name }
        return Module(functions: [function], constants: constants, metadata: metadata)
    }
}
