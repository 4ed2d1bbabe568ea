public import Fields
import Polynomials

/// A public lookup table of 2^numVars rows (t_j, f(t_j)) (or single values t_j), given in a
/// form whose MLE the verifier evaluates itself.
///
/// Columns are either structured — the identity column t_j = offset + j, whose MLE is
/// offset + Σ_k 2^{n−1−k}·r_k (O(log|T|)), or a closure pair (row value, MLE evaluator) — or an
/// explicit list of values (verifier cost O(|T|); meant for small tables).
public struct LookupTable: Sendable {
    public enum Column: Sendable {
        /// t_j = offset + j.
        case identity(offset: Goldilocks)
        /// 2^numVars listed values.
        case explicit([Goldilocks])
        /// A structured column: `value(j)` for the prover and `mle(r)` for the verifier; the
        /// two must describe the same column (the caller's responsibility; tests check it).
        case structured(value: @Sendable (Int) -> Goldilocks, mle: @Sendable ([GoldilocksExt2]) -> GoldilocksExt2)
        /// A committed (dynamic) column, e.g. the row values S_ij of a row-max check: the prover
        /// sends its MLE at the table point and the value becomes a claim for the caller
        /// (``LookupClaims/tableEvaluations``). The prover passes the 2^numVars values; the
        /// verifier's statement may pass `[]` (it never reads them).
        case committed([Goldilocks])

        var isCommitted: Bool {
            if case .committed = self { return true }
            return false
        }
    }

    public let numVars: Int
    public let input: Column
    /// The output column of an input → output table, or `nil` for a single-column table.
    public let output: Column?

    /// - Precondition: explicit columns have 2^numVars entries.
    public init(numVars: Int, input: Column, output: Column? = nil) {
        precondition(numVars >= 0 && numVars <= 30, "LookupTable: numVars out of range")
        for column in [input] + (output.map { [$0] } ?? []) {
            if case .explicit(let values) = column {
                precondition(values.count == 1 << numVars, "LookupTable: explicit column needs 2^numVars values")
            }
        }
        self.numVars = numVars
        self.input = input
        self.output = output
    }

    /// The range table {0, …, 2^bits − 1}.
    public static func range(bits: Int) -> LookupTable {
        LookupTable(numVars: bits, input: .identity(offset: .zero))
    }

    /// A function table over inputs offset, offset+1, …, offset + 2^numVars − 1 with listed
    /// outputs (e.g. a signed domain with offset = −2^{numVars−1}).
    ///
    /// - Precondition: `outputs.count` is a power of two (padding would admit inputs outside
    ///   the function's domain).
    public static func function(inputOffset: Goldilocks, outputs: [Goldilocks]) -> LookupTable {
        precondition(!outputs.isEmpty && outputs.count & (outputs.count - 1) == 0,
                     "LookupTable.function: the domain size must be a power of two")
        return LookupTable(numVars: outputs.count.trailingZeroBitCount,
                           input: .identity(offset: inputOffset), output: .explicit(outputs))
    }

    /// An explicit table of rows; padded to a power of two by repeating row 0 (a duplicate row
    /// changes no membership).
    public static func explicit(inputs: [Goldilocks], outputs: [Goldilocks]? = nil) -> LookupTable {
        precondition(!inputs.isEmpty && (outputs == nil || outputs!.count == inputs.count),
                     "LookupTable.explicit: rows must be non-empty and aligned")
        let size = inputs.count.nextPowerOfTwo
        func pad(_ v: [Goldilocks]) -> [Goldilocks] { v + Array(repeating: v[0], count: size - v.count) }
        return LookupTable(numVars: size.trailingZeroBitCount, input: .explicit(pad(inputs)),
                           output: outputs.map { .explicit(pad($0)) })
    }

    public var size: Int { 1 << numVars }
    /// The committed columns, input first: their MLE values at the table point are claims.
    var committedColumns: [Column] { ([input] + (output.map { [$0] } ?? [])).filter(\.isCommitted) }
    public var hasOutput: Bool { output != nil }

    /// Row j's value in `column`.
    static func value(_ column: Column, _ j: Int) -> Goldilocks {
        switch column {
        case .identity(let offset): return offset + Goldilocks(UInt64(j))
        case .explicit(let values), .committed(let values): return values[j]
        case .structured(let value, _): return value(j)
        }
    }

    /// The column's MLE at r ∈ K^numVars.
    static func evaluate(_ column: Column, at r: [GoldilocksExt2]) -> GoldilocksExt2 {
        switch column {
        case .identity(let offset):
            // Σ_j eq(r, j)·j = Σ_k 2^{n−1−k}·r_k since the MLE of a bit is the coordinate.
            var acc = GoldilocksExt2(offset)
            for (k, rk) in r.enumerated() { acc += rk * Goldilocks(1 << UInt64(r.count - 1 - k)) }
            return acc
        case .explicit(let values):
            return MultilinearPolynomial(evaluations: values).evaluate(at: r)
        case .structured(_, let mle):
            return mle(r)
        case .committed(let values):
            return MultilinearPolynomial(evaluations: values).evaluate(at: r)
        }
    }

    /// The folded row t_j = input_j + β·output_j (the input alone for a single-column table).
    func row(_ j: Int, beta: GoldilocksExt2) -> GoldilocksExt2 {
        let x = GoldilocksExt2(Self.value(input, j))
        guard let output else { return x }
        return x + beta * Self.value(output, j)
    }

    /// t̃(r) = input̃(r) + β·output̃(r), computed by the verifier; committed columns take the
    /// prover's values `committed` (input first) instead.
    ///
    /// - Precondition: one value in `committed` per committed column.
    public func evaluate(at r: [GoldilocksExt2], beta: GoldilocksExt2, committed: [GoldilocksExt2] = []) -> GoldilocksExt2 {
        precondition(r.count == numVars, "LookupTable.evaluate: point length")
        precondition(committed.count == committedColumns.count, "LookupTable.evaluate: committed column values")
        var next = 0
        func value(_ column: Column) -> GoldilocksExt2 {
            guard column.isCommitted else { return Self.evaluate(column, at: r) }
            next += 1
            return committed[next - 1]
        }
        let x = value(input)
        guard let output else { return x }
        return x + beta * value(output)
    }

    /// The row index of (input, output), or `nil` if the table has no such row.
    func rowIndex(input x: Goldilocks, output y: Goldilocks?, index: [RowKey: Int]?) -> Int? {
        let j: Int?
        if case .identity(let offset) = input {
            let delta = (x - offset).value
            j = delta < UInt64(size) ? Int(delta) : nil
        } else {
            j = index?[RowKey(input: x, output: output == nil ? nil : y)]
        }
        guard let j else { return nil }
        if let output {
            guard let y, Self.value(output, j) == y else { return nil }
        }
        return j
    }

    /// A hash index of the rows (for non-identity input columns).
    func rowIndexMap() -> [RowKey: Int]? {
        if case .identity = input { return nil }
        var map = [RowKey: Int](minimumCapacity: size)
        for j in 0..<size {
            let key = RowKey(input: Self.value(input, j), output: output.map { Self.value($0, j) })
            if map[key] == nil { map[key] = j }
        }
        return map
    }
}

struct RowKey: Hashable {
    var input: Goldilocks
    var output: Goldilocks?
}
