import Fields
import Foundation
import Testing
@testable import GGUFImport

@Suite struct DequantizationTests {
    @Test func halfPrecisionBitsConvertExactly() {
        #expect(Dequantization.halfToFloat(0x3C00) == 1)
        #expect(Dequantization.halfToFloat(0xC000) == -2)
        #expect(Dequantization.halfToFloat(0x7BFF) == 65504)
        #expect(Dequantization.halfToFloat(0x0001) == 0x1p-24)
        #expect(Dequantization.halfToFloat(0x03FF) == 1023 * 0x1p-24)
        #expect(Dequantization.halfToFloat(0x0400) == 0x1p-14)
        #expect(Dequantization.halfToFloat(0x8000).sign == .minus)
        #expect(Dequantization.halfToFloat(0x7C00) == .infinity)
        #expect(Dequantization.halfToFloat(0x7E00).isNaN)
        #expect(Dequantization.halfToFloat(0x3555) == 0.333251953125)
        #expect(Dequantization.bfloat16ToFloat(0x3FC0) == 1.5)
    }

    /// Decodes `payload` as one tensor of `type` with `ne = [count]` in a one-tensor file.
    func decode(_ type: GGMLType, count: Int, payload: [UInt8]) throws -> [Float] {
        var g = TestGGUF()
        g.addTensor("t", dimensions: [count], type: type, payload: payload)
        return try GGUFFile(bytes: g.encoded()).floats(ofTensor: "t")
    }

    @Test func handBuiltQ8_0BlockDecodes() throws {
        var w = ByteWriter()
        w.u16(0x3800)  // d = 0.5
        let qs: [Int8] = [-128, -1, 0, 1, 127] + Array(repeating: 2, count: 27)
        for q in qs { w.u8(UInt8(bitPattern: q)) }
        let x = try decode(.q8_0, count: 32, payload: w.bytes)
        #expect(Array(x.prefix(6)) == [-64, -0.5, 0, 0.5, 63.5, 1])
    }

    @Test func handBuiltQ4_0BlockDecodesLowNibblesFirst() throws {
        var w = ByteWriter()
        w.u16(0x4000)  // d = 2
        for i in 0..<16 { w.u8(UInt8(i) | UInt8(15 - i) << 4) }
        let x = try decode(.q4_0, count: 32, payload: w.bytes)
        for i in 0..<16 {
            #expect(x[i] == 2 * Float(i - 8))
            #expect(x[i + 16] == 2 * Float(7 - i))
        }
    }

    @Test func handBuiltF16AndBF16Decode() throws {
        var h = ByteWriter(); h.u16(0x3C00); h.u16(0xBC00)
        #expect(try decode(.f16, count: 2, payload: h.bytes) == [1, -1])
        var b = ByteWriter(); b.u16(0x4040); b.u16(0xC0A0)
        #expect(try decode(.bf16, count: 2, payload: b.bytes) == [3, -5])
    }

    /// TQ2_0 block from the documented layout: element 128j + 32l + m = ((qs[32j+m] >> 2l) & 3) − 1.
    @Test func handBuiltTQ2_0BlockDecodesToExactCodes() throws {
        var qs = [UInt8](repeating: 0x55, count: 64)   // every field 1 → code 0
        qs[0] = 0b10_01_00_10                           // l = 0…3: 2, 0, 1, 2
        qs[32] = 0b00_00_00_01                          // j = 1, m = 0: 1, 0, 0, 0
        qs[63] = 0b00_10_01_10                          // j = 1, m = 31: 2, 1, 2, 0
        var bytes = qs
        bytes += [0x00, 0x3C]                           // d = 1.0
        let (codes, scales) = try TernaryDecoding.decode(.tq2_0, bytes: bytes)
        #expect(scales == [1])
        var expected = [Int8](repeating: 0, count: 256)
        expected[0] = 1; expected[32] = -1; expected[64] = 0; expected[96] = 1
        expected[128] = 0; expected[160] = -1; expected[192] = -1; expected[224] = -1
        expected[159] = 1; expected[191] = 0; expected[223] = 1; expected[255] = -1
        #expect(codes == expected)
    }

    @Test func tq2_0FieldValueThreeIsRejectedWithItsBlock() {
        var bytes = [UInt8](repeating: 0x55, count: 64) + [0, 0x3C]
        bytes += [UInt8](repeating: 0x55, count: 64) + [0, 0x3C]
        bytes[66 + 17] = 0b0011_0101
        #expect(throwsError(.invalidTernaryCode(tensor: "<bytes>", block: 1)) {
            _ = try TernaryDecoding.decode(.tq2_0, bytes: bytes)
        })
    }

    /// TQ1_0 block from the documented layout: digit n of byte q is ((q·3ⁿ mod 256)·3) >> 8.
    /// Byte 187 encodes digits (2, 0, 1, 2, 0) = 177/243; byte 80 encodes (0, 2, 2, 1) = 75/243;
    /// 128 encodes (1, 1, 1, 1, 1) and 127 encodes (1, 1, 1, 1) (derived by hand).
    @Test func handBuiltTQ1_0BlockDecodesToExactCodes() throws {
        var qs = [UInt8](repeating: 128, count: 48)
        qs[0] = 187
        qs[32] = 187
        var qh = [UInt8](repeating: 127, count: 4)
        qh[0] = 80
        let bytes = qs + qh + [0x00, 0xB8]  // d = −0.5
        let (codes, scales) = try TernaryDecoding.decode(.tq1_0, bytes: bytes)
        #expect(scales == [-0.5])
        var expected = [Int8](repeating: 0, count: 256)
        for (n, code) in [1, -1, 0, 1, -1].enumerated() {
            expected[32 * n] = Int8(code)         // qs[0]
            expected[160 + 16 * n] = Int8(code)   // qs[32]
        }
        for (n, code) in [-1, 1, 1, 0].enumerated() { expected[240 + 4 * n] = Int8(code) }
        #expect(codes == expected)
    }

    @Test func ternaryRoundTripsThroughAnIndependentEncoder() throws {
        var rng = SplitMix64(seed: 7)
        let blocks = 5
        let codes = (0..<(256 * blocks)).map { _ in Int8(Int(rng.next() % 3) - 1) }
        let scales: [UInt16] = [0x3C00, 0x2E66, 0x0000, 0xB800, 0x1400]
        let tq2 = encodeTQ2(codes, scales: scales)
        let tq1 = encodeTQ1(codes, scales: scales)
        #expect(tq2.count == 66 * blocks && tq1.count == 54 * blocks)
        let a = try TernaryDecoding.decode(.tq2_0, bytes: tq2)
        let b = try TernaryDecoding.decode(.tq1_0, bytes: tq1)
        #expect(a.codes == codes)
        #expect(b.codes == codes)
        #expect(a.scales == scales.map(Dequantization.halfToFloat))
        #expect(b.scales == a.scales)
    }

    @Test func largeTernaryTensorsDecodeInParallelChunksIdentically() throws {
        var rng = SplitMix64(seed: 11)
        let blocks = (1 << 14) + 3  // more than one parallel chunk
        let codes = (0..<(256 * blocks)).map { _ in Int8(Int(rng.next() % 3) - 1) }
        let scales = [UInt16](repeating: 0x3C00, count: blocks)
        let decoded = try TernaryDecoding.decode(.tq2_0, bytes: encodeTQ2(codes, scales: scales))
        #expect(decoded.codes == codes)
        var broken = encodeTQ2(codes, scales: scales)
        broken[66 * (blocks - 2) + 5] = 0xFF
        #expect(throwsError(.invalidTernaryCode(tensor: "<bytes>", block: blocks - 2)) {
            _ = try TernaryDecoding.decode(.tq2_0, bytes: broken)
        })
    }

    @Test(arguments: modelNames + ["dequant_types"])
    func decodingAgreesWithThePythonPackage(name: String) throws {
        let file = try GGUFFile(path: modelPath(name))
        let stats = try loadJSON(name + ".dequant.json")
        for t in file.tensors {
            let entry = try #require(stats[t.name] as? [String: Any])
            let x = try file.floats(ofTensor: t.name)
            #expect(x.count == entry["count"] as? Int)
            let head = try #require(entry["head"] as? [Double])
            // Compared as Float: Foundation's JSON number parsing is not always correctly rounded.
            #expect(Array(x.prefix(head.count)) == head.map { Float($0) }, "\(t.name)")
            let sum = x.reduce(0.0) { $0 + Double($1) }
            let sumsq = x.reduce(0.0) { $0 + Double($1) * Double($1) }
            let refSum = try #require(entry["sum"] as? Double), refSumsq = try #require(entry["sumsq"] as? Double)
            #expect(abs(sum - refSum) <= 1e-9 * max(1, refSumsq), "\(t.name)")
            #expect(abs(sumsq - refSumsq) <= 1e-9 * max(1, refSumsq), "\(t.name)")
            if let codeStats = entry["codes"] as? [String: Int] {
                let (codes, _) = try file.ternary(ofTensor: t.name)
                #expect(codes.filter { $0 == -1 }.count == codeStats["minus"])
                #expect(codes.filter { $0 == 0 }.count == codeStats["zero"])
                #expect(codes.filter { $0 == 1 }.count == codeStats["plus"])
                let weighted = codes.enumerated().reduce(0) { $0 + Int($1.element) * ($1.offset % 1009 + 1) }
                #expect(weighted == codeStats["weighted"], "\(t.name)")
            }
        }
    }

    @Test func typesWithoutADecoderAreReportedNotTrapped() {
        var g = TestGGUF()
        g.addTensor("k", dimensions: [256], type: .q4_K, payload: [UInt8](repeating: 0, count: 144))
        #expect(throwsError(.unsupportedTensorType(tensor: "k", type: "Q4_K", detail: "no decoder for this type")) {
            _ = try GGUFFile(bytes: g.encoded()).floats(ofTensor: "k")
        })
        #expect(throwsError(where: { if case .unsupportedTensorType = $0 { true } else { false } }) {
            _ = try GGUFFile(bytes: g.encoded()).ternary(ofTensor: "k")
        })
    }
}

/// TQ2_0 encoder written from ggml's layout (quantize_row_tq2_0_ref), for round trips.
func encodeTQ2(_ codes: [Int8], scales: [UInt16]) -> [UInt8] {
    var out: [UInt8] = []
    for b in 0..<scales.count {
        let c = codes[(256 * b)..<(256 * b + 256)].map { UInt8($0 + 1) }
        for j in 0..<2 {
            for m in 0..<32 {
                var q: UInt8 = 0
                for l in 0..<4 { q |= c[c.startIndex + 128 * j + 32 * l + m] << (2 * l) }
                out.append(q)
            }
        }
        out += [UInt8(scales[b] & 0xFF), UInt8(scales[b] >> 8)]
    }
    return out
}

/// TQ1_0 encoder written from ggml's layout (quantize_row_tq1_0_ref): digits packed base 3,
/// most significant first, then scaled to a byte with ceil(v·256/243).
func encodeTQ1(_ codes: [Int8], scales: [UInt16]) -> [UInt8] {
    var out: [UInt8] = []
    func pack(_ digits: [Int]) -> UInt8 {
        let v = digits.reduce(0) { $0 * 3 + $1 } * (digits.count == 4 ? 3 : 1)
        return UInt8((v * 256 + 242) / 243)
    }
    for b in 0..<scales.count {
        let c = codes[(256 * b)..<(256 * b + 256)].map { Int($0) + 1 }
        let base = c.startIndex
        for m in 0..<32 { out.append(pack((0..<5).map { c[base + 32 * $0 + m] })) }
        for m in 0..<16 { out.append(pack((0..<5).map { c[base + 160 + 16 * $0 + m] })) }
        for j in 0..<4 { out.append(pack((0..<4).map { c[base + 240 + 4 * $0 + j] })) }
        out += [UInt8(scales[b] & 0xFF), UInt8(scales[b] >> 8)]
    }
    return out
}
