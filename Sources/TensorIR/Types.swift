/// Element types of TensorIR tensors.
///
/// `f32` for the float graph; `i64`/`i32`/`bool` for shapes, token ids and masks; after
/// `quantize`, `fixed` integers carry a power-of-two scale exponent (value = int · 2^−scale), and
/// `ternary` marks {−1, 0, +1} weights whose per-tensor scale lives in the constant.
public enum ElementType: Hashable, Sendable {
    case f32
    case i64
    case i32
    case bool
    /// Fixed point: `bits`-wide signed integers, value = int · 2^(−scale).  Text: `!fx<int32, s=12>`.
    case fixed(bits: Int, scale: Int)
    /// Ternary weights {−1, 0, +1}.  Text: `!tern`.
    case ternary

    public var isFloat: Bool { self == .f32 }
    /// Whether this is a fixed-point type.
    public var isFixed: Bool { if case .fixed = self { true } else { false } }
    public var isInteger: Bool {
        switch self {
        case .i64, .i32, .bool, .fixed, .ternary: true
        case .f32: false
        }
    }
}

/// A tensor type: element type and shape. A dimension of −1 is not yet known (printed `?`);
/// `shape == nil` means even the rank is unknown (printed `tensor<*xf32>`). After
/// `canonicalize` every shape is static.
public struct TensorType: Hashable, Sendable {
    public var element: ElementType
    public var shape: [Int]?

    public init(_ element: ElementType, _ shape: [Int]?) {
        self.element = element
        self.shape = shape
    }

    public static func f32(_ shape: [Int]) -> TensorType { TensorType(.f32, shape) }
    public static func i64(_ shape: [Int]) -> TensorType { TensorType(.i64, shape) }

    public var rank: Int? { shape?.count }
    /// Whether the rank and every dimension are known.
    public var isStatic: Bool { shape.map { $0.allSatisfy { $0 >= 0 } } ?? false }
    /// Number of elements, when static (nil if it overflows `Int`).
    public var elementCount: Int? {
        guard isStatic, let shape else { return nil }
        var count = 1
        for d in shape {
            let (p, overflow) = count.multipliedReportingOverflow(by: d)
            if overflow { return nil }
            count = p
        }
        return count
    }
}

/// An SSA value: a function argument or an op result, numbered within its function.
public struct ValueID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var raw: Int
    public init(_ raw: Int) { self.raw = raw }
    public static func < (a: ValueID, b: ValueID) -> Bool { a.raw < b.raw }
    public var description: String { "%\(raw)" }
}

/// Op attributes (MLIR-style, by name).
public enum Attribute: Hashable, Sendable {
    case int(Int64)
    case float(Double)
    case ints([Int64])
    case floats([Double])
    case string(String)
    case type(TensorType)

    public var intValue: Int64? { if case .int(let v) = self { v } else { nil } }
    public var floatValue: Double? {
        switch self {
        case .float(let v): v
        case .int(let v): Double(v)
        default: nil
        }
    }
    public var intsValue: [Int64]? {
        switch self {
        case .ints(let v): v
        case .int(let v): [v]
        default: nil
        }
    }
    public var stringValue: String? { if case .string(let v) = self { v } else { nil } }
}
