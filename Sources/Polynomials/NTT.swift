public import Fields

/// Radix-2 number-theoretic transform over Goldilocks.
///
/// `forward` is decimation-in-frequency: natural-order coefficients in, evaluations on the
/// subgroup H = ⟨ω⟩ of order n out in *bit-reversed* order. `inverse` is decimation-in-time:
/// bit-reversed evaluations in, natural-order coefficients out. Composing them needs no
/// bit-reversal pass (DESIGN §2); callers that index evaluations use ``bitReversed(_:bits:)``.
public enum NTT {
    /// Evaluations of the polynomial with coefficients `values` on H, in bit-reversed order.
    ///
    /// - Precondition: `values.count` is a power of two ≤ 2^32.
    public static func forward(_ values: inout [Goldilocks]) {
        transform(&values, inverse: false)
    }

    /// Coefficients (natural order) of the polynomial whose bit-reversed evaluations on H are
    /// `values`.
    public static func inverse(_ values: inout [Goldilocks]) {
        transform(&values, inverse: true)
        let n = values.count
        guard n > 1 else { return }
        let nInverse = Goldilocks(UInt64(n)).inverse()!
        values.withUnsafeMutableBufferPointer { buffer in
            let p = SendablePointer(buffer.baseAddress!)
            parallelChunks(n, minimumChunk: 1 << 14) { range in
                for i in range { p[i] = p[i] * nInverse }
            }
        }
    }

    /// Evaluations on the coset g·H (bit-reversed order): scales coefficient i by g^i, then
    /// runs ``forward(_:)``.
    public static func forwardOnCoset(_ values: inout [Goldilocks], shift: Goldilocks) {
        scaleByPowers(&values, of: shift)
        forward(&values)
    }

    /// Inverse of ``forwardOnCoset(_:shift:)``.
    public static func inverseOnCoset(_ values: inout [Goldilocks], shift: Goldilocks) {
        inverse(&values)
        scaleByPowers(&values, of: shift.inverse()!)
    }

    /// The bit reversal of `index` over `bits` bits.
    @inlinable
    public static func bitReversed(_ index: Int, bits: Int) -> Int {
        var x = UInt64(truncatingIfNeeded: index)
        // Swap halves, then quarters, … then adjacent bits; finally keep the top `bits` bits.
        x = (x >> 32) | (x << 32)
        x = ((x >> 16) & 0x0000_FFFF_0000_FFFF) | ((x & 0x0000_FFFF_0000_FFFF) << 16)
        x = ((x >> 8) & 0x00FF_00FF_00FF_00FF) | ((x & 0x00FF_00FF_00FF_00FF) << 8)
        x = ((x >> 4) & 0x0F0F_0F0F_0F0F_0F0F) | ((x & 0x0F0F_0F0F_0F0F_0F0F) << 4)
        x = ((x >> 2) & 0x3333_3333_3333_3333) | ((x & 0x3333_3333_3333_3333) << 2)
        x = ((x >> 1) & 0x5555_5555_5555_5555) | ((x & 0x5555_5555_5555_5555) << 1)
        return bits == 0 ? 0 : Int(x >> UInt64(64 - bits))
    }

    // MARK: Implementation

    static func scaleByPowers(_ values: inout [Goldilocks], of g: Goldilocks) {
        let n = values.count
        values.withUnsafeMutableBufferPointer { buffer in
            let p = SendablePointer(buffer.baseAddress!)
            parallelChunks(n, minimumChunk: 1 << 14) { range in
                var power = g.power(UInt64(range.lowerBound))
                for i in range {
                    p[i] = p[i] * power
                    power = power * g
                }
            }
        }
    }

    /// Per-level twiddles (cached per size and direction): for each half-size h = 2^i < n, the
    /// entries ω_{2h}^j, j < h, at offsets h − 1 ..< 2h − 1 (n − 1 entries in all), so every
    /// level reads its twiddles contiguously.
    static func twiddles(logSize: Int, inverse: Bool) -> [Goldilocks] {
        TwiddleCache.shared.table(logSize: logSize, inverse: inverse)
    }

    /// Elements per cache block: levels whose butterflies stay inside a block (2·half ≤ this)
    /// run block by block, so the block stays in L1/L2 for all of them.
    static let logBlock = 12

    static func transform(_ values: inout [Goldilocks], inverse: Bool) {
        let n = values.count
        precondition(n > 0 && n & (n - 1) == 0 && n <= 1 << 32, "NTT: size must be a power of two ≤ 2^32")
        guard n > 1 else { return }
        let logN = n.trailingZeroBitCount
        let table = twiddles(logSize: logN, inverse: inverse)
        let logBlock = min(logN, Self.logBlock)
        table.withUnsafeBufferPointer { twiddleBuffer in
            let w = SendableConstPointer(twiddleBuffer.baseAddress!)
            values.withUnsafeMutableBufferPointer { buffer in
                let a = SendablePointer(buffer.baseAddress!)
                // Large levels (2·half > block): one pass over the whole array each.
                // Small levels: all of them inside one block before moving to the next block.
                // DIF runs half = n/2 … 1 (large first); DIT runs 1 … n/2 (small first).
                let large = Array(logBlock..<logN)
                let small = Array(0..<logBlock)
                let runLarge = {
                    for logHalf in inverse ? large : large.reversed() {
                        parallelChunks(n / 2, minimumChunk: 1 << 13) { range in
                            butterflies(a, logHalf: logHalf, range: range, twiddles: w, inverse: inverse)
                        }
                    }
                }
                let runSmall = {
                    let blockButterflies = 1 << (logBlock - 1)
                    parallelChunks(n >> logBlock, minimumChunk: 1) { blocks in
                        for block in blocks {
                            let range = (block * blockButterflies)..<((block + 1) * blockButterflies)
                            for logHalf in inverse ? small : small.reversed() {
                                butterflies(a, logHalf: logHalf, range: range, twiddles: w, inverse: inverse)
                            }
                        }
                    }
                }
                if inverse {
                    runSmall()
                    runLarge()
                } else {
                    runLarge()
                    runSmall()
                }
            }
        }
    }

    /// Butterflies `range` (indices in 0..<n/2) of the level with half-size 2^logHalf.
    /// Butterfly k pairs elements start + j and start + j + half, with start = (k ≫ logHalf)
    /// ≪ (logHalf + 1) and j = k mod half; its twiddle is ω_{2·half}^j.
    @inline(__always)
    static func butterflies(
        _ a: SendablePointer<Goldilocks>, logHalf: Int, range: Range<Int>,
        twiddles w: SendableConstPointer<Goldilocks>, inverse: Bool
    ) {
        let half = 1 << logHalf
        // Twiddles of this level are stored contiguously at offset half − 1.
        let tw = w.base + (half - 1)
        var k = range.lowerBound
        while k < range.upperBound {
            let start = (k >> logHalf) << (logHalf + 1)
            let jStart = k & (half - 1)
            let jEnd = min(half, jStart + (range.upperBound - k))
            let lo = a.base + start
            let hi = lo + half
            if inverse {
                for j in jStart..<jEnd {
                    let u = lo[j]
                    let v = hi[j] * tw[j]
                    lo[j] = u + v
                    hi[j] = u - v
                }
            } else {
                for j in jStart..<jEnd {
                    let u = lo[j]
                    let v = hi[j]
                    lo[j] = u + v
                    hi[j] = (u - v) * tw[j]
                }
            }
            k += jEnd - jStart
        }
    }
}

/// A read-only pointer that may cross into concurrent closures.
struct SendableConstPointer<T>: @unchecked Sendable {
    let base: UnsafePointer<T>
    init(_ base: UnsafePointer<T>) { self.base = base }
    subscript(i: Int) -> T { base[i] }
}

/// Per-size twiddle tables, computed once.
final class TwiddleCache: @unchecked Sendable {
    static let shared = TwiddleCache()
    private var tables: [Int: [Goldilocks]] = [:]
    private let lock = NSLockLite()

    func table(logSize: Int, inverse: Bool) -> [Goldilocks] {
        let key = logSize * 2 + (inverse ? 1 : 0)
        lock.lock()
        defer { lock.unlock() }
        if let table = tables[key] { return table }
        let n = 1 << logSize
        var table = [Goldilocks](repeating: .one, count: max(1, n - 1))
        for logHalf in 0..<logSize {
            let half = 1 << logHalf
            var root = Goldilocks.rootOfUnity(logOrder: logHalf + 1)
            if inverse { root = root.inverse()! }
            var w = Goldilocks.one
            for j in 0..<half {
                table[half - 1 + j] = w
                w = w * root
            }
        }
        tables[key] = table
        return table
    }
}
