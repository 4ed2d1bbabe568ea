/// A concrete tensor for the float interpreter: a row-major shape and its values.
///
/// `f32` tensors keep their values in `floats`; `i64` and `bool` tensors (bool as 0/1) in `ints`.
public struct Tensor: Sendable, Equatable {
    public var shape: [Int]
    public var element: ElementType
    public var floats: [Float]
    public var ints: [Int64]

    /// A float tensor. `floats.count` must equal the product of `shape`.
    public init(shape: [Int], floats: [Float]) {
        precondition(shape.reduce(1, *) == floats.count, "shape does not match the value count")
        self.shape = shape
        element = .f32
        self.floats = floats
        ints = []
    }

    /// An integer (`i64`) or boolean (`bool`, values 0/1) tensor.
    public init(shape: [Int], int64s: [Int64], element: ElementType = .i64) {
        precondition(shape.reduce(1, *) == int64s.count, "shape does not match the value count")
        self.shape = shape
        self.element = element == .bool ? .bool : .i64
        floats = []
        ints = int64s
    }

    public var count: Int { shape.reduce(1, *) }
    public var isFloat: Bool { element == .f32 }

    /// The values as floats (converting integers).
    public var asFloats: [Float] { isFloat ? floats : ints.map { Float($0) } }
    /// The values as integers (truncating floats; non-finite values become 0).
    public var asInt64s: [Int64] {
        isFloat ? floats.map { $0.isFinite && abs($0) < 9.2e18 ? Int64($0) : 0 } : ints
    }
}
