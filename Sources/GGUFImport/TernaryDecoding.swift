/// Exact decoding of ggml's ternary block formats into codes in {−1, 0, +1} and one scale per
/// 256-element block. No value passes through floating point: codes are computed with integer
/// operations on the stored bytes, exactly as ggml's `dequantize_row_tq{1,2}_0` derive them
/// before multiplying by the scale.
///
/// TQ2_0 (66 bytes): `qs: u8[64]`, `d: f16`. Element `128·j + 32·l + m` (j < 2, l < 4, m < 32)
/// is `((qs[32·j + m] >> 2l) & 3) − 1`. The 2-bit value 3 encodes nothing and is rejected.
///
/// TQ1_0 (54 bytes): `qs: u8[48]`, `qh: u8[4]`, `d: f16`. Each byte packs base-3 digits as a
/// fixed-point fraction: digit n of byte q is `((q·3ⁿ mod 256)·3) >> 8`. Elements 0..<160 come
/// from `qs[0..<32]` (element `32·n + m`), 160..<240 from `qs[32..<48]` (`160 + 16·n + m`), and
/// 240..<256 from `qh` (`240 + 4·n + j`, n < 4).
public enum TernaryDecoding {
    /// Elements per block of TQ1_0 and TQ2_0.
    public static let blockSize = 256

    /// Decodes a whole tensor's bytes (a multiple of the block size) into codes and scales.
    public static func decode(_ type: GGMLType, bytes: [UInt8], tensor: String = "<bytes>") throws(GGUFError) -> (codes: [Int8], scales: [Float]) {
        guard type.isTernary else {
            throw .unsupportedTensorType(tensor: tensor, type: type.description, detail: "not a ternary type")
        }
        guard bytes.count % type.bytesPerBlock == 0 else {
            throw .invalidTensorInfo(tensor: tensor, detail: "\(bytes.count) bytes is not a whole number of \(type) blocks")
        }
        let blocks = bytes.count / type.bytesPerBlock
        var codes = [Int8](repeating: 0, count: blocks * blockSize)
        var scales = [Float](repeating: 0, count: blocks)
        var failure: GGUFError?
        bytes.withUnsafeBytes { raw in
            codes.withUnsafeMutableBufferPointer { c in
                scales.withUnsafeMutableBufferPointer { s in
                    do throws(GGUFError) {
                        try decode(type, raw, codes: c, scales: s, tensor: tensor)
                    } catch {
                        failure = error
                    }
                }
            }
        }
        if let failure { throw failure }
        return (codes, scales)
    }
}
