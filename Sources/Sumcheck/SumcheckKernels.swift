import Fields
import Polynomials

/// Field types a sumcheck table may hold: the base field before the first challenge, the
/// extension after it.
protocol SumcheckField: FieldElement {
    /// k·v in K.
    static func scale(_ k: GoldilocksExt2, _ v: Self) -> GoldilocksExt2
    /// lo + r·(hi − lo) in K.
    static func fold(_ lo: Self, _ hi: Self, _ r: GoldilocksExt2) -> GoldilocksExt2
}

extension Goldilocks: SumcheckField {
    @inline(__always)
    static func scale(_ k: GoldilocksExt2, _ v: Goldilocks) -> GoldilocksExt2 { k * v }
    @inline(__always)
    static func fold(_ lo: Goldilocks, _ hi: Goldilocks, _ r: GoldilocksExt2) -> GoldilocksExt2 {
        r * (hi - lo) + lo
    }
}

extension GoldilocksExt2: SumcheckField {
    @inline(__always)
    static func scale(_ k: GoldilocksExt2, _ v: GoldilocksExt2) -> GoldilocksExt2 { k * v }
    @inline(__always)
    static func fold(_ lo: GoldilocksExt2, _ hi: GoldilocksExt2, _ r: GoldilocksExt2) -> GoldilocksExt2 {
        lo + r * (hi - lo)
    }
}

/// Splits `0..<count` into per-chunk ranges run on all cores; each chunk accumulates `width`
/// sums into its own slot, and the slots are added at the end.
@inline(__always)
func parallelReduce(
    count: Int, width: Int, minimumChunk: Int = 1 << 11,
    _ body: @Sendable (Range<Int>, UnsafeMutablePointer<GoldilocksExt2>) -> Void
) -> [GoldilocksExt2] {
    let cores = ProcessInfoCores.active
    let chunks = cores == 1 ? 1 : min(cores * 4, max(1, count / minimumChunk))
    var partials = [GoldilocksExt2](repeating: .zero, count: chunks * width)
    partials.withUnsafeMutableBufferPointer { buffer in
        let slots = SendablePointer(buffer.baseAddress!)
        let chunkSize = (count + chunks - 1) / chunks
        parallelChunks(chunks, minimumChunk: 1) { ids in
            for c in ids {
                let start = c * chunkSize
                let end = min(count, start + chunkSize)
                if start < end { body(start..<end, slots.base + c * width) }
            }
        }
    }
    var result = [GoldilocksExt2](repeating: .zero, count: width)
    for c in 0..<chunks { for w in 0..<width { result[w] += partials[c * width + w] } }
    return result
}

enum SumcheckKernels {
    /// Σ_{i<half} [eq[i]]·Σ_t Π_{j∈S_t} f_j(X, i) per term t, at X = 0…degree (X = 1 only if
    /// `includeOne`; otherwise that slot stays zero). Returns terms.count × (degree + 1) sums,
    /// term-major, before the term coefficients are applied.
    static func termSums<E: SumcheckField>(
        tables: [UnsafeSendableBuffer<E>], half: Int, terms: [ProductTerm], degree: Int,
        includeOne: Bool, eq: UnsafeSendableBuffer<GoldilocksExt2>?
    ) -> [GoldilocksExt2] {
        let nodes = degree + 1
        let factorLists = terms.map(\.factors)
        let polyCount = tables.count
        return parallelReduce(count: half, width: terms.count * nodes) { range, acc in
            let values = UnsafeMutablePointer<E>.allocate(capacity: polyCount * nodes)
            defer { values.deallocate() }
            for i in range {
                for j in 0..<polyCount {
                    let lo = tables[j][i]
                    let hi = tables[j][i + half]
                    let diff = hi - lo
                    var v = lo
                    values[j * nodes] = lo
                    for t in 1..<nodes {
                        v = v + diff
                        values[j * nodes + t] = v
                    }
                }
                for (k, factors) in factorLists.enumerated() {
                    for t in 0..<nodes where includeOne || t != 1 {
                        var product = values[factors[0] * nodes + t]
                        for f in factors.dropFirst() { product = product * values[f * nodes + t] }
                        if let eq {
                            acc[k * nodes + t] += E.scale(eq[i], product)
                        } else {
                            acc[k * nodes + t] += product.asExtension
                        }
                    }
                }
            }
        }
    }

    /// The two-factor product a·b (no eq): Σ a(X,i)·b(X,i) at X = 0, 1 (if `includeOne`), 2.
    static func productSums<E: SumcheckField>(
        _ a: UnsafeSendableBuffer<E>, _ b: UnsafeSendableBuffer<E>, half: Int, includeOne: Bool
    ) -> [GoldilocksExt2] {
        parallelReduce(count: half, width: 3) { range, acc in
            var s0 = E.zero, s1 = E.zero, s2 = E.zero
            for i in range {
                let a0 = a[i], a1 = a[i + half], b0 = b[i], b1 = b[i + half]
                s0 += a0 * b0
                if includeOne { s1 += a1 * b1 }
                s2 += (a1 + a1 - a0) * (b1 + b1 - b0)
            }
            acc[0] = s0.asExtension
            acc[1] = s1.asExtension
            acc[2] = s2.asExtension
        }
    }

    /// The two-factor product with eq weights: Σ eq[i]·a(X,i)·b(X,i) at X = 0, 1 (if
    /// `includeOne`), 2.
    static func eqProductSums<E: SumcheckField>(
        _ a: UnsafeSendableBuffer<E>, _ b: UnsafeSendableBuffer<E>,
        eq: UnsafeSendableBuffer<GoldilocksExt2>, half: Int, includeOne: Bool
    ) -> [GoldilocksExt2] {
        parallelReduce(count: half, width: 3) { range, acc in
            var s0 = GoldilocksExt2.zero, s1 = GoldilocksExt2.zero, s2 = GoldilocksExt2.zero
            for i in range {
                let a0 = a[i], a1 = a[i + half], b0 = b[i], b1 = b[i + half]
                let e = eq[i]
                s0 += E.scale(e, a0 * b0)
                if includeOne { s1 += E.scale(e, a1 * b1) }
                s2 += E.scale(e, (a1 + a1 - a0) * (b1 + b1 - b0))
            }
            acc[0] = s0
            acc[1] = s1
            acc[2] = s2
        }
    }

    /// Folds x_1 := r from `source` (size 2·half) into `target` (size ≥ half); `target` may
    /// alias `source`.
    static func fold<E: SumcheckField>(
        _ source: UnsafeSendableBuffer<E>, into target: SendablePointer<GoldilocksExt2>,
        half: Int, challenge r: GoldilocksExt2
    ) {
        parallelChunks(half, minimumChunk: 1 << 12) { range in
            for i in range { target[i] = E.fold(source[i], source[i + half], r) }
        }
    }

    /// eq[i] += eq[i + half] for i < half: drops the most significant variable of a suffix eq
    /// table, since (1 − r) + r = 1.
    static func sumHalves(_ eq: SendablePointer<GoldilocksExt2>, half: Int) {
        parallelChunks(half, minimumChunk: 1 << 12) { range in
            for i in range { eq[i] = eq[i] + eq[i + half] }
        }
    }

    /// Fused fold-and-next-round for a·b [· eq]: binds x_1 := r in both tables (size 2·half →
    /// half, written to `outA`/`outB`, which may alias the sources) and returns the next
    /// round's sums at X = 0 and X = 2 (slots 0 and 2; slot 1 zero). With `eq` (size half),
    /// the table is reduced to half/2 in place as well.
    ///
    /// One pass reads each entry once instead of twice (fold, then round).
    static func foldAndProductSums<E: SumcheckField>(
        _ a: UnsafeSendableBuffer<E>, _ b: UnsafeSendableBuffer<E>,
        outA: SendablePointer<GoldilocksExt2>, outB: SendablePointer<GoldilocksExt2>,
        eq: SendablePointer<GoldilocksExt2>?, half: Int, challenge r: GoldilocksExt2
    ) -> [GoldilocksExt2] {
        let quarter = half / 2
        return parallelReduce(count: quarter, width: 3) { range, acc in
            var s0 = GoldilocksExt2.zero, s2 = GoldilocksExt2.zero
            for t in range {
                let aLo = E.fold(a[t], a[t + half], r)
                let aHi = E.fold(a[t + quarter], a[t + quarter + half], r)
                let bLo = E.fold(b[t], b[t + half], r)
                let bHi = E.fold(b[t + quarter], b[t + quarter + half], r)
                outA[t] = aLo
                outA[t + quarter] = aHi
                outB[t] = bLo
                outB[t + quarter] = bHi
                let p0 = aLo * bLo
                let p2 = (aHi + aHi - aLo) * (bHi + bHi - bLo)
                if let eq {
                    let e = eq[t] + eq[t + quarter]
                    eq[t] = e
                    s0 += e * p0
                    s2 += e * p2
                } else {
                    s0 += p0
                    s2 += p2
                }
            }
            acc[0] = s0
            acc[2] = s2
        }
    }
}

extension SumcheckKernels {
    /// The fraction-addition layer of a GKR (Papini–Haböck, ePrint 2023/1284) over tables
    /// [p0, p1, q0, q1] with eq weights: returns Σ eq·(p0·q1 + p1·q0) at X = 0, 1, 2 (slots 0–2)
    /// and Σ eq·q0·q1 at X = 0, 1, 2 (slots 3–5); X = 1 only if `includeOne`.
    static func fractionLayerSums<E: SumcheckField>(
        _ p0: UnsafeSendableBuffer<E>, _ p1: UnsafeSendableBuffer<E>,
        _ q0: UnsafeSendableBuffer<E>, _ q1: UnsafeSendableBuffer<E>,
        eq: UnsafeSendableBuffer<GoldilocksExt2>, half: Int, includeOne: Bool
    ) -> [GoldilocksExt2] {
        parallelReduce(count: half, width: 6) { range, acc in
            var n0 = GoldilocksExt2.zero, n1 = GoldilocksExt2.zero, n2 = GoldilocksExt2.zero
            var d0 = GoldilocksExt2.zero, d1 = GoldilocksExt2.zero, d2 = GoldilocksExt2.zero
            for i in range {
                let e = eq[i]
                let a0 = p0[i], a1 = p0[i + half], b0 = p1[i], b1 = p1[i + half]
                let c0 = q0[i], c1 = q0[i + half], f0 = q1[i], f1 = q1[i + half]
                n0 += E.scale(e, a0 * f0 + b0 * c0)
                d0 += E.scale(e, c0 * f0)
                if includeOne {
                    n1 += E.scale(e, a1 * f1 + b1 * c1)
                    d1 += E.scale(e, c1 * f1)
                }
                let a2 = a1 + a1 - a0, b2 = b1 + b1 - b0, c2 = c1 + c1 - c0, f2 = f1 + f1 - f0
                n2 += E.scale(e, a2 * f2 + b2 * c2)
                d2 += E.scale(e, c2 * f2)
            }
            acc[0] = n0
            acc[1] = n1
            acc[2] = n2
            acc[3] = d0
            acc[4] = d1
            acc[5] = d2
        }
    }
}

extension SumcheckShape {
    /// λ when the shape is eq·[f0·f3 + f1·f2 + λ·f2·f3] (a fraction-sum GKR layer over
    /// [p0, p1, q0, q1]).
    var fractionLayerLambda: GoldilocksExt2? {
        guard eqPoint != nil, numPolynomials == 4, terms.count == 3,
              terms[0].factors == [0, 3], terms[1].factors == [1, 2], terms[2].factors == [2, 3],
              terms[0].coefficient == .one, terms[1].coefficient == .one else { return nil }
        return terms[2].coefficient
    }
}

extension SumcheckKernels {
    /// A fraction layer with unit numerators over [q0, q1] with eq weights:
    /// Σ eq·(q0 + q1 + λ·q0·q1) at X = 0, 1 (if `includeOne`), 2.
    static func unitFractionLayerSums<E: SumcheckField>(
        _ q0: UnsafeSendableBuffer<E>, _ q1: UnsafeSendableBuffer<E>, lambda: GoldilocksExt2,
        eq: UnsafeSendableBuffer<GoldilocksExt2>, half: Int, includeOne: Bool
    ) -> [GoldilocksExt2] {
        parallelReduce(count: half, width: 3) { range, acc in
            var s0 = GoldilocksExt2.zero, s1 = GoldilocksExt2.zero, s2 = GoldilocksExt2.zero
            for i in range {
                let e = eq[i]
                let c0 = q0[i], c1 = q0[i + half], f0 = q1[i], f1 = q1[i + half]
                s0 += e * ((c0 + f0).asExtension + E.scale(lambda, c0 * f0))
                if includeOne { s1 += e * ((c1 + f1).asExtension + E.scale(lambda, c1 * f1)) }
                let c2 = c1 + c1 - c0, f2 = f1 + f1 - f0
                s2 += e * ((c2 + f2).asExtension + E.scale(lambda, c2 * f2))
            }
            acc[0] = s0
            acc[1] = s1
            acc[2] = s2
        }
    }
}

extension SumcheckShape {
    /// λ when the shape is eq·[f1 + f0 + λ·f0·f1] (a fraction-sum GKR leaf layer with unit
    /// numerators over [q0, q1]).
    var unitFractionLayerLambda: GoldilocksExt2? {
        guard eqPoint != nil, numPolynomials == 2, terms.count == 3,
              terms[0].factors == [1], terms[1].factors == [0], terms[2].factors == [0, 1],
              terms[0].coefficient == .one, terms[1].coefficient == .one else { return nil }
        return terms[2].coefficient
    }
}
