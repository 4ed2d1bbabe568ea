import Foundation
import Testing
@testable import GGUFImport

@Suite struct GGUFReaderTests {
    @Test(arguments: modelNames + ["dequant_types"])
    func everyModelFileOpensWithTheGeneratedTensorTable(name: String) throws {
        let file = try GGUFFile(path: modelPath(name))
        #expect(file.version == 3)
        #expect(file.alignment == 32)
        let stats = try loadJSON(name + ".dequant.json")
        #expect(Set(file.tensors.map(\.name)) == Set(stats.keys))
        for t in file.tensors {
            let entry = try #require(stats[t.name] as? [String: Any])
            #expect(t.shape == (entry["shape"] as? [Int]), "\(t.name)")
            #expect(t.type.description == (entry["type"] as? String), "\(t.name)")
            #expect(t.fileOffset % file.alignment == 0)
            #expect(t.fileOffset + t.byteCount <= file.fileSize)
        }
    }

    @Test(arguments: modelNames)
    func modelMetadataMatchesTheGenerator(name: String) throws {
        let file = try GGUFFile(path: modelPath(name))
        let arch = try #require(file.architecture)
        #expect(arch == (name.contains("bitnet") ? "bitnet" : "llama"))
        #expect(file.value(forKey: "\(arch).block_count") == .uint32(2))
        #expect(file.value(forKey: "\(arch).attention.head_count") == .uint32(4))
        #expect(file.value(forKey: "\(arch).attention.head_count_kv") == .uint32(2))
        #expect(file.value(forKey: "general.name")?.stringValue == name)
        let tokens = try #require(file.value(forKey: "tokenizer.ggml.tokens")?.arrayValues)
        #expect(tokens.count == 256)
        #expect(tokens[7] == .string("<7>"))
        #expect(file.vocabularyTokens?[255] == "<255>")
        #expect(file.tokenizerModel == "none")
        let scores = try #require(file.value(forKey: "tokenizer.ggml.scores"))
        guard case .array(let elementType, let values) = scores else { Issue.record("scores is not an array"); return }
        #expect(elementType == .float32)
        #expect(values[3] == .float32(-3))

        let hp = try DecoderHyperparameters(file: file)
        #expect(hp.layerCount == 2 && hp.headCount == 4 && hp.kvHeadCount == 2 && hp.vocabularySize == 256)
        #expect(hp.contextLength == 64)
        #expect(hp.ropeStyle == (arch == "llama" ? "adjacent" : "half"))
        #expect(hp.ropeBase == (name == "tiny_llama_q8_0" ? 500_000 : 10_000))
    }

    @Test func versionTwoFilesAreRead() throws {
        var g = tinyLlama()
        g.version = 2
        let file = try GGUFFile(bytes: g.encoded())
        #expect(file.version == 2)
        #expect(file.tensors.count == 12)
        #expect(try file.floats(ofTensor: "blk.0.attn_q.weight").prefix(3) == [0, 0.01, 0.02])
    }

    @Test func allMetadataTypesIncludingNestedArraysAreRead() throws {
        var g = TestGGUF()
        func entry(_ key: String, _ type: UInt32, _ write: (inout ByteWriter) -> Void) {
            var w = ByteWriter(); write(&w); g.metadata.append((key, type, w.bytes))
        }
        entry("u8", 0) { $0.u8(200) }
        entry("i8", 1) { $0.u8(0xFF) }
        entry("u16", 2) { $0.u16(60000) }
        entry("i16", 3) { $0.u16(0xFFFE) }
        entry("u32", 4) { $0.u32(4_000_000_000) }
        entry("i32", 5) { $0.u32(UInt32(bitPattern: -7)) }
        entry("f32", 6) { $0.f32(1.5) }
        entry("bool", 7) { $0.u8(1) }
        entry("str", 8) { $0.string("héllo") }
        entry("u64", 10) { $0.u64(1 << 40) }
        entry("i64", 11) { $0.u64(UInt64(bitPattern: -9)) }
        entry("f64", 12) { $0.u64((0.25 as Double).bitPattern) }
        entry("nested", 9) { w in
            w.u32(9); w.u64(2)                       // array of 2 arrays
            w.u32(4); w.u64(2); w.u32(1); w.u32(2)   // [1, 2] as u32
            w.u32(8); w.u64(1); w.string("x")        // ["x"]
        }
        let file = try GGUFFile(bytes: g.encoded())
        #expect(file.value(forKey: "u8") == .uint8(200))
        #expect(file.value(forKey: "i8") == .int8(-1))
        #expect(file.value(forKey: "u16") == .uint16(60000))
        #expect(file.value(forKey: "i16") == .int16(-2))
        #expect(file.value(forKey: "u32") == .uint32(4_000_000_000))
        #expect(file.value(forKey: "i32") == .int32(-7))
        #expect(file.value(forKey: "f32") == .float32(1.5))
        #expect(file.value(forKey: "bool") == .bool(true))
        #expect(file.value(forKey: "str") == .string("héllo"))
        #expect(file.value(forKey: "u64") == .uint64(1 << 40))
        #expect(file.value(forKey: "i64") == .int64(-9))
        #expect(file.value(forKey: "f64") == .float64(0.25))
        #expect(file.value(forKey: "nested") == .array(elementType: .array, values: [
            .array(elementType: .uint32, values: [.uint32(1), .uint32(2)]),
            .array(elementType: .string, values: [.string("x")]),
        ]))
        #expect(file.metadata.map(\.key).first == "u8")
    }

    @Test func customAlignmentPlacesTheDataSection() throws {
        var g = TestGGUF()
        g.alignment = 64
        var w = ByteWriter(); w.u32(64)
        g.metadata.append(("general.alignment", 4, w.bytes))
        g.addF32("a", [3]) { Float($0) }
        g.addF32("b", [5]) { Float($0) * 2 }
        let file = try GGUFFile(bytes: g.encoded())
        #expect(file.alignment == 64)
        #expect(file.dataOffset % 64 == 0)
        #expect(try file.floats(ofTensor: "b") == [0, 2, 4, 6, 8])
        #expect(file.tensor(named: "b")?.offset == 64)
    }

    @Test func inspectionReportSummarisesMetadataTensorsAndArchitecture() throws {
        let report = try GGUFFile(path: modelPath("tiny_llama_q8_0")).inspectionReport()
        #expect(report.contains("GGUF v3"))
        #expect(report.contains("tokenizer.ggml.tokens"))
        #expect(report.contains("256 elements"))
        #expect(report.contains("blk.1.ffn_down.weight"))
        #expect(report.contains("Q8_0"))
        #expect(report.contains("[64, 128]"))
        #expect(report.contains("layers 2, width 64, FFN 128, vocab 256, context 64"))
        #expect(report.contains("heads 4, KV heads 2 (GQA)"))
        #expect(report.contains("rope adjacent, base 500000"))
        #expect(report.contains("tied to token_embd.weight"))
        #expect(!report.contains("<200>"))
    }

    @Test func tokensInputIsParsedAndValidated() throws {
        let ids = try TokenInput.decode(json: Array(#"{"tokens": [1, 2, 255]}"#.utf8), vocabularySize: 256)
        #expect(ids == [1, 2, 255])
        #expect(throwsError(where: { if case .invalidTokens = $0 { true } else { false } }) {
            _ = try TokenInput.decode(json: Array(#"{"tokens": [1, 256]}"#.utf8), vocabularySize: 256)
        })
        #expect(throwsError(where: { if case .invalidTokens = $0 { true } else { false } }) {
            _ = try TokenInput.decode(json: Array(#"{"input_data": [[1]]}"#.utf8))
        })
        #expect(throwsError(where: { if case .invalidTokens = $0 { true } else { false } }) {
            _ = try TokenInput.decode(json: Array(#"{"tokens": []}"#.utf8))
        })
        let fromFile = try TokenInput.load(path: modelsDirectory + "/tiny_llama_f32.tokens.json", vocabularySize: 256)
        #expect(fromFile.count == 12)
    }
}
