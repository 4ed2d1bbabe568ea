public import Fields

extension EqTable {
    /// eq(r, x) for every x ∈ {0,1}^|r| (same layout as ``evaluations(at:)``), built on all
    /// cores as the tensor product eq(r_hi, ·) ⊗ eq(r_lo, ·) of two half-size tables: one
    /// multiplication per entry, parallel over the high index.
    public static func evaluationsInParallel(at r: [GoldilocksExt2]) -> [GoldilocksExt2] {
        if r.count < 14 { return evaluations(at: r) }
        let highCount = r.count / 2
        let high = evaluations(at: Array(r[0..<highCount]))
        let low = evaluations(at: Array(r[highCount...]))
        let lowSize = low.count
        return [GoldilocksExt2](unsafeUninitializedCapacity: 1 << r.count) { buffer, initialized in
            let out = SendablePointer(buffer.baseAddress!)
            high.withUnsafeBufferPointer { hb in
                low.withUnsafeBufferPointer { lb in
                    let h = UnsafeSendableBuffer(hb), l = UnsafeSendableBuffer(lb)
                    parallelChunks(h.count, minimumChunk: 1) { range in
                        for i in range {
                            let hi = h[i]
                            let base = out.base + i * lowSize
                            for j in 0..<lowSize { (base + j).initialize(to: hi * l[j]) }
                        }
                    }
                }
            }
            initialized = 1 << r.count
        }
    }
}
