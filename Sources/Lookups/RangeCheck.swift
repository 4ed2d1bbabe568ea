public import Fields

/// Range checks x ∈ [0, 2^bits) by LogUp against identity tables.
///
/// bits ≤ 16: one lookup into {0, …, 2^bits − 1}. bits > 16: x = Σ_l 2^{16·l}·limb_l with limbs
/// of 16 bits (the top limb takes the remaining bits, so its table is smaller and the bound is
/// exact). Each limb is one lookup of the same length, so in one LogUp batch all limb claims
/// land at the same point ρ. The recomposition is a linear relation the CALLER must check:
/// x̃(ρ) = Σ_l 2^{16·l}·limb̃_l(ρ) (``recompose(limbEvaluations:)``), with the limbs committed
/// as advice. A signed range [−2^{bits−1}, 2^{bits−1}) is checked on x + 2^{bits−1}.
public enum RangeCheck {
    /// Widest limb (the table size is 2^16).
    public static let limbBits = 16

    /// Limb widths, least significant first: 40 → [16, 16, 8].
    public static func limbWidths(bits: Int) -> [Int] {
        precondition(bits >= 1 && bits <= 63, "RangeCheck: bits must be in 1…63")
        var widths = [Int]()
        var remaining = bits
        while remaining > 0 {
            widths.append(min(limbBits, remaining))
            remaining -= limbBits
        }
        return widths
    }

    /// The limbs of every value (limbs[l][i]), throwing if a value is not below 2^bits.
    public static func limbs(of values: [Goldilocks], bits: Int) throws(LookupError) -> [[Goldilocks]] {
        let widths = limbWidths(bits: bits)
        for (i, v) in values.enumerated() where bits < 64 && v.value >> UInt64(bits) != 0 {
            throw .valueOutOfRange(index: i, bits: bits)
        }
        return widths.indices.map { l in
            let shift = UInt64(l * limbBits), mask = (UInt64(1) << UInt64(widths[l])) - 1
            return values.map { Goldilocks(($0.value >> shift) & mask) }
        }
    }

    /// One honest lookup witness per limb, into ``LookupTable/range(bits:)`` tables.
    public static func witnesses(for values: [Goldilocks], bits: Int) throws(LookupError) -> [LookupWitness] {
        let limbs = try limbs(of: values, bits: bits)
        let widths = limbWidths(bits: bits)
        var result = [LookupWitness]()
        for (limb, width) in zip(limbs, widths) {
            result.append(try LookupWitness(table: .range(bits: width), inputs: limb))
        }
        return result
    }

    /// The statements the verifier uses for a range check of `count` values.
    public static func statements(count: Int, bits: Int) -> [LookupStatement] {
        limbWidths(bits: bits).map { LookupStatement(table: .range(bits: $0), count: count) }
    }

    /// Σ_l 2^{16·l}·limbEvaluations[l]: the value x̃(ρ) must equal.
    public static func recompose(limbEvaluations: [GoldilocksExt2]) -> GoldilocksExt2 {
        var acc = GoldilocksExt2.zero
        for (l, value) in limbEvaluations.enumerated() {
            acc += value * Goldilocks(UInt64(1) << UInt64(l * limbBits))
        }
        return acc
    }
}
