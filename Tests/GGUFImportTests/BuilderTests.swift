import Testing
import TensorIR
@testable import GGUFImport

@Suite struct BuilderTests {
    /// The op sequence of one llama block, in program order (after the embedding).
    static let llamaBlock: [OpKind] = [
        .constant, .rmsNorm,                                   // attn_norm
        .constant, .transpose, .matmul,                        // q
        .constant, .transpose, .matmul,                        // k
        .constant, .transpose, .matmul,                        // v
        .constant, .reshape, .transpose, .rope,                // q heads + rope
        .constant, .reshape, .transpose, .rope,                // k heads + rope
        .constant, .reshape, .transpose,                       // v heads
        .attention, .transpose, .constant, .reshape,           // merge heads
        .constant, .transpose, .matmul, .add,                  // attn_output + residual
        .constant, .rmsNorm,                                   // ffn_norm
        .constant, .transpose, .matmul,                        // gate
        .constant, .transpose, .matmul,                        // up
        .swiglu,
        .constant, .transpose, .matmul, .add,                  // down + residual
    ]

    @Test func llamaBlockEmitsTheNamedOpSequence() throws {
        let module = try GGUFImporter.importModel(GGUFFile(bytes: tinyLlama().encoded()), seqLen: 5)
        let kinds = module.main.operations.map(\.kind)
        let expected: [OpKind] = [.constant, .embedding] + Self.llamaBlock
            + [.constant, .rmsNorm, .constant, .transpose, .matmul]
        #expect(kinds == expected)
        #expect(module.main.arguments.map(\.name) == ["tokens"])
        #expect(module.main.arguments[0].type == .i64([5]))
        #expect(module.main.resultNames == ["logits"])
        #expect(module.main.type(of: module.main.results[0]) == .f32([5, 10]))
        #expect(module.metadata["tied_output"] == "false")
    }

    @Test func bitnetBlockAddsSubNormsBeforeOutputAndDownProjections() throws {
        let module = try GGUFImporter.importModel(
            GGUFFile(bytes: tinyLlama(arch: "bitnet", tied: true).encoded()), seqLen: 3)
        let ops = module.main.operations
        let subNorms = ops.filter { $0.kind == .rmsNorm && ($0.origin ?? "").contains("sub_norm") }
        #expect(subNorms.map(\.origin) == ["blk.0.attn_sub_norm.weight", "blk.0.ffn_sub_norm.weight"])
        let origins = ops.compactMap(\.origin)
        let attnSub = try #require(origins.firstIndex(of: "blk.0.attn_sub_norm.weight"))
        let attnOut = try #require(ops.firstIndex { $0.kind == .matmul && $0.origin == "blk.0.attn_output.weight" })
        let attention = try #require(ops.firstIndex { $0.kind == .attention })
        #expect(attention < attnSub && attnSub < attnOut)
        let swiglu = try #require(ops.firstIndex { $0.kind == .swiglu })
        let ffnSub = try #require(origins.firstIndex(of: "blk.0.ffn_sub_norm.weight"))
        let down = try #require(ops.firstIndex { $0.kind == .matmul && $0.origin == "blk.0.ffn_down.weight" })
        #expect(swiglu < ffnSub && ffnSub < down)
        #expect(ops.filter { $0.kind == .rope }.allSatisfy { $0.attributes["style"] == .string("half") })
        #expect(module.metadata["tied_output"] == "true")
        #expect(ops.last?.origin == "token_embd.weight")
    }

    @Test(arguments: modelNames)
    func modelFilesImportWithAttributesFromTheMetadata(name: String) throws {
        let file = try GGUFFile(path: modelPath(name))
        let module = try GGUFImporter.importModel(file, seqLen: 7)
        let f = module.main
        let isBitnet = name.contains("bitnet")
        let count = { (k: OpKind) in f.operations.filter { $0.kind == k }.count }
        #expect(count(.attention) == 2 && count(.rope) == 4 && count(.swiglu) == 2 && count(.embedding) == 1)
        #expect(count(.rmsNorm) == (isBitnet ? 9 : 5))
        #expect(count(.matmul) == 15)
        for op in f.operations where op.kind == .attention {
            #expect(op.attributes["heads"] == .int(4) && op.attributes["kv_heads"] == .int(2) && op.attributes["causal"] == .int(1))
            let d = Double(isBitnet ? 64 : 16)
            #expect(op.attributes["scale"] == .float(1 / d.squareRoot()))
            #expect(f.type(of: op.results[0]) == .f32([4, 7, isBitnet ? 64 : 16]))
        }
        for op in f.operations where op.kind == .rope {
            #expect(op.attributes["style"] == .string(isBitnet ? "half" : "adjacent"))
            #expect(op.attributes["base"] == .float(name == "tiny_llama_q8_0" ? 500_000 : 10_000))
        }
        for op in f.operations where op.kind == .rmsNorm {
            #expect(op.attributes["epsilon"] == .float(Double(Float(isBitnet ? 1e-6 : 1e-5))))
        }
        #expect(f.type(of: f.results[0]) == .f32([7, 256]))
        // Every op's origin is a GGUF tensor name; every named constant is in the table.
        let tensorNames = Set(file.tensors.map(\.name))
        for op in f.operations {
            let origin = try #require(op.origin)
            #expect(tensorNames.contains(origin), "\(origin)")
            if op.kind == .constant, let constant = op.attributes["name"]?.stringValue {
                let data = try #require(module.constants[constant])
                #expect(f.type(of: op.results[0]) == data.type)
                #expect(data.type.shape == file.tensor(named: constant)?.shape)
            }
        }
        #expect(Set(module.constants.names) == tensorNames.subtracting(name == "tiny_llama_f32" ? [] : ["output.weight"]))
    }

    @Test func weightsStayInTheFileAndTernaryWeightsAreExactCodes() throws {
        let llama = try GGUFFile(path: modelPath("tiny_llama_q8_0"))
        let module = try GGUFImporter.importModel(llama, seqLen: 2)
        let q = try #require(module.constants["blk.0.attn_q.weight"])
        guard case .external(let payload) = q.storage else { Issue.record("Q8_0 weight was copied"); return }
        #expect(payload.byteCount == 64 * 64 / 32 * 34)
        #expect(payload.encodingDescription.hasPrefix("Q8_0"))
        #expect(try q.floats() == llama.floats(ofTensor: "blk.0.attn_q.weight"))

        let bitnet = try GGUFFile(path: modelPath("tiny_bitnet_tq2_0"))
        let tm = try GGUFImporter.importModel(bitnet, seqLen: 2)
        let w = try #require(tm.constants["blk.1.ffn_down.weight"])
        guard case .ternary(let codes, let scales, let blockSize) = w.storage else { Issue.record("not ternary"); return }
        #expect(blockSize == 256)
        #expect(codes.count == 256 * 512 && scales.count == 512)
        #expect(Set(codes).isSubset(of: [-1, 0, 1]))
        let direct = try bitnet.ternary(ofTensor: "blk.1.ffn_down.weight")
        #expect(codes == direct.codes && scales == direct.scales)
        #expect(w.type == .f32([256, 512]))
    }

    @Test func grouppedAndMultiQueryHeadCountsReachTheAttentionOp() throws {
        for (heads, kv) in [(4, 4), (4, 2), (4, 1)] {
            let module = try GGUFImporter.importModel(
                GGUFFile(bytes: tinyLlama(d: 16, heads: heads, kvHeads: kv).encoded()), seqLen: 3)
            let op = try #require(module.main.operations.first { $0.kind == .attention })
            #expect(op.attributes["heads"] == .int(Int64(heads)) && op.attributes["kv_heads"] == .int(Int64(kv)))
            let k = try #require(module.main.operations.first { $0.kind == .rope && $0.origin == "blk.0.attn_k.weight" })
            #expect(module.main.type(of: k.results[0]) == .f32([kv, 3, 16 / heads]))
        }
    }
}
