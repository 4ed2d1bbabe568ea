/// Metadata value type codes of the GGUF specification (ggml `docs/gguf.md`, `gguf_type`).
public enum GGUFValueType: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    case uint8 = 0, int8 = 1, uint16 = 2, int16 = 3, uint32 = 4, int32 = 5, float32 = 6, bool = 7
    case string = 8, array = 9, uint64 = 10, int64 = 11, float64 = 12

    /// Bytes one value of this type occupies at least (strings: the length prefix; arrays: type
    /// code and count). Used to reject counts that cannot fit in the remaining bytes.
    var minimumEncodedSize: Int {
        switch self {
        case .uint8, .int8, .bool: 1
        case .uint16, .int16: 2
        case .uint32, .int32, .float32: 4
        case .uint64, .int64, .float64, .string: 8
        case .array: 12
        }
    }

    public var description: String {
        switch self {
        case .uint8: "u8"
        case .int8: "i8"
        case .uint16: "u16"
        case .int16: "i16"
        case .uint32: "u32"
        case .int32: "i32"
        case .float32: "f32"
        case .bool: "bool"
        case .string: "str"
        case .array: "arr"
        case .uint64: "u64"
        case .int64: "i64"
        case .float64: "f64"
        }
    }
}

/// A GGUF metadata value.
public enum GGUFValue: Sendable, Equatable {
    case uint8(UInt8), int8(Int8), uint16(UInt16), int16(Int16), uint32(UInt32), int32(Int32)
    case float32(Float), bool(Bool), string(String), uint64(UInt64), int64(Int64), float64(Double)
    /// An array; every element has type `elementType` (nested arrays allowed).
    case array(elementType: GGUFValueType, values: [GGUFValue])

    public var type: GGUFValueType {
        switch self {
        case .uint8: .uint8
        case .int8: .int8
        case .uint16: .uint16
        case .int16: .int16
        case .uint32: .uint32
        case .int32: .int32
        case .float32: .float32
        case .bool: .bool
        case .string: .string
        case .uint64: .uint64
        case .int64: .int64
        case .float64: .float64
        case .array: .array
        }
    }

    /// The value as an integer, for any integer type (nil for others or when it does not fit).
    public var intValue: Int? {
        switch self {
        case .uint8(let v): Int(v)
        case .int8(let v): Int(v)
        case .uint16(let v): Int(v)
        case .int16(let v): Int(v)
        case .uint32(let v): Int(v)
        case .int32(let v): Int(v)
        case .uint64(let v): Int(exactly: v)
        case .int64(let v): Int(v)
        default: nil
        }
    }

    /// The value as a double, for float and integer types.
    public var doubleValue: Double? {
        switch self {
        case .float32(let v): Double(v)
        case .float64(let v): v
        default: intValue.map(Double.init)
        }
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }

    public var arrayValues: [GGUFValue]? { if case .array(_, let v) = self { v } else { nil } }

    /// A one-line rendering; arrays longer than `maxElements` are summarised.
    public func summary(maxElements: Int = 8) -> String {
        switch self {
        case .uint8(let v): "\(v)"
        case .int8(let v): "\(v)"
        case .uint16(let v): "\(v)"
        case .int16(let v): "\(v)"
        case .uint32(let v): "\(v)"
        case .int32(let v): "\(v)"
        case .uint64(let v): "\(v)"
        case .int64(let v): "\(v)"
        case .float32(let v): "\(v)"
        case .float64(let v): "\(v)"
        case .bool(let v): "\(v)"
        case .string(let s): quoted(s)
        case .array(let type, let values):
            if values.count <= maxElements {
                "[" + values.map { $0.summary(maxElements: maxElements) }.joined(separator: ", ") + "]"
            } else {
                "[\(type); \(values.count) elements: "
                    + values.prefix(3).map { $0.summary(maxElements: maxElements) }.joined(separator: ", ") + ", …]"
            }
        }
    }
}

/// A string shortened to at most 60 characters, quoted, with control characters escaped.
func quoted(_ s: String) -> String {
    var body = s.count > 60 ? String(s.prefix(57)) + "…" : s
    body = body.unicodeScalars.map { c in
        switch c {
        case "\n": "\\n"
        case "\t": "\\t"
        case "\"": "\\\""
        default: c.value < 0x20 ? "\\u{\(String(c.value, radix: 16))}" : String(c)
        }
    }.joined()
    return "\"" + body + "\""
}
