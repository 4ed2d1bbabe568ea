/// The `.zkir` text form: printing.
///
/// Output is deterministic: values are numbered canonically (see `Function.renumbered()`),
/// attribute keys are sorted, metadata keys are sorted, constants appear in table order.
/// Grammar/zkir.ebnf is the grammar; docs/ir.md shows examples.
public enum IRPrinter {
    /// Printing options.
    public struct Options: Sendable {
        /// Constants with more elements than this print as `elided` instead of `dense<[…]>`.
        public var inlineConstantLimit: Int
        /// Whether to print the module's constant table (`global` lines) at all.
        public var printConstants: Bool

        public init(inlineConstantLimit: Int = 16, printConstants: Bool = true) {
            self.inlineConstantLimit = inlineConstantLimit
            self.printConstants = printConstants
        }
    }

    /// The text form of a whole module: metadata, constants (small ones inline, others elided),
    /// functions.
    public static func print(_ module: Module, options: Options = Options()) -> String {
        var out = ""
        for key in module.metadata.keys.sorted() {
            out += "meta \(quoted(key)) = \(quoted(module.metadata[key] ?? ""))\n"
        }
        if options.printConstants {
            for name in module.constants.names {
                guard let data = module.constants[name] else { continue }
                out += "global @\(symbol(name)) : \(typeText(data.type)) = \(globalValue(data, options))\n"
            }
        }
        for function in module.functions {
            if !out.isEmpty { out += "\n" }
            out += print(function)
        }
        return out
    }

    /// The text form of one function, canonically numbered.
    public static func print(_ function: Function) -> String {
        let f = function.renumbered()
        var out = "func @\(symbol(f.name))("
        out += f.arguments.map { "\($0.value): \(typeText($0.type)) {name = \(quoted($0.name))}" }.joined(separator: ", ")
        out += ") -> ("
        out += f.results.enumerated().map { i, v in
            let name = i < f.resultNames.count ? f.resultNames[i] : ""
            return "\(typeText(f.types[v])) {name = \(quoted(name))}"
        }.joined(separator: ", ")
        out += ") {\n"
        for op in f.operations { out += "  " + opText(op, f) + "\n" }
        out += "  return" + (f.results.isEmpty ? "" : " " + f.results.map(\.description).joined(separator: ", "))
        out += "\n}\n"
        return out
    }

    static func opText(_ op: Operation, _ f: Function) -> String {
        var s = op.results.map(\.description).joined(separator: ", ") + " = " + op.kind.rawValue
        var attributes = op.attributes
        let shortConstant = op.kind == .constant && op.operands.isEmpty && op.results.count == 1
        if shortConstant {
            if case .string(let name)? = attributes["name"] {
                s += " @" + symbol(name)
                attributes["name"] = nil
            } else if let value = attributes["value"], let dense = denseText(value, f.types[op.results[0]]) {
                s += " " + dense
                attributes["value"] = nil
            }
        } else if !op.operands.isEmpty {
            s += " " + op.operands.map(\.description).joined(separator: ", ")
        }
        if !attributes.isEmpty { s += " " + attributeDictionary(attributes) }
        if shortConstant {
            s += " : " + typeText(f.types[op.results[0]])
        } else {
            s += " : (" + op.operands.map { typeText(f.types[$0]) }.joined(separator: ", ") + ") -> "
            let results = op.results.map { typeText(f.types[$0]) }
            s += results.count == 1 ? results[0] : "(" + results.joined(separator: ", ") + ")"
        }
        if let origin = op.origin { s += " loc(\(quoted(origin)))" }
        return s
    }

    /// `{a = 1, b = "x"}` with keys sorted.
    public static func attributeDictionary(_ attributes: [String: Attribute]) -> String {
        "{" + attributes.keys.sorted().map { key in
            "\(isBareIdentifier(key) ? key : quoted(key)) = \(attributeText(attributes[key] ?? .int(0)))"
        }.joined(separator: ", ") + "}"
    }

    /// The text of one attribute value.
    public static func attributeText(_ attribute: Attribute) -> String {
        switch attribute {
        case .int(let v): "\(v)"
        case .float(let v): floatText(v)
        case .ints(let v): "array<i64" + (v.isEmpty ? "" : ": " + v.map { "\($0)" }.joined(separator: ", ")) + ">"
        case .floats(let v): "array<f64" + (v.isEmpty ? "" : ": " + v.map(floatText).joined(separator: ", ")) + ">"
        case .string(let v): quoted(v)
        case .type(let t): typeText(t)
        }
    }

    /// `dense<[…]>` for an inline `value`, when it reads back unambiguously.
    static func denseText(_ value: Attribute, _ type: TensorType?) -> String? {
        let isFloatType = type?.element == .f32
        switch value {
        case .ints(let v) where !v.isEmpty || !isFloatType:
            return "dense<[" + v.map { "\($0)" }.joined(separator: ", ") + "]>"
        case .floats(let v) where !v.isEmpty || isFloatType:
            return "dense<[" + v.map(floatText).joined(separator: ", ") + "]>"
        default:
            return nil
        }
    }

    static func globalValue(_ data: TensorData, _ options: Options) -> String {
        guard data.elementCount <= options.inlineConstantLimit else { return "elided" }
        switch data.storage {
        case .float32(let v): return "dense<[" + v.map { "\($0)" }.joined(separator: ", ") + "]>"
        case .int64(let v): return "dense<[" + v.map { "\($0)" }.joined(separator: ", ") + "]>"
        case .ternary, .external: return "elided"
        }
    }

    /// Shortest text that reads back to the same `Double`; always contains `.`, `e`, `inf` or `nan`.
    static func floatText(_ v: Double) -> String {
        let s = "\(v)"
        return s.contains(where: { $0 == "." || $0 == "e" || $0 == "n" }) ? s : s + ".0"
    }

    /// `tensor<16x?xf32>`, `tensor<*xi64>`, `tensor<f32>` (rank 0).
    public static func typeText(_ type: TensorType?) -> String {
        guard let type else { return "!unknown" }
        let element = elementText(type.element)
        guard let shape = type.shape else { return "tensor<*x\(element)>" }
        return "tensor<" + shape.map { $0 >= 0 ? "\($0)x" : "?x" }.joined() + element + ">"
    }

    public static func elementText(_ element: ElementType) -> String {
        switch element {
        case .f32: "f32"
        case .i64: "i64"
        case .i32: "i32"
        case .bool: "i1"
        case .fixed(let bits, let scale): "!fx<int\(bits), s=\(scale)>"
        case .ternary: "!tern"
        }
    }

    static func isSymbolCharacter(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 46 || c == 36 || c == 45
    }

    static func isBareIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first, !(first >= 48 && first <= 57), first != 45, first != 46 else { return false }
        return s.utf8.allSatisfy { isSymbolCharacter($0) && $0 != 45 && $0 != 36 }
    }

    /// A symbol name after `@`: bare when it consists of `[A-Za-z0-9_.$-]`, quoted otherwise.
    static func symbol(_ name: String) -> String {
        !name.isEmpty && name.utf8.allSatisfy(isSymbolCharacter) ? name : quoted(name)
    }

    /// A double-quoted string with `\\`, `\"`, `\n`, `\t`, `\r` and `\u{…}` escapes.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
