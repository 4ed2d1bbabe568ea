public import Fields

extension MultilinearPolynomial {
    /// Σ_k c_k·f_k for polynomials over the same number of variables, in K.
    ///
    /// Used to merge claims (PROTOCOL §2) and to batch openings: the combination of MLEs is the
    /// MLE of the combination, so one claim on Σ c_k·f̃_k stands for the k claims.
    /// - Precondition: `polynomials` is not empty, all have `numVars` variables, and
    ///   `coefficients.count == polynomials.count`.
    @inlinable
    public static func linearCombination(
        _ polynomials: [MultilinearPolynomial<F>], coefficients: [GoldilocksExt2]
    ) -> MultilinearPolynomial<GoldilocksExt2> {
        precondition(!polynomials.isEmpty && polynomials.count == coefficients.count,
                     "linearCombination: need one coefficient per polynomial")
        let size = polynomials[0].count
        precondition(polynomials.allSatisfy { $0.count == size }, "linearCombination: sizes differ")
        var out = [GoldilocksExt2](repeating: .zero, count: size)
        out.withUnsafeMutableBufferPointer { o in
            let target = SendablePointer(o.baseAddress!)
            for (poly, c) in zip(polynomials, coefficients) {
                poly.evaluations.withUnsafeBufferPointer { f in
                    let source = UnsafeSendableBuffer(f)
                    parallelChunks(size) { range in
                        for i in range { target[i] = target[i] + c * source[i].asExtension }
                    }
                }
            }
        }
        return MultilinearPolynomial<GoldilocksExt2>(evaluations: out)
    }
}

/// A read-only buffer that may be shared with concurrent closures.
@frozen
public struct UnsafeSendableBuffer<T>: @unchecked Sendable {
    public let buffer: UnsafeBufferPointer<T>
    @inlinable public init(_ buffer: UnsafeBufferPointer<T>) { self.buffer = buffer }
    @inlinable public subscript(i: Int) -> T { buffer[i] }
    @inlinable public var count: Int { buffer.count }
}

extension MultilinearPolynomial where F == Goldilocks {
    /// f(point) on all cores: the eq table is built in parallel and the dot product is split
    /// into per-chunk partial sums. Same value as ``evaluate(at:)``.
    public func evaluateInParallel(at point: [GoldilocksExt2]) -> GoldilocksExt2 {
        precondition(point.count == numVars, "evaluateInParallel: expected \(numVars) coordinates, got \(point.count)")
        if numVars < 14 { return evaluate(at: point) }
        let eq = EqTable.evaluationsInParallel(at: point)
        let chunks = 16
        let chunkSize = count / chunks
        var partials = [GoldilocksExt2](repeating: .zero, count: chunks)
        eq.withUnsafeBufferPointer { eb in
            evaluations.withUnsafeBufferPointer { fb in
                partials.withUnsafeMutableBufferPointer { pb in
                    let e = UnsafeSendableBuffer(eb), f = UnsafeSendableBuffer(fb), out = SendablePointer(pb.baseAddress!)
                    parallelChunks(chunks, minimumChunk: 1) { range in
                        for c in range {
                            var acc = GoldilocksExt2.zero
                            for i in (c * chunkSize)..<((c + 1) * chunkSize) { acc += e[i] * f[i] }
                            out[c] = acc
                        }
                    }
                }
            }
        }
        return partials.reduce(.zero, +)
    }
}
