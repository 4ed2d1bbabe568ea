/// Matrix multiplication, convolution and pooling kernels (row-major, i-k-j loop order).
enum Linear {
    /// C[m×n] += A[m×k] · B[k×n] on raw pointers.
    @inlinable
    static func gemmKernel(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, m: Int, k: Int, n: Int) {
        for i in 0..<m {
            let crow = c + i * n
            for p in 0..<k {
                let av = a[i * k + p]
                if av == 0 { continue }
                let brow = b + p * n
                for j in 0..<n { crow[j] += av * brow[j] }
            }
        }
    }

    static func matmul(_ x: Tensor, _ y: Tensor) throws -> Tensor {
        var a = x.shape, b = y.shape
        guard !a.isEmpty, !b.isEmpty else { throw ExecutionFailure("matmul of a scalar") }
        let aVec = a.count == 1, bVec = b.count == 1
        if aVec { a = [1] + a }
        if bVec { b = b + [1] }
        let m = a[a.count - 2], k = a[a.count - 1], n = b[b.count - 1]
        guard b[b.count - 2] == k else { throw ExecutionFailure("matmul inner dims differ: \(x.shape) · \(y.shape)") }
        let batchA = Array(a.dropLast(2)), batchB = Array(b.dropLast(2))
        let batch = try Shapes.broadcast(batchA, batchB)
        let nb = try Shapes.count(batch)
        _ = try Shapes.count([nb, m, n])
        let oa = Shapes.offsets(batch, Shapes.broadcastStrides(batchA, to: batch))
        let ob = Shapes.offsets(batch, Shapes.broadcastStrides(batchB, to: batch))
        let af = x.asFloats, bf = y.asFloats
        var out = [Float](repeating: 0, count: nb * m * n)
        af.withUnsafeBufferPointer { ap in
            bf.withUnsafeBufferPointer { bp in
                out.withUnsafeMutableBufferPointer { cp in
                    guard let A = ap.baseAddress, let B = bp.baseAddress, let C = cp.baseAddress else { return }
                    for t in 0..<nb {
                        gemmKernel(A + oa[t] * m * k, B + ob[t] * k * n, C + t * m * n, m: m, k: k, n: n)
                    }
                }
            }
        }
        var s = batch + [m, n]
        if bVec { s.removeLast() }
        if aVec { s.remove(at: s.count - (bVec ? 1 : 2)) }
        return Tensor(shape: s, floats: out)
    }

    static func gemm(_ a: Tensor, _ b: Tensor, _ c: Tensor?, alpha: Float, beta: Float, transA: Bool, transB: Bool) throws -> Tensor {
        guard a.shape.count == 2, b.shape.count == 2 else { throw ExecutionFailure("gemm needs 2-D operands") }
        let at = transA ? try Movement.transpose(a, nil) : a
        let bt = transB ? try Movement.transpose(b, nil) : b
        var y = try matmul(at, bt)
        if alpha != 1 { y.floats = y.floats.map { $0 * alpha } }
        if let c {
            let cb = try Elementwise.binaryFloat(Tensor(shape: c.shape, floats: c.asFloats.map { $0 * beta }), .scalar(0), +)
            y = try Elementwise.binaryFloat(y, cb, +)
            guard y.shape.count == 2 else { throw ExecutionFailure("gemm bias does not broadcast") }
        }
        return y
    }

    struct Window {
        var kernel: [Int], strides: [Int], pads: [Int], dilations: [Int]

        init(attributes: [String: Attribute], kernel: [Int]) throws {
            let r = kernel.count
            self.kernel = kernel
            strides = attributes["strides"]?.intsValue.map { $0.map { Int(clamping: $0) } } ?? Array(repeating: 1, count: r)
            pads = attributes["pads"]?.intsValue.map { $0.map { Int(clamping: $0) } } ?? Array(repeating: 0, count: 2 * r)
            dilations = attributes["dilations"]?.intsValue.map { $0.map { Int(clamping: $0) } } ?? Array(repeating: 1, count: r)
            guard r == 2, strides.count == r, pads.count == 2 * r, dilations.count == r,
                  (strides + dilations + kernel).allSatisfy({ $0 > 0 && $0 < 1 << 20 }), pads.allSatisfy({ $0 >= 0 && $0 < 1 << 20 }) else {
                throw ExecutionFailure("only 2-D windows with positive strides/dilations are supported")
            }
        }

        func outSize(_ h: Int, _ w: Int) throws -> (Int, Int) {
            let oh = (h + pads[0] + pads[2] - dilations[0] * (kernel[0] - 1) - 1) / strides[0] + 1
            let ow = (w + pads[1] + pads[3] - dilations[1] * (kernel[1] - 1) - 1) / strides[1] + 1
            guard oh > 0, ow > 0 else { throw ExecutionFailure("window larger than the padded input") }
            return (oh, ow)
        }
    }

    static func conv(_ x: Tensor, _ w: Tensor, _ bias: Tensor?, attributes: [String: Attribute]) throws -> Tensor {
        guard x.shape.count == 4, w.shape.count == 4 else { throw ExecutionFailure("conv supports 2-D (NCHW) only") }
        let (nB, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (mOut, cg, kh, kw) = (w.shape[0], w.shape[1], w.shape[2], w.shape[3])
        let group = Int(attributes["group"]?.intValue ?? 1)
        guard group > 0, c == cg * group, mOut % group == 0 else { throw ExecutionFailure("conv channels \(c) / group \(group) / weight \(w.shape) mismatch") }
        let win = try Window(attributes: attributes, kernel: [kh, kw])
        let (oh, ow) = try win.outSize(h, wd)
        _ = try Shapes.count([nB, mOut, oh, ow])
        let xf = x.asFloats, wf = w.asFloats, bf = bias?.asFloats
        if let bf, bf.count != mOut { throw ExecutionFailure("conv bias has \(bf.count) values, expected \(mOut)") }
        var out = [Float](repeating: 0, count: nB * mOut * oh * ow)
        let mPerG = mOut / group
        for n in 0..<nB {
            for m in 0..<mOut {
                let g = m / mPerG
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        var acc: Float = bf?[m] ?? 0
                        for ci in 0..<cg {
                            let cin = g * cg + ci
                            for ky in 0..<kh {
                                let iy = oy * win.strides[0] - win.pads[0] + ky * win.dilations[0]
                                if iy < 0 || iy >= h { continue }
                                for kx in 0..<kw {
                                    let ix = ox * win.strides[1] - win.pads[1] + kx * win.dilations[1]
                                    if ix < 0 || ix >= wd { continue }
                                    acc += xf[((n * c + cin) * h + iy) * wd + ix] * wf[((m * cg + ci) * kh + ky) * kw + kx]
                                }
                            }
                        }
                        out[((n * mOut + m) * oh + oy) * ow + ox] = acc
                    }
                }
            }
        }
        return Tensor(shape: [nB, mOut, oh, ow], floats: out)
    }

    static func pool(_ x: Tensor, max isMax: Bool, attributes: [String: Attribute]) throws -> Tensor {
        guard x.shape.count == 4 else { throw ExecutionFailure("pooling supports 2-D (NCHW) only") }
        let k = attributes["kernel_shape"]?.intsValue?.map { Int(clamping: $0) } ?? []
        let win = try Window(attributes: attributes, kernel: k)
        let (nB, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (oh, ow) = try win.outSize(h, wd)
        let includePad = attributes["count_include_pad"]?.intValue == 1
        let xf = x.asFloats
        var out = [Float](repeating: 0, count: try Shapes.count([nB, c, oh, ow]))
        for nc in 0..<(nB * c) {
            for oy in 0..<oh {
                for ox in 0..<ow {
                    var acc: Float = isMax ? -.infinity : 0
                    var cnt = 0
                    for ky in 0..<k[0] {
                        let iy = oy * win.strides[0] - win.pads[0] + ky * win.dilations[0]
                        for kx in 0..<k[1] {
                            let ix = ox * win.strides[1] - win.pads[1] + kx * win.dilations[1]
                            if iy < 0 || iy >= h || ix < 0 || ix >= wd { if includePad { cnt += 1 }; continue }
                            let v = xf[(nc * h + iy) * wd + ix]
                            acc = isMax ? Swift.max(acc, v) : acc + v
                            cnt += 1
                        }
                    }
                    out[(nc * oh + oy) * ow + ox] = isMax ? acc : acc / Float(Swift.max(cnt, 1))
                }
            }
        }
        return Tensor(shape: [nB, c, oh, ow], floats: out)
    }
}
