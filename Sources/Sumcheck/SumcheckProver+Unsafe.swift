import Fields
import Polynomials

/// The prover's working state for one instance of a batch.
final class InstanceProver<F: SumcheckField> {
    let shape: SumcheckShape
    /// Rounds of the batch before this instance's first variable.
    let offset: Int
    /// The input tables, read until the first challenge is bound.
    let base: [MultilinearPolynomial<F>]
    /// The tables after the first bind (allocated then, folded in place, freed in deinit);
    /// entries [0, size) are live.
    var tables: [UnsafeMutableBufferPointer<GoldilocksExt2>] = []
    /// Logical table size 2^(remaining variables).
    var size: Int
    /// eq(r_{k+1..n}, ·) for the current round k (entries [0, size/2) live), or `nil` without an
    /// eq factor.
    var eqTable: UnsafeMutableBufferPointer<GoldilocksExt2>?
    /// Π_{j<k} eq(r_j, c_j).
    var eqPrefix = GoldilocksExt2.one
    /// Index of this instance's current variable (0-based within the instance).
    var variable = 0
    /// Inner sums for the current round at nodes 0…innerDegree (node 1 possibly missing).
    var pending: [GoldilocksExt2]
    var pendingHasOne: Bool
    let claimedSum: GoldilocksExt2

    init(instance: SumcheckInstance<F>, batchVars: Int) {
        shape = instance.shape
        offset = batchVars - shape.numVars
        base = instance.polynomials
        size = 1 << shape.numVars
        if let r = shape.eqPoint, !r.isEmpty {
            let values = EqTable.evaluationsInParallel(at: Array(r.dropFirst()))
            let buffer = UnsafeMutableBufferPointer<GoldilocksExt2>.allocate(capacity: values.count)
            _ = buffer.initialize(from: values)
            eqTable = buffer
        }
        pending = []
        pendingHasOne = true
        if shape.numVars == 0 {
            claimedSum = shape.summand(evaluations: base.map { $0.evaluations[0].asExtension }, at: [])
            return
        }
        let eqView = eqTable.map { UnsafeSendableBuffer(UnsafeBufferPointer($0)) }
        let localShape = shape, half = size / 2
        pending = withBuffers(base.map(\.evaluations)) { buffers in
            Self.innerSums(of: buffers, shape: localShape, half: half, eq: eqView, includeOne: true)
        }
        let q = pending
        if let r = shape.eqPoint {
            claimedSum = (GoldilocksExt2.one - r[0]) * q[0] + r[0] * q[1]
        } else {
            claimedSum = q[0] + q[1]
        }
    }

    deinit {
        for t in tables { t.deallocate() }
        eqTable?.deallocate()
    }

    /// Σ over the lower half index of the inner summand, at nodes 0…innerDegree, coefficients
    /// applied.
    static func innerSums<E: SumcheckField>(
        of buffers: [UnsafeSendableBuffer<E>], shape: SumcheckShape, half: Int,
        eq: UnsafeSendableBuffer<GoldilocksExt2>?, includeOne: Bool
    ) -> [GoldilocksExt2] {
        let degree = shape.innerDegree
        if let pair = shape.twoFactorProduct {
            let sums = eq.map {
                SumcheckKernels.eqProductSums(buffers[pair.0], buffers[pair.1], eq: $0, half: half, includeOne: includeOne)
            } ?? SumcheckKernels.productSums(buffers[pair.0], buffers[pair.1], half: half, includeOne: includeOne)
            return sums.map { shape.terms[0].coefficient * $0 }
        }
        if let lambda = shape.unitFractionLayerLambda, let eq {
            return SumcheckKernels.unitFractionLayerSums(buffers[0], buffers[1], lambda: lambda, eq: eq,
                                                         half: half, includeOne: includeOne)
        }
        if let lambda = shape.fractionLayerLambda, let eq {
            let raw = SumcheckKernels.fractionLayerSums(buffers[0], buffers[1], buffers[2], buffers[3],
                                                        eq: eq, half: half, includeOne: includeOne)
            return (0..<3).map { raw[$0] + lambda * raw[3 + $0] }
        }
        let raw = SumcheckKernels.termSums(tables: buffers, half: half, terms: shape.terms,
                                           degree: degree, includeOne: includeOne, eq: eq)
        var sums = [GoldilocksExt2](repeating: .zero, count: degree + 1)
        for (k, term) in shape.terms.enumerated() {
            for t in 0...degree { sums[t] += term.coefficient * raw[k * (degree + 1) + t] }
        }
        return sums
    }

    /// The instance's round polynomial at nodes 0…degree, given its running claim.
    func roundPolynomial(claim: GoldilocksExt2) -> UnivariatePolynomial {
        var q = pending
        if let r = shape.eqPoint {
            let rk = r[variable]
            let l0 = GoldilocksExt2.one - rk
            if !pendingHasOne {
                // claim = prefix·(l0·q(0) + rk·q(1)).
                if let inverse = (eqPrefix * rk).inverse() {
                    q[1] = (claim - eqPrefix * l0 * q[0]) * inverse
                } else {
                    q[1] = directNodeOne()
                }
            }
            let inner = UnivariatePolynomial(evaluations: q)
            return inner.multiplied(byLinear: eqPrefix * l0, eqPrefix * rk)
        }
        if !pendingHasOne { q[1] = claim - q[0] }
        return UnivariatePolynomial(evaluations: q)
    }

    /// Inner sum at X = 1 computed from the tables (when the claim cannot give it: a zero
    /// coordinate of the eq point).
    func directNodeOne() -> GoldilocksExt2 {
        let views = tables.map { UnsafeSendableBuffer(UnsafeBufferPointer($0)) }
        let eqView = eqTable.map { UnsafeSendableBuffer(UnsafeBufferPointer($0)) }
        return Self.innerSums(of: views, shape: shape, half: size / 2, eq: eqView, includeOne: true)[1]
    }

    /// Binds the current variable to `challenge` and prepares the next round's inner sums.
    func bind(_ challenge: GoldilocksExt2) {
        let half = size / 2
        if let r = shape.eqPoint {
            let rk = r[variable]
            eqPrefix *= (GoldilocksExt2.one - rk) + (rk + rk - .one) * challenge
        }
        if variable == 0 {
            tables = base.map { _ in UnsafeMutableBufferPointer<GoldilocksExt2>.allocate(capacity: half) }
            pending = withBuffers(base.map(\.evaluations)) { sources in
                foldAndSum(sources: sources, half: half, challenge: challenge)
            }
        } else {
            let sources = tables.map { UnsafeSendableBuffer(UnsafeBufferPointer($0)) }
            pending = foldAndSum(sources: sources, half: half, challenge: challenge)
        }
        pendingHasOne = false
        size = half
        variable += 1
    }

    /// Folds every table from `sources` (size 2·half) into `tables` (which may be the same
    /// storage), shrinks the eq table, and returns the next round's inner sums (empty when no
    /// round follows).
    private func foldAndSum<E: SumcheckField>(
        sources: [UnsafeSendableBuffer<E>], half: Int, challenge: GoldilocksExt2
    ) -> [GoldilocksExt2] {
        let quarter = half / 2
        let targets = tables.map { SendablePointer($0.baseAddress!) }
        let eqPointer = eqTable.map { SendablePointer($0.baseAddress!) }
        if quarter > 0, let pair = shape.twoFactorProduct, pair.0 != pair.1, tables.count == 2 {
            let raw = SumcheckKernels.foldAndProductSums(
                sources[pair.0], sources[pair.1], outA: targets[pair.0], outB: targets[pair.1],
                eq: eqPointer, half: half, challenge: challenge)
            return raw.map { shape.terms[0].coefficient * $0 }
        }
        for j in tables.indices {
            SumcheckKernels.fold(sources[j], into: targets[j], half: half, challenge: challenge)
        }
        if let eqPointer, quarter > 0 { SumcheckKernels.sumHalves(eqPointer, half: quarter) }
        guard quarter > 0 else { return [] }
        let views = tables.map { UnsafeSendableBuffer(UnsafeBufferPointer($0)) }
        let eqView = eqTable.map { UnsafeSendableBuffer(UnsafeBufferPointer($0)) }
        return Self.innerSums(of: views, shape: shape, half: quarter, eq: eqView, includeOne: false)
    }

    func finalEvaluations() -> [GoldilocksExt2] {
        if shape.numVars == 0 { return base.map { $0.evaluations[0].asExtension } }
        return tables.map { $0[0] }
    }
}

extension SumcheckShape {
    /// The factor indices when the shape is a single product of exactly two polynomials.
    var twoFactorProduct: (Int, Int)? {
        guard terms.count == 1, terms[0].factors.count == 2 else { return nil }
        return (terms[0].factors[0], terms[0].factors[1])
    }
}

/// Runs `body` with read-only sendable views of every table.
func withBuffers<E, R>(_ tables: [[E]], _ body: ([UnsafeSendableBuffer<E>]) -> R) -> R {
    var buffers = [UnsafeSendableBuffer<E>]()
    buffers.reserveCapacity(tables.count)
    func recurse(_ index: Int) -> R {
        if index == tables.count { return body(buffers) }
        return tables[index].withUnsafeBufferPointer { pointer in
            buffers.append(UnsafeSendableBuffer(pointer))
            return recurse(index + 1)
        }
    }
    return recurse(0)
}
