public import Fields

/// A multilinear polynomial in evaluation form: its values on the hypercube {0,1}^numVars.
///
/// Index convention (PROTOCOL.md): index i = Σ_k x_k·2^(numVars−1−k), so the *first* variable
/// x_1 is the most significant bit. Fixing the first variable therefore combines the lower and
/// upper halves of the table.
public struct MultilinearPolynomial<F: FieldElement>: Sendable, Equatable {
    public var evaluations: [F]
    public let numVars: Int

    /// - Precondition: `evaluations.count` is a power of two.
    @inlinable
    public init(evaluations: [F]) {
        precondition(evaluations.count > 0 && evaluations.count & (evaluations.count - 1) == 0,
                     "MultilinearPolynomial: size must be a power of two")
        self.evaluations = evaluations
        self.numVars = evaluations.count.trailingZeroBitCount
    }

    /// Pads `values` with zeros to the next power of two.
    @inlinable
    public init(padding values: [F]) {
        var padded = values
        let size = max(1, values.count).nextPowerOfTwo
        padded.append(contentsOf: repeatElement(.zero, count: size - values.count))
        self.init(evaluations: padded)
    }

    @inlinable public var count: Int { evaluations.count }

    /// Binds x_1 := r: result[i] = (1 − r)·f[i] + r·f[i + n/2], over numVars − 1 variables.
    @inlinable
    public func fixingFirstVariable(_ r: GoldilocksExt2) -> MultilinearPolynomial<GoldilocksExt2> {
        precondition(numVars > 0, "fixingFirstVariable: no variables left")
        let half = count / 2
        var out = [GoldilocksExt2](repeating: .zero, count: half)
        evaluations.withUnsafeBufferPointer { f in
            for i in 0..<half {
                let lo = f[i].asExtension
                out[i] = lo + r * (f[i + half].asExtension - lo)
            }
        }
        return MultilinearPolynomial<GoldilocksExt2>(evaluations: out)
    }

    /// f(point), point ∈ K^numVars, in O(2^numVars) by folding one variable at a time.
    @inlinable
    public func evaluate(at point: [GoldilocksExt2]) -> GoldilocksExt2 {
        precondition(point.count == numVars, "evaluate: expected \(numVars) coordinates, got \(point.count)")
        if numVars == 0 { return evaluations[0].asExtension }
        // Σ_x eq(point, x)·f(x); the eq table costs one multiplication per entry.
        let eq = EqTable.evaluations(at: point)
        var acc = GoldilocksExt2.zero
        evaluations.withUnsafeBufferPointer { f in
            for i in 0..<f.count { acc += eq[i] * f[i].asExtension }
        }
        return acc
    }
}

extension MultilinearPolynomial where F == Goldilocks {
    /// f(point) for a base-field polynomial: multiplies ext × base, cheaper than ext × ext.
    @inlinable
    public func evaluate(at point: [GoldilocksExt2]) -> GoldilocksExt2 {
        precondition(point.count == numVars, "evaluate: expected \(numVars) coordinates, got \(point.count)")
        if numVars == 0 { return GoldilocksExt2(evaluations[0]) }
        let eq = EqTable.evaluations(at: point)
        var acc = GoldilocksExt2.zero
        evaluations.withUnsafeBufferPointer { f in
            for i in 0..<f.count { acc += eq[i] * f[i] }
        }
        return acc
    }
}

/// The equality polynomial eq(r, x) = Π_k (r_k·x_k + (1 − r_k)(1 − x_k)).
public enum EqTable {
    /// eq(r, x) for every x ∈ {0,1}^|r|, with r_1 the most significant bit of the index.
    @inlinable
    public static func evaluations(at r: [GoldilocksExt2]) -> [GoldilocksExt2] {
        var table = [GoldilocksExt2](repeating: .zero, count: 1 << r.count)
        table[0] = .one
        var size = 1
        for rk in r {
            // Expand from the back so entries are read before they are overwritten:
            // new[2i] = t[i]·(1 − r_k), new[2i+1] = t[i]·r_k.
            var i = size - 1
            while i >= 0 {
                let t = table[i]
                let hi = t * rk
                table[2 * i + 1] = hi
                table[2 * i] = t - hi
                i -= 1
            }
            size *= 2
        }
        return table
    }

    /// eq(r, s) for two points of equal length, in O(|r|).
    @inlinable
    public static func evaluate(_ r: [GoldilocksExt2], _ s: [GoldilocksExt2]) -> GoldilocksExt2 {
        precondition(r.count == s.count, "eq: points of different lengths")
        var acc = GoldilocksExt2.one
        for (a, b) in zip(r, s) {
            let ab = a * b
            acc *= ab + ab - a - b + .one
        }
        return acc
    }

    /// eq(r, bits(index)) where index has |r| bits, most significant first.
    @inlinable
    public static func evaluate(_ r: [GoldilocksExt2], atIndex index: Int) -> GoldilocksExt2 {
        var acc = GoldilocksExt2.one
        let n = r.count
        for (k, rk) in r.enumerated() {
            let bit = (index >> (n - 1 - k)) & 1
            acc *= bit == 1 ? rk : GoldilocksExt2.one - rk
        }
        return acc
    }
}
