/// Decoders from ggml block formats to `Float` (layouts from ggml `ggml-common.h`).
///
/// | type  | block | bytes | layout                                                        |
/// |-------|-------|-------|---------------------------------------------------------------|
/// | F32   | 1     | 4     | IEEE binary32                                                 |
/// | F16   | 1     | 2     | IEEE binary16                                                 |
/// | BF16  | 1     | 2     | upper half of a binary32                                      |
/// | Q8_0  | 32    | 34    | d: f16, qs: int8[32];            x[i] = d·qs[i]               |
/// | Q4_0  | 32    | 18    | d: f16, qs: u8[16]; x[i] = d·((qs[i] & 15) − 8),              |
/// |       |       |       |                     x[i+16] = d·((qs[i] >> 4) − 8)            |
/// | TQ2_0 | 256   | 66    | see `TernaryDecoding`                                         |
/// | TQ1_0 | 256   | 54    | see `TernaryDecoding`                                         |
public enum Dequantization {
    /// IEEE binary16 bits → Float (exact; subnormals, infinities and NaN preserved).
    @inlinable
    public static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = UInt32(h >> 10) & 0x1F
        let mantissa = UInt32(h & 0x3FF)
        if exponent == 0x1F {
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        }
        if exponent == 0 {
            // Subnormal or zero: mantissa · 2^−24, exact in binary32.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        }
        return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
    }

    /// bfloat16 bits → Float (exact).
    @inlinable
    public static func bfloat16ToFloat(_ b: UInt16) -> Float { Float(bitPattern: UInt32(b) << 16) }

    /// Decodes `count` elements of type `type` from `bytes` into `out`.
    ///
    /// - Precondition: `bytes` holds exactly the encoding of `count` elements (`count` a multiple
    ///   of the block size) and `out.count == count`; the caller derives both from a validated
    ///   tensor info.
    static func decode(
        _ type: GGMLType, _ bytes: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<Float>, tensor: String
    ) throws(GGUFError) {
        let count = out.count
        precondition(count % type.blockSize == 0 && bytes.count == count / type.blockSize * type.bytesPerBlock)
        guard count > 0 else { return }
        switch type {
        case .f32:
            for i in 0..<count { out[i] = Float(bitPattern: bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).littleEndian) }
        case .f16:
            for i in 0..<count { out[i] = halfToFloat(bytes.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian) }
        case .bf16:
            for i in 0..<count { out[i] = bfloat16ToFloat(bytes.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian) }
        case .q8_0:
            for block in 0..<(count / 32) {
                let base = block * 34
                let d = halfToFloat(bytes.loadUnaligned(fromByteOffset: base, as: UInt16.self).littleEndian)
                for i in 0..<32 { out[block * 32 + i] = d * Float(Int8(bitPattern: bytes[base + 2 + i])) }
            }
        case .q4_0:
            for block in 0..<(count / 32) {
                let base = block * 18
                let d = halfToFloat(bytes.loadUnaligned(fromByteOffset: base, as: UInt16.self).littleEndian)
                for i in 0..<16 {
                    let q = bytes[base + 2 + i]
                    out[block * 32 + i] = d * Float(Int(q & 0x0F) - 8)
                    out[block * 32 + i + 16] = d * Float(Int(q >> 4) - 8)
                }
            }
        case .tq1_0, .tq2_0:
            let blocks = count / 256
            var codes = [Int8](repeating: 0, count: count)
            var scales = [Float](repeating: 0, count: blocks)
            try codes.withUnsafeMutableBufferPointer { (c) throws(GGUFError) in
                try scales.withUnsafeMutableBufferPointer { (s) throws(GGUFError) in
                    try TernaryDecoding.decode(type, bytes, codes: c, scales: s, tensor: tensor)
                }
            }
            for i in 0..<count { out[i] = Float(codes[i]) * scales[i >> 8] }
        default:
            throw .unsupportedTensorType(tensor: tensor, type: type.description, detail: "no decoder for this type")
        }
    }
}
