extension Int {
    /// The smallest power of two ≥ self (1 for self ≤ 1).
    @inlinable public var nextPowerOfTwo: Int {
        self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount)
    }

    /// log₂ of a power of two.
    @inlinable public var log2: Int {
        precondition(self > 0 && self & (self - 1) == 0, "log2: not a power of two")
        return trailingZeroBitCount
    }
}
