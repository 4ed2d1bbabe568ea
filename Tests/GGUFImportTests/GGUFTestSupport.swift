import Foundation
@testable import GGUFImport

/// Models/gguf, located from this file.
let modelsDirectory: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Models/gguf").path
}()

let modelNames = ["tiny_llama_f32", "tiny_llama_q8_0", "tiny_bitnet_tq2_0", "tiny_bitnet_tq1_0"]

func modelPath(_ name: String) -> String { modelsDirectory + "/" + name + ".gguf" }

func loadJSON(_ file: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: modelsDirectory + "/" + file))
    return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
}

/// Little-endian byte assembly for hand-built GGUF files.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func f32(_ v: Float) { u32(v.bitPattern) }
    mutating func string(_ s: String) {
        u64(UInt64(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
    }
}

/// A GGUF file described field by field, so tests can build valid files and break one field.
struct TestGGUF {
    struct Tensor {
        var name: String
        var dimensions: [UInt64]
        var type: UInt32
        var offset: UInt64
    }

    var version: UInt32 = 3
    /// (key, value type, encoded value).
    var metadata: [(String, UInt32, [UInt8])] = []
    var tensors: [Tensor] = []
    var alignment = 32
    var data: [UInt8] = []

    mutating func add(_ key: String, u32 v: UInt32) {
        var w = ByteWriter(); w.u32(v); metadata.append((key, 4, w.bytes))
    }
    mutating func add(_ key: String, f32 v: Float) {
        var w = ByteWriter(); w.f32(v); metadata.append((key, 6, w.bytes))
    }
    mutating func add(_ key: String, string v: String) {
        var w = ByteWriter(); w.string(v); metadata.append((key, 8, w.bytes))
    }

    /// Appends a tensor whose data is `payload`, padded to the alignment.
    mutating func addTensor(_ name: String, dimensions: [Int], type: GGMLType, payload: [UInt8]) {
        while data.count % alignment != 0 { data.append(0) }
        tensors.append(Tensor(name: name, dimensions: dimensions.map(UInt64.init), type: type.rawValue, offset: UInt64(data.count)))
        data.append(contentsOf: payload)
    }

    /// An F32 tensor of `ne` = `dimensions` filled by `value(i)`.
    mutating func addF32(_ name: String, _ dimensions: [Int], value: (Int) -> Float = { _ in 0.5 }) {
        var w = ByteWriter()
        for i in 0..<dimensions.reduce(1, *) { w.f32(value(i)) }
        addTensor(name, dimensions: dimensions, type: .f32, payload: w.bytes)
    }

    /// Header, metadata and tensor infos (without padding or data).
    func headerBytes() -> [UInt8] {
        var w = ByteWriter()
        w.bytes.append(contentsOf: Array("GGUF".utf8))
        w.u32(version)
        w.u64(UInt64(tensors.count))
        w.u64(UInt64(metadata.count))
        for (key, type, value) in metadata {
            w.string(key)
            w.u32(type)
            w.bytes.append(contentsOf: value)
        }
        for t in tensors {
            w.string(t.name)
            w.u32(UInt32(t.dimensions.count))
            for d in t.dimensions { w.u64(d) }
            w.u32(t.type)
            w.u64(t.offset)
        }
        return w.bytes
    }

    func encoded() -> [UInt8] {
        var bytes = headerBytes()
        while bytes.count % alignment != 0 { bytes.append(0) }
        return bytes + data
    }
}

/// A small valid llama file: `layers` blocks, width `d`, `heads`/`kvHeads`, FFN `ffn`, vocab `vocab`.
func tinyLlama(
    arch: String = "llama", layers: Int = 1, d: Int = 8, heads: Int = 2, kvHeads: Int = 1, ffn: Int = 16, vocab: Int = 10,
    tied: Bool = false, omitKey: String? = nil, omitTensor: String? = nil, override: [String: [Int]] = [:]
) -> TestGGUF {
    var g = TestGGUF()
    g.add("general.architecture", string: arch)
    let keys: [(String, UInt32)] = [
        ("\(arch).block_count", UInt32(layers)), ("\(arch).embedding_length", UInt32(d)),
        ("\(arch).feed_forward_length", UInt32(ffn)), ("\(arch).attention.head_count", UInt32(heads)),
        ("\(arch).attention.head_count_kv", UInt32(kvHeads)), ("\(arch).context_length", 32),
    ]
    for (k, v) in keys where k != omitKey { g.add(k, u32: v) }
    if omitKey != "\(arch).attention.layer_norm_rms_epsilon" { g.add("\(arch).attention.layer_norm_rms_epsilon", f32: 1e-5) }
    let dh = d / heads
    var tensors: [(String, [Int])] = [("token_embd.weight", [d, vocab])]
    for i in 0..<layers {
        let p = "blk.\(i)."
        tensors += [(p + "attn_norm.weight", [d]), (p + "attn_q.weight", [d, heads * dh]), (p + "attn_k.weight", [d, kvHeads * dh]),
                    (p + "attn_v.weight", [d, kvHeads * dh]), (p + "attn_output.weight", [heads * dh, d]),
                    (p + "ffn_norm.weight", [d]), (p + "ffn_gate.weight", [d, ffn]), (p + "ffn_up.weight", [d, ffn]),
                    (p + "ffn_down.weight", [ffn, d])]
        if arch == "bitnet" { tensors += [(p + "attn_sub_norm.weight", [heads * dh]), (p + "ffn_sub_norm.weight", [ffn])] }
    }
    tensors.append(("output_norm.weight", [d]))
    if !tied { tensors.append(("output.weight", [d, vocab])) }
    for (name, dims) in tensors where name != omitTensor {
        g.addF32(name, override[name] ?? dims) { i in Float(i % 7) * 0.01 }
    }
    return g
}

/// Expects `body` to throw exactly `expected`.
func throwsError(_ expected: GGUFError, _ body: () throws -> Void) -> Bool {
    do {
        try body()
        return false
    } catch let error as GGUFError {
        if error != expected { print("expected \(expected), got \(error)") }
        return error == expected
    } catch {
        return false
    }
}

/// Same, matching only the case via `predicate`.
func throwsError(where predicate: (GGUFError) -> Bool, _ body: () throws -> Void) -> Bool {
    do {
        try body()
        return false
    } catch let error as GGUFError {
        if !predicate(error) { print("unexpected \(error)") }
        return predicate(error)
    } catch {
        return false
    }
}
