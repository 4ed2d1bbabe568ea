import Foundation
import Testing
@testable import GGUFImport

/// Every malformed-file case of issue 4 throws its specific `GGUFError`.
@Suite struct BadInputTests {
    func open(_ bytes: [UInt8]) throws { _ = try GGUFFile(bytes: bytes) }

    func header(version: UInt32 = 3, tensors: UInt64 = 0, metadata: UInt64 = 0) -> ByteWriter {
        var w = ByteWriter()
        w.bytes = Array("GGUF".utf8)
        w.u32(version); w.u64(tensors); w.u64(metadata)
        return w
    }

    @Test func badMagicIsRejected() {
        var bytes = TestGGUF().encoded()
        bytes[3] = UInt8(ascii: "X")
        #expect(throwsError(.badMagic(found: 0x5855_4747)) { try open(bytes) })
        #expect(throwsError(.truncatedHeader) { try open([]) })
    }

    @Test func unknownVersionsAreRejected() {
        for v: UInt32 in [0, 1, 4, 0x0300_0000] {
            #expect(throwsError(.unsupportedVersion(v)) { try open(header(version: v).bytes) })
        }
    }

    @Test func truncatedHeaderIsRejected() {
        let bytes = header().bytes
        for n in [3, 4, 8, 15, 23] {
            #expect(throwsError(.truncatedHeader) { try open(Array(bytes.prefix(n))) })
        }
    }

    @Test func truncatedMetadataNamesTheKey() {
        var g = TestGGUF()
        let longKey = "general.a_long_key_so_that_a_cut_inside_it_leaves_room"
        g.add(longKey, u32: 1)
        g.add("general.name", string: "a fairly long model name")
        g.add("x.count", u32: 5)
        let bytes = g.headerBytes()
        #expect(throwsError(.truncatedMetadata(key: "#0")) { try open(Array(bytes.prefix(24 + 8 + 40))) })
        let second = 24 + 8 + longKey.utf8.count + 4 + 4
        #expect(throwsError(.truncatedMetadata(key: "general.name")) { try open(Array(bytes.prefix(second + 8 + 12 + 4 + 8 + 5))) })
        #expect(throwsError(.truncatedMetadata(key: "x.count")) { try open(Array(bytes.dropLast(2))) })
    }

    @Test func truncatedTensorInfoNamesTheTensor() {
        var g = TestGGUF()
        let longName = "blk.0.a_tensor_name_long_enough_to_cut_inside_it_and_still_leave_room.weight.xyz"
        g.addF32(longName, [4, 4])
        g.addF32("blk.0.attn_q.weight", [4, 4])
        let bytes = g.headerBytes()
        #expect(throwsError(.truncatedTensorInfo(tensor: "#0")) { try open(Array(bytes.prefix(24 + 8 + 72))) })
        #expect(throwsError(.truncatedTensorInfo(tensor: "blk.0.attn_q.weight")) { try open(Array(bytes.dropLast(5))) })
    }

    @Test func hugeCountsAndLengthsAreRejectedBeforeAllocating() {
        #expect(throwsError(where: { if case .oversizedLength(context: "tensor count", _, _) = $0 { true } else { false } }) {
            try open(header(tensors: 1 << 60).bytes + [UInt8](repeating: 0, count: 64))
        })
        #expect(throwsError(where: { if case .oversizedLength(context: "metadata count", _, _) = $0 { true } else { false } }) {
            try open(header(metadata: UInt64.max).bytes)
        })
        var w = header(metadata: 1)
        w.u64(1 << 40)  // key length
        w.bytes += [UInt8](repeating: 65, count: 32)
        #expect(throwsError(.oversizedLength(context: "metadata key #0", length: 1 << 40, limit: UInt64(GGUFFile.Limits.maxKeyLength))) {
            try open(w.bytes)
        })
        var s = header(metadata: 1)
        s.string("k"); s.u32(8); s.u64(1 << 20)  // string value longer than the file
        #expect(throwsError(.truncatedMetadata(key: "k")) { try open(s.bytes + [1, 2, 3]) })
        var big = header(metadata: 1)
        big.string("k"); big.u32(8); big.u64(UInt64.max)
        #expect(throwsError(where: { if case .oversizedLength = $0 { true } else { false } }) { try open(big.bytes) })
        var a = header(metadata: 1)
        a.string("tokens"); a.u32(9); a.u32(8); a.u64(1 << 50)  // array of 2^50 strings
        #expect(throwsError(.oversizedLength(context: "metadata 'tokens' array length", length: 1 << 50, limit: 0)) {
            try open(a.bytes)
        })
        var t = header(tensors: 1)
        t.u64(1 << 33)  // tensor name length
        t.bytes += [UInt8](repeating: 0, count: 40)
        #expect(throwsError(where: { if case .oversizedLength(context: "tensor name #0", _, _) = $0 { true } else { false } }) {
            try open(t.bytes)
        })
    }

    @Test func unknownMetadataTypesAreRejected() {
        var w = header(metadata: 1)
        w.string("weird"); w.u32(13); w.u64(0)
        #expect(throwsError(.unknownMetadataType(key: "weird", rawType: 13)) { try open(w.bytes) })
        var a = header(metadata: 1)
        a.string("arr"); a.u32(9); a.u32(99); a.u64(1); a.u64(0)
        #expect(throwsError(.unknownMetadataType(key: "arr", rawType: 99)) { try open(a.bytes) })
    }

    @Test func deeplyNestedArraysAreRejected() {
        var w = header(metadata: 1)
        w.string("deep"); w.u32(9)
        for _ in 0..<40 { w.u32(9); w.u64(1) }
        w.bytes += [UInt8](repeating: 0, count: 64)
        #expect(throwsError(.nestingTooDeep(key: "deep", depth: GGUFFile.Limits.maxArrayDepth)) { try open(w.bytes) })
    }

    @Test func duplicateKeysAndTensorsAreRejected() {
        var g = TestGGUF()
        g.add("a", u32: 1); g.add("a", u32: 2)
        #expect(throwsError(.duplicateKey("a")) { try open(g.encoded()) })
        var t = TestGGUF()
        t.addF32("w", [4]); t.addF32("w", [4])
        #expect(throwsError(.duplicateTensor("w")) { try open(t.encoded()) })
    }

    @Test func invalidAlignmentIsRejected() {
        for a: UInt32 in [0, 3, 48, 1 << 20] {
            var g = TestGGUF()
            g.add("general.alignment", u32: a)
            #expect(throwsError(where: { if case .invalidAlignment = $0 { true } else { false } }) { try open(g.encoded()) })
        }
        var s = TestGGUF()
        s.add("general.alignment", string: "32")
        #expect(throwsError(where: { if case .invalidAlignment = $0 { true } else { false } }) { try open(s.encoded()) })
    }

    @Test func malformedTensorInfosAreRejected() {
        for rank in [0, 5] {
            var g = TestGGUF()
            g.tensors = [.init(name: "t", dimensions: Array(repeating: 1, count: rank), type: 0, offset: 0)]
            #expect(throwsError(where: { if case .invalidTensorInfo(tensor: "t", _) = $0 { true } else { false } }) {
                try open(g.encoded() + [UInt8](repeating: 0, count: 64))
            })
        }
        var huge = TestGGUF()
        huge.tensors = [.init(name: "t", dimensions: [1 << 40, 1 << 40], type: 0, offset: 0)]
        #expect(throwsError(where: { if case .invalidTensorInfo(tensor: "t", _) = $0 { true } else { false } }) { try open(huge.encoded()) })
        var overflow = TestGGUF()
        overflow.tensors = [.init(name: "t", dimensions: [1 << 30, 1 << 30, 1 << 30], type: 0, offset: 0)]
        #expect(throwsError(where: { if case .invalidTensorInfo(tensor: "t", _) = $0 { true } else { false } }) { try open(overflow.encoded()) })
        var block = TestGGUF()
        block.addTensor("q", dimensions: [16], type: .q8_0, payload: [UInt8](repeating: 0, count: 34))
        #expect(throwsError(where: { if case .invalidTensorInfo(tensor: "q", _) = $0 { true } else { false } }) { try open(block.encoded()) })
    }

    @Test func unknownTensorTypesAreRejected() {
        for raw: UInt32 in [4, 5, 31, 200, UInt32.max] {
            var g = TestGGUF()
            g.addF32("t", [8])
            g.tensors[0].type = raw
            #expect(throwsError(.unknownTensorType(tensor: "t", rawType: raw)) { try open(g.encoded()) })
        }
    }

    @Test func misalignedOffsetsAreRejected() {
        var g = TestGGUF()
        g.addF32("t", [8])
        g.tensors[0].offset = 4
        g.data += [0, 0, 0, 0]
        #expect(throwsError(.misalignedTensorOffset(tensor: "t", offset: 4, alignment: 32)) { try open(g.encoded()) })
    }

    @Test func dataPastTheEndOfTheFileIsRejected() {
        var g = TestGGUF()
        g.addF32("t", [8])
        let full = g.encoded()
        #expect(throwsError(where: { if case .tensorOutOfBounds(tensor: "t", _, 32, _) = $0 { true } else { false } }) {
            try open(Array(full.dropLast(1)))
        })
        g.tensors[0].offset = 1 << 62
        #expect(throwsError(where: { if case .tensorOutOfBounds(tensor: "t", 1 << 62, _, _) = $0 { true } else { false } }) {
            try open(g.encoded())
        })
    }

    @Test func overlappingTensorsAreRejected() {
        var g = TestGGUF()
        g.addF32("a", [16]); g.addF32("b", [8])
        g.tensors[1].offset = 32
        #expect(throwsError(.overlappingTensors("a", "b")) { try open(g.encoded()) })
    }

    @Test func missingFilesAreReportedNotTrapped() {
        #expect(throwsError(where: { if case .cannotOpen = $0 { true } else { false } }) {
            _ = try GGUFFile(path: "/nonexistent/model.gguf")
        })
        #expect(throwsError(where: { if case .cannotOpen = $0 { true } else { false } }) {
            _ = try GGUFFile(path: modelsDirectory)
        })
    }

    @Test func missingArchitectureKeysAreNamed() {
        for key in ["llama.block_count", "llama.embedding_length", "llama.feed_forward_length",
                    "llama.attention.head_count", "llama.attention.layer_norm_rms_epsilon"] {
            let bytes = tinyLlama(omitKey: key).encoded()
            #expect(throwsError(.missingKey(key)) { _ = try GGUFImporter.importModel(GGUFFile(bytes: bytes), seqLen: 4) })
        }
        var noArch = TestGGUF()
        noArch.addF32("t", [4])
        #expect(throwsError(.missingKey("general.architecture")) { _ = try GGUFImporter.importModel(GGUFFile(bytes: noArch.encoded()), seqLen: 4) })
        let gpt2 = tinyLlama(arch: "gpt2").encoded()
        #expect(throwsError(.unsupportedArchitecture("gpt2")) { _ = try GGUFImporter.importModel(GGUFFile(bytes: gpt2), seqLen: 4) })
    }

    @Test func badHyperparametersAreRejected() {
        var g = tinyLlama()
        g.metadata.removeAll { $0.0 == "llama.attention.head_count_kv" }
        g.add("llama.attention.head_count_kv", u32: 3)
        #expect(throwsError(where: { if case .invalidMetadataValue(key: "llama.attention.head_count_kv", _) = $0 { true } else { false } }) {
            _ = try GGUFImporter.importModel(GGUFFile(bytes: g.encoded()), seqLen: 4)
        })
        var s = tinyLlama()
        s.metadata.removeAll { $0.0 == "llama.block_count" }
        s.add("llama.block_count", string: "two")
        #expect(throwsError(where: { if case .invalidMetadataValue(key: "llama.block_count", _) = $0 { true } else { false } }) {
            _ = try GGUFImporter.importModel(GGUFFile(bytes: s.encoded()), seqLen: 4)
        })
    }

    @Test func tensorShapesDisagreeingWithMetadataAreRejected() {
        let bytes = tinyLlama(override: ["blk.0.attn_k.weight": [8, 8]]).encoded()
        #expect(throwsError(.tensorShapeMismatch(tensor: "blk.0.attn_k.weight", expected: [4, 8], actual: [8, 8])) {
            _ = try GGUFImporter.importModel(GGUFFile(bytes: bytes), seqLen: 4)
        })
        let embd = tinyLlama(override: ["token_embd.weight": [6, 10]]).encoded()
        #expect(throwsError(where: { if case .tensorShapeMismatch(tensor: "token_embd.weight", _, _) = $0 { true } else { false } }) {
            _ = try GGUFImporter.importModel(GGUFFile(bytes: embd), seqLen: 4)
        })
        let missing = tinyLlama(omitTensor: "blk.0.ffn_up.weight").encoded()
        #expect(throwsError(.missingTensor("blk.0.ffn_up.weight")) {
            _ = try GGUFImporter.importModel(GGUFFile(bytes: missing), seqLen: 4)
        })
    }

    @Test func badSequenceLengthsAreRejected() throws {
        let file = try GGUFFile(bytes: tinyLlama().encoded())
        for n in [0, -3, 33] {
            #expect(throwsError(where: { if case .invalidSequenceLength(n, _) = $0 { true } else { false } }) {
                _ = try GGUFImporter.importModel(file, seqLen: n)
            })
        }
    }
}
