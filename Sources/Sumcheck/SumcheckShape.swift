public import Fields
public import Polynomials

/// One product c·Π_{j∈factors} f_j of a sumcheck statement.
public struct ProductTerm: Sendable, Equatable {
    public var coefficient: GoldilocksExt2
    /// Indices into the statement's polynomial list; repeats allowed (f_0·f_0 = f_0²).
    public var factors: [Int]

    @inlinable
    public init(coefficient: GoldilocksExt2 = .one, factors: [Int]) {
        self.coefficient = coefficient
        self.factors = factors
    }
}

/// The public structure of a sumcheck statement:
/// Σ_{x∈{0,1}^numVars} eq(r, x)^{0/1} · Σ_t c_t·Π_{j∈S_t} f_j(x).
///
/// The verifier knows the shape (and evaluates eq itself); the prover additionally holds the
/// polynomials f_j. Products have at most ``maxFactors`` factors.
public struct SumcheckShape: Sendable, Equatable {
    /// The largest number of factors in one product term.
    public static let maxFactors = 4

    public var numVars: Int
    public var numPolynomials: Int
    public var terms: [ProductTerm]
    /// r when the sum carries the factor eq(r, x); `nil` otherwise.
    public var eqPoint: [GoldilocksExt2]?
    /// Σ_i ρ_i·eq(r_i, x) when the sum carries that weight instead of a single eq (several claims
    /// on one tensor merged as in PROTOCOL §2); `nil` otherwise.
    public var eqCombination: EqCombination?

    /// - Precondition: every factor index is below `numPolynomials`, every term has 1…4 factors,
    ///   `eqPoint` (if any) and every point of `eqCombination` have `numVars` coordinates, and at
    ///   most one of the two is given.
    public init(numVars: Int, numPolynomials: Int, terms: [ProductTerm], eqPoint: [GoldilocksExt2]? = nil,
                eqCombination: EqCombination? = nil) {
        precondition(numVars >= 0 && numVars < 40, "SumcheckShape: numVars out of range")
        precondition(!terms.isEmpty, "SumcheckShape: no terms")
        for term in terms {
            precondition(!term.factors.isEmpty && term.factors.count <= Self.maxFactors,
                         "SumcheckShape: a term needs 1…\(Self.maxFactors) factors")
            precondition(term.factors.allSatisfy { $0 >= 0 && $0 < numPolynomials },
                         "SumcheckShape: factor index out of range")
        }
        if let eqPoint { precondition(eqPoint.count == numVars, "SumcheckShape: eq point length") }
        if let eqCombination {
            precondition(eqPoint == nil, "SumcheckShape: give eqPoint or eqCombination, not both")
            precondition(eqCombination.points.allSatisfy { $0.count == numVars }, "SumcheckShape: eq point length")
        }
        self.init(unchecked: numVars, numPolynomials: numPolynomials, terms: terms, eqPoint: eqPoint,
                  eqCombination: eqCombination)
    }

    /// Memberwise, without the factor-count limit (internal shapes add a materialised weight).
    init(unchecked numVars: Int, numPolynomials: Int, terms: [ProductTerm], eqPoint: [GoldilocksExt2]?,
         eqCombination: EqCombination?) {
        self.numVars = numVars
        self.numPolynomials = numPolynomials
        self.terms = terms
        self.eqPoint = eqPoint
        self.eqCombination = eqCombination
    }

    /// Σ_x eq(r, x)^{0/1}·Π_j f_j(x): a single product of `factorCount` polynomials.
    public static func product(numVars: Int, factorCount: Int, eqPoint: [GoldilocksExt2]? = nil) -> SumcheckShape {
        SumcheckShape(numVars: numVars, numPolynomials: factorCount,
                      terms: [ProductTerm(factors: Array(0..<factorCount))], eqPoint: eqPoint)
    }

    /// The degree of each variable in the summand: the longest product, plus one for eq.
    public var degree: Int {
        (terms.map(\.factors.count).max() ?? 0) + (eqPoint == nil && eqCombination == nil ? 0 : 1)
    }

    /// The degree without the eq factor.
    var innerDegree: Int { terms.map(\.factors.count).max() ?? 0 }

    /// Σ_t c_t·Π_j evaluations[j], times eq(r, point) when the shape has an eq factor: the
    /// summand at `point` given every f_j(point).
    ///
    /// - Precondition: `evaluations.count == numPolynomials`, `point.count == numVars`.
    public func summand(evaluations: [GoldilocksExt2], at point: [GoldilocksExt2]) -> GoldilocksExt2 {
        precondition(evaluations.count == numPolynomials && point.count == numVars,
                     "summand: wrong number of evaluations or coordinates")
        var sum = GoldilocksExt2.zero
        for term in terms {
            var product = term.coefficient
            for j in term.factors { product *= evaluations[j] }
            sum += product
        }
        if let eqPoint { sum *= EqTable.evaluate(eqPoint, point) }
        if let eqCombination { sum *= eqCombination.evaluate(at: point) }
        return sum
    }
}

/// The weight Σ_i ρ_i·eq(r_i, x): k claims (T, r_i, v_i) on one tensor merged into one
/// sumcheck with claimed sum Σ_i ρ_i·v_i (PROTOCOL §2).
public struct EqCombination: Sendable, Equatable {
    public var coefficients: [GoldilocksExt2]
    public var points: [[GoldilocksExt2]]

    /// - Precondition: one coefficient per point, at least one point.
    public init(coefficients: [GoldilocksExt2], points: [[GoldilocksExt2]]) {
        precondition(!points.isEmpty && coefficients.count == points.count, "EqCombination: one coefficient per point")
        self.coefficients = coefficients
        self.points = points
    }

    /// Σ_i ρ_i·eq(r_i, x) at x, in O(k·n) (what the verifier computes).
    public func evaluate(at x: [GoldilocksExt2]) -> GoldilocksExt2 {
        zip(coefficients, points).reduce(GoldilocksExt2.zero) { $0 + $1.0 * EqTable.evaluate($1.1, x) }
    }

    /// The table of Σ_i ρ_i·eq(r_i, ·) over the hypercube (what the prover materialises).
    public func table() -> [GoldilocksExt2] {
        var result = [GoldilocksExt2](repeating: .zero, count: 1 << points[0].count)
        for (rho, point) in zip(coefficients, points) {
            let eq = EqTable.evaluationsInParallel(at: point)
            for i in result.indices { result[i] += rho * eq[i] }
        }
        return result
    }
}

/// What the verifier is asked to accept: a shape and the claimed value of its sum.
public struct SumcheckClaim: Sendable, Equatable {
    public var shape: SumcheckShape
    public var claimedSum: GoldilocksExt2

    public init(shape: SumcheckShape, claimedSum: GoldilocksExt2) {
        self.shape = shape
        self.claimedSum = claimedSum
    }
}

/// A prover's input: a shape and its polynomials (base field or extension).
public struct SumcheckInstance<F: FieldElement>: Sendable {
    public var shape: SumcheckShape
    public var polynomials: [MultilinearPolynomial<F>]

    /// - Precondition: one polynomial per `shape.numPolynomials`, each over `shape.numVars`.
    public init(shape: SumcheckShape, polynomials: [MultilinearPolynomial<F>]) {
        precondition(polynomials.count == shape.numPolynomials, "SumcheckInstance: polynomial count")
        precondition(polynomials.allSatisfy { $0.numVars == shape.numVars }, "SumcheckInstance: numVars")
        self.shape = shape
        self.polynomials = polynomials
    }

    /// The sum by brute force over the hypercube (for tests and small instances).
    public func bruteForceSum() -> GoldilocksExt2 {
        let eq = shape.eqPoint.map { EqTable.evaluations(at: $0) } ?? shape.eqCombination?.table()
        var total = GoldilocksExt2.zero
        for x in 0..<(1 << shape.numVars) {
            var sum = GoldilocksExt2.zero
            for term in shape.terms {
                var product = term.coefficient
                for j in term.factors { product *= polynomials[j].evaluations[x].asExtension }
                sum += product
            }
            if let eq { sum *= eq[x] }
            total += sum
        }
        return total
    }
}

/// What a sumcheck reduces one claim to: "f_j(point) = evaluations[j] for every j".
///
/// The verifier has checked that these values are consistent with the claimed sum; the CALLER
/// must still check each f_j(point) = evaluations[j] (by a commitment opening, a further
/// sumcheck, or directly for public polynomials).
public struct SumcheckSubclaim: Sendable, Equatable {
    /// The point in K^numVars of this instance (the last numVars challenges of the batch).
    public var point: [GoldilocksExt2]
    /// The prover's claimed f_j(point), one per polynomial of the shape.
    public var evaluations: [GoldilocksExt2]
}
