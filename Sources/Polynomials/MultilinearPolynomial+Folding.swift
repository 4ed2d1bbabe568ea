public import Fields

extension MultilinearPolynomial {
    /// Binds the LAST variable x_n := r: result[i] = (1 − r)·f[2i] + r·f[2i + 1].
    ///
    /// With the MSB-first index convention the last variable is the least significant bit, so
    /// this combines neighbouring entries (the access pattern of a table whose trailing
    /// variables are bound first, e.g. when a caller walks a point from the back).
    @inlinable
    public func fixingLastVariable(_ r: GoldilocksExt2) -> MultilinearPolynomial<GoldilocksExt2> {
        precondition(numVars > 0, "fixingLastVariable: no variables left")
        let half = count / 2
        var out = [GoldilocksExt2](repeating: .zero, count: half)
        evaluations.withUnsafeBufferPointer { f in
            for i in 0..<half {
                let lo = f[2 * i].asExtension
                out[i] = lo + r * (f[2 * i + 1].asExtension - lo)
            }
        }
        return MultilinearPolynomial<GoldilocksExt2>(evaluations: out)
    }

    /// Binds the first `point.count` variables, leaving a polynomial in the remaining ones.
    @inlinable
    public func fixingFirstVariables(_ point: [GoldilocksExt2]) -> MultilinearPolynomial<GoldilocksExt2> {
        precondition(point.count <= numVars, "fixingFirstVariables: too many coordinates")
        var current = MultilinearPolynomial<GoldilocksExt2>(evaluations: evaluations.map { $0.asExtension })
        for r in point { current.fixFirstVariableInPlace(r) }
        return current
    }
}

extension MultilinearPolynomial where F == GoldilocksExt2 {
    /// Binds x_1 := r in place: the lower half becomes (1 − r)·f_lo + r·f_hi and the table
    /// shrinks to it. Parallel over both halves; no allocation beyond the final truncation.
    @inlinable
    public mutating func fixFirstVariableInPlace(_ r: GoldilocksExt2) {
        precondition(numVars > 0, "fixFirstVariableInPlace: no variables left")
        let half = count / 2
        var values = evaluations
        evaluations = []  // leaves `values` uniquely referenced, so the fold below does not copy
        values.withUnsafeMutableBufferPointer { f in
            let p = SendablePointer(f.baseAddress!)
            parallelChunks(half, minimumChunk: 1 << 13) { range in
                for i in range {
                    let lo = p[i]
                    p[i] = lo + r * (p[i + half] - lo)
                }
            }
        }
        values.removeLast(half)
        self = MultilinearPolynomial(evaluations: values)
    }
}
