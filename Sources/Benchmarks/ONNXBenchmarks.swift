import Foundation
import ONNXImport
import Passes
import TensorIR

/// `onnx-import`: import time and peak memory for a ~100 MB ONNX model written at bench time.
public enum ONNXBenchmarks {
    public static let suite = BenchmarkSuite(name: "onnx-import") { quick in
        let layers = quick ? 4 : 25, width = 1024
        let dir = NSTemporaryDirectory() + "zkc-onnx-bench-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big.onnx"
        guard let weightBytes = try? writeChainModel(path: path, layers: layers, width: width) else {
            return [BenchmarkResult(name: "onnx-import: could not write the model", value: 0, unit: "")]
        }
        // Reset the peak-RSS counter so VmHWM measures the import alone.
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        let baseline = Double(status("VmRSS:") ?? 0)
        var module: Module?
        let seconds = Stopwatch.seconds { module = try? ONNXImporter.load(path: path) }
        var canonicalized = true
        let canonicalizeSeconds = Stopwatch.seconds {
            guard var m = module else { return }
            do { try PassManager(names: ["canonicalize"]).run(&m) } catch { canonicalized = false }
            module = m
        }
        let peak = Double(status("VmHWM:") ?? 0)
        blackHole(module?.constants.count)
        let mb = Double(weightBytes) / 1e6
        return [
            BenchmarkResult(name: "onnx-import \(Int(mb)) MB (\(layers) × \(width)² f32) time", value: seconds, unit: "s",
                            target: quick ? nil : 2),
            BenchmarkResult(name: "canonicalize (verified before/after)", value: canonicalizeSeconds * 1e3, unit: "ms"),
            BenchmarkResult(name: "import + canonicalize", value: seconds + canonicalizeSeconds, unit: "s", target: quick ? nil : 2),
            BenchmarkResult(name: "onnx-import peak RSS growth over import + canonicalize", value: (peak - baseline) / 1e6, unit: "MB",
                            target: 2 * mb),
            BenchmarkResult(name: "onnx-import peak RSS (VmHWM, whole process)", value: peak / 1e6, unit: "MB"),
            BenchmarkResult(name: "onnx-import imported and canonicalized ok", value: module != nil && canonicalized ? 1 : 0, unit: "", target: 1, lowerIsBetter: false),
        ]
    }

    /// A `/proc/self/status` memory line (e.g. "VmHWM:") in bytes.
    static func status(_ key: String) -> Int? {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in s.split(separator: "\n") where line.hasPrefix(key) {
            let kb = line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
            return kb.map { $0 * 1024 }
        }
        return nil
    }

    /// Writes a MatMul chain x[1, w] · W0 · … · W(n−1) with w×w float weights in raw_data,
    /// streaming each weight to disk. Returns the weight bytes.
    static func writeChainModel(path: String, layers: Int, width: Int) throws -> Int {
        var nodes: [UInt8] = [], inits: [[UInt8]] = []
        let raw = width * width * 4
        for i in 0..<layers {
            var n = PB()
            n.string(1, i == 0 ? "x" : "h\(i)")
            n.string(1, "w\(i)")
            n.string(2, i == layers - 1 ? "y" : "h\(i + 1)")
            n.string(3, "/layer\(i)/MatMul")
            n.string(4, "MatMul")
            var g = PB(); g.message(1, n.bytes); nodes += g.bytes
            var t = PB()
            t.varint(1, UInt64(width)); t.varint(1, UInt64(width)); t.varint(2, 1); t.string(8, "w\(i)")
            t.tag(9, 2); t.rawVarint(UInt64(raw))
            inits.append(t.bytes)
        }
        func valueInfo(_ field: Int, _ name: String) -> [UInt8] {
            var dim1 = PB(); dim1.varint(1, 1)
            var dimW = PB(); dimW.varint(1, UInt64(width))
            var shape = PB(); shape.message(1, dim1.bytes); shape.message(1, dimW.bytes)
            var tensor = PB(); tensor.varint(1, 1); tensor.message(2, shape.bytes)
            var type = PB(); type.message(1, tensor.bytes)
            var v = PB(); v.string(1, name); v.message(2, type.bytes)
            var g = PB(); g.message(field, v.bytes)
            return g.bytes
        }
        var rest = PB(); rest.string(2, "chain")
        let tail = rest.bytes + valueInfo(11, "x") + valueInfo(12, "y")
        var graphLen = nodes.count + tail.count
        for h in inits { graphLen += 1 + PB.varintSize(UInt64(h.count + raw)) + h.count + raw }
        var head = PB()
        head.varint(1, 8)
        var opset = PB(); opset.string(1, ""); opset.varint(2, 17)
        head.message(8, opset.bytes)
        head.tag(7, 2); head.rawVarint(UInt64(graphLen))
        guard FileManager.default.createFile(atPath: path, contents: Data(head.bytes + nodes + tail)),
              let fh = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? fh.close() }
        try fh.seekToEnd()
        var rng: UInt64 = 1
        var weights = [Float](repeating: 0, count: width * width)
        for h in inits {
            var wrap = PB(); wrap.tag(5, 2); wrap.rawVarint(UInt64(h.count + raw))
            try fh.write(contentsOf: Data(wrap.bytes + h))
            for j in weights.indices {
                rng = rng &* 6364136223846793005 &+ 1442695040888963407
                weights[j] = Float(Int32(truncatingIfNeeded: rng >> 32)) / Float(Int32.max) / Float(width)
            }
            try weights.withUnsafeBytes { try fh.write(contentsOf: Data($0)) }
        }
        return layers * raw
    }
}

/// A minimal protobuf wire-format writer (enough to emit an ONNX ModelProto).
struct PB {
    var bytes: [UInt8] = []

    static func varintSize(_ v: UInt64) -> Int {
        var n = 1, x = v
        while x >= 0x80 { x >>= 7; n += 1 }
        return n
    }

    mutating func rawVarint(_ v: UInt64) {
        var x = v
        while x >= 0x80 { bytes.append(UInt8(x & 0x7F) | 0x80); x >>= 7 }
        bytes.append(UInt8(x))
    }

    mutating func tag(_ field: Int, _ wire: Int) { rawVarint(UInt64(field << 3 | wire)) }
    mutating func varint(_ field: Int, _ v: UInt64) { tag(field, 0); rawVarint(v) }
    mutating func message(_ field: Int, _ b: [UInt8]) { tag(field, 2); rawVarint(UInt64(b.count)); bytes += b }
    mutating func string(_ field: Int, _ s: String) { message(field, Array(s.utf8)) }
}
