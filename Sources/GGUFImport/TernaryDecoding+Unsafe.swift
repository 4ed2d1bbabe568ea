import Dispatch

/// The pointer-level kernels behind `TernaryDecoding`.
extension TernaryDecoding {
    /// Decodes into caller-provided buffers, in parallel for large tensors.
    ///
    /// - Precondition: `bytes.count == blocks · bytesPerBlock`, `codes.count == 256 · blocks`,
    ///   `scales.count == blocks`.
    static func decode(
        _ type: GGMLType, _ bytes: UnsafeRawBufferPointer,
        codes: UnsafeMutableBufferPointer<Int8>, scales: UnsafeMutableBufferPointer<Float>, tensor: String
    ) throws(GGUFError) {
        let blocks = scales.count
        precondition(type.isTernary && bytes.count == blocks * type.bytesPerBlock && codes.count == blocks * blockSize)
        guard blocks > 0, let src = bytes.baseAddress, let dst = codes.baseAddress, let sc = scales.baseAddress else { return }
        let chunkBlocks = 1 << 14  // 4 Mi codes per task
        let chunks = (blocks + chunkBlocks - 1) / chunkBlocks
        let firstBad = UnsafeMutableBufferPointer<Int>.allocate(capacity: chunks)
        defer { firstBad.deallocate() }
        let work = DecodeJob(type: type, src: src, dst: dst, scales: sc, firstBad: firstBad.baseAddress!)
        let run: @Sendable (Int) -> Void = { c in
            let range = (c * chunkBlocks)..<min(blocks, (c + 1) * chunkBlocks)
            work.firstBad[c] = type == .tq2_0
                ? decodeTQ2(work.src, work.dst, work.scales, blocks: range)
                : decodeTQ1(work.src, work.dst, work.scales, blocks: range)
        }
        if chunks == 1 {
            run(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: chunks, execute: run)
        }
        if let bad = firstBad.first(where: { $0 >= 0 }) { throw .invalidTernaryCode(tensor: tensor, block: bad) }
    }

    /// Pointers shared by the parallel tasks, each writing a disjoint range.
    private struct DecodeJob: @unchecked Sendable {
        let type: GGMLType
        let src: UnsafeRawPointer
        let dst: UnsafeMutablePointer<Int8>
        let scales: UnsafeMutablePointer<Float>
        let firstBad: UnsafeMutablePointer<Int>
    }

    /// TQ2_0 over `blocks`; returns the first block holding a 3, or −1.
    ///
    /// Eight codes at a time (SWAR): `(v | 0x80…) − 0x01…` cannot borrow across bytes because
    /// every byte is ≥ 0x80, and `^ 0x80…` then leaves `v − 1 mod 256` in each byte.
    @inline(__always)
    static func decodeTQ2(
        _ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Int8>, _ scales: UnsafeMutablePointer<Float>, blocks: Range<Int>
    ) -> Int {
        let low2: UInt64 = 0x0303_0303_0303_0303
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        let evenBits: UInt64 = 0x5555_5555_5555_5555
        let out = UnsafeMutableRawPointer(dst)
        for b in blocks {
            let block = src + b * 66
            var bad: UInt64 = 0
            for j in 0..<2 {
                for w in 0..<4 {
                    let word = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 32 * j + 8 * w, as: UInt64.self))
                    bad |= word & (word >> 1) & evenBits
                    let base = b * 256 + 128 * j + 8 * w
                    for l in 0..<4 {
                        let v = (word >> UInt64(2 * l)) & low2
                        let codes = ((v | high) &- ones) ^ high
                        out.storeBytes(of: codes.littleEndian, toByteOffset: base + 32 * l, as: UInt64.self)
                    }
                }
            }
            scales[b] = Dequantization.halfToFloat(UInt16(littleEndian: block.loadUnaligned(fromByteOffset: 64, as: UInt16.self)))
            if bad != 0 { return b }
        }
        return -1
    }

    /// TQ1_0 over `blocks` (every byte decodes to valid digits); returns −1.
    @inline(__always)
    static func decodeTQ1(
        _ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Int8>, _ scales: UnsafeMutablePointer<Float>, blocks: Range<Int>
    ) -> Int {
        let pow3: (UInt8, UInt8, UInt8, UInt8, UInt8) = (1, 3, 9, 27, 81)
        @inline(__always) func digit(_ q: UInt8, _ n: Int) -> Int8 {
            let p: UInt8
            switch n {
            case 0: p = pow3.0
            case 1: p = pow3.1
            case 2: p = pow3.2
            case 3: p = pow3.3
            default: p = pow3.4
            }
            let shifted = q &* p
            return Int8(truncatingIfNeeded: (UInt16(shifted) &* 3) >> 8) &- 1
        }
        for b in blocks {
            let block = src.assumingMemoryBound(to: UInt8.self) + b * 54
            let out = dst + b * 256
            for n in 0..<5 {
                for m in 0..<32 { out[32 * n + m] = digit(block[m], n) }
            }
            for n in 0..<5 {
                for m in 0..<16 { out[160 + 16 * n + m] = digit(block[32 + m], n) }
            }
            for n in 0..<4 {
                for j in 0..<4 { out[240 + 4 * n + j] = digit(block[48 + j], n) }
            }
            scales[b] = Dequantization.halfToFloat(UInt16(littleEndian: UnsafeRawPointer(block).loadUnaligned(fromByteOffset: 52, as: UInt16.self)))
        }
        return -1
    }
}
