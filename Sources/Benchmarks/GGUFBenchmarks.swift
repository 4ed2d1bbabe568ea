#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GGUFImport

/// Suite "gguf": open + index of a ~1 GB synthetic GGUF file, and TQ2_0 decode throughput.
///
/// The file has a 7B-shaped layout (width 4096, FFN 11008, 32000-token vocabulary with its
/// strings and scores in the metadata) with 20 TQ2_0 layers; its data section is a hole made by
/// `ftruncate` (a valid file: zero bytes are valid TQ2_0 and Q8_0 blocks). Opening must not
/// touch the data, so the figure is the cost of the header alone.
public enum GGUFBenchmarks {
    public static let suite = BenchmarkSuite(name: "gguf") { quick in
        var results: [BenchmarkResult] = []
        let path = "/tmp/zkc-bench-\(getpid()).gguf"
        defer { unlink(path) }
        let layers = quick ? 2 : 20
        guard let size = writeSyntheticModel(path: path, layers: layers) else {
            return [BenchmarkResult(name: "gguf: could not write \(path)", value: 0, unit: "")]
        }
        var tensorCount = 0
        let open = Stopwatch.best(of: 3) {
            do {
                let file = try GGUFFile(path: path)
                tensorCount = file.tensors.count
                blackHole(file)
            } catch {
                tensorCount = -1
            }
        }
        let gb = Double(size) / 1e9
        results.append(BenchmarkResult(
            name: "open+index \(String(format1(gb))) GB GGUF (\(tensorCount) tensors, 32000-token vocab)",
            value: open, unit: "s", target: 0.5))

        // TQ2_0 decode from memory: random valid blocks (no 2-bit value 3).
        let blocks = quick ? 1 << 14 : 1 << 18
        var rng = UInt64(0x2545_F491_4F6C_DD1D)
        var bytes = [UInt8](repeating: 0, count: blocks * 66)
        for b in 0..<blocks {
            for i in 0..<64 {
                rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17
                var q: UInt8 = 0
                for l in 0..<4 { q |= UInt8((rng >> UInt64(8 * l)) % 3) << UInt8(2 * l) }
                bytes[b * 66 + i] = q
            }
            bytes[b * 66 + 64] = 0x00
            bytes[b * 66 + 65] = 0x3C
        }
        let decode = Stopwatch.best(of: 5) {
            blackHole(try? TernaryDecoding.decode(.tq2_0, bytes: bytes))
        }
        results.append(BenchmarkResult(
            name: "TQ2_0 decode, \((blocks * 256) >> 20) Mi codes (output GB/s)",
            value: Double(blocks * 256) / decode / 1e9, unit: "GB/s", target: 1, lowerIsBetter: false))
        return results
    }

    /// Writes the synthetic model; returns its size, or nil on an I/O error.
    static func writeSyntheticModel(path: String, layers: Int) -> Int? {
        let d = 4096, ffn = 11008, vocab = 32000
        var w = SimpleWriter()
        var tensors: [(String, [Int], UInt32)] = [("token_embd.weight", [d, vocab], 8)]  // Q8_0
        for i in 0..<layers {
            let p = "blk.\(i)."
            tensors += [
                (p + "attn_norm.weight", [d], 0), (p + "attn_q.weight", [d, d], 35), (p + "attn_k.weight", [d, d], 35),
                (p + "attn_v.weight", [d, d], 35), (p + "attn_output.weight", [d, d], 35), (p + "ffn_norm.weight", [d], 0),
                (p + "ffn_gate.weight", [d, ffn], 35), (p + "ffn_up.weight", [d, ffn], 35), (p + "ffn_down.weight", [ffn, d], 35),
            ]
        }
        tensors.append(("output_norm.weight", [d], 0))
        let metadata: [(String, (inout SimpleWriter) -> Void)] = [
            ("general.architecture", { $0.typedString("llama") }),
            ("general.name", { $0.typedString("synthetic-bench") }),
            ("llama.block_count", { $0.typedU32(UInt32(layers)) }),
            ("llama.context_length", { $0.typedU32(4096) }),
            ("llama.embedding_length", { $0.typedU32(UInt32(d)) }),
            ("llama.feed_forward_length", { $0.typedU32(UInt32(ffn)) }),
            ("llama.attention.head_count", { $0.typedU32(32) }),
            ("llama.attention.head_count_kv", { $0.typedU32(32) }),
            ("llama.attention.layer_norm_rms_epsilon", { $0.u32(6); $0.u32(Float(1e-5).bitPattern) }),
            ("tokenizer.ggml.tokens", { w in
                w.u32(9); w.u32(8); w.u64(UInt64(vocab))
                for t in 0..<vocab { w.string("▁tok\(t)") }
            }),
            ("tokenizer.ggml.scores", { w in
                w.u32(9); w.u32(6); w.u64(UInt64(vocab))
                for t in 0..<vocab { w.u32(Float(-t).bitPattern) }
            }),
        ]
        w.bytes += Array("GGUF".utf8)
        w.u32(3)
        w.u64(UInt64(tensors.count))
        w.u64(UInt64(metadata.count))
        for (key, write) in metadata {
            w.string(key)
            write(&w)
        }
        var offset = 0
        for (name, dims, type) in tensors {
            w.string(name)
            w.u32(UInt32(dims.count))
            for x in dims { w.u64(UInt64(x)) }
            w.u32(type)
            w.u64(UInt64(offset))
            let elements = dims.reduce(1, *)
            let bytes = type == 0 ? 4 * elements : type == 8 ? elements / 32 * 34 : elements / 256 * 66
            offset += (bytes + 31) / 32 * 32
        }
        while w.bytes.count % 32 != 0 { w.bytes.append(0) }
        let total = w.bytes.count + offset
        guard let f = fopen(path, "wb") else { return nil }
        defer { fclose(f) }
        guard fwrite(w.bytes, 1, w.bytes.count, f) == w.bytes.count else { return nil }
        fflush(f)
        guard ftruncate(fileno(f), off_t(total)) == 0 else { return nil }
        return total
    }
}

private struct SimpleWriter {
    var bytes: [UInt8] = []
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    mutating func string(_ s: String) { u64(UInt64(s.utf8.count)); bytes += Array(s.utf8) }
    mutating func typedString(_ s: String) { u32(8); string(s) }
    mutating func typedU32(_ v: UInt32) { u32(4); u32(v) }
}

private func format1(_ x: Double) -> String { "\((x * 10).rounded() / 10)" }
