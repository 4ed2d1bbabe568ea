/// The `.zkir` text form: parsing (grammar in Grammar/zkir.ebnf).
///
/// A hand-written recursive-descent parser over UTF-8 bytes. Every malformed input yields
/// `IRError.parse(file:line:column:detail:)`; nothing on the input path traps. Values may be
/// written `%0` or `%name`; they are numbered in definition order, so
/// `IRParser.parse(IRPrinter.print(m))` reproduces every function of a canonically numbered `m`.
public enum IRParser {
    /// Parses a module. Constants declared `elided` get an `ElidedTensorPayload`.
    public static func parse(_ text: String, file: String = "<input>") throws(IRError) -> Module {
        var p = IRScanner(Array(text.utf8), file: file)
        return try p.parseModule()
    }

    /// Parses text holding exactly one function.
    public static func parseFunction(_ text: String, file: String = "<input>") throws(IRError) -> Function {
        let module = try parse(text, file: file)
        guard module.functions.count == 1 else {
            throw IRError.parse(file: file, line: 1, column: 1, detail: "expected exactly one function, found \(module.functions.count)")
        }
        return module.functions[0]
    }

    /// Parses a type such as `tensor<2x?xf32>`.
    public static func parseType(_ text: String) throws(IRError) -> TensorType {
        var p = IRScanner(Array(text.utf8), file: "<type>")
        let t = try p.parseType()
        p.skipTrivia()
        guard p.atEnd else { throw p.error("unexpected text after type") }
        return t
    }
}

/// Parser state: bytes, position, line/column for diagnostics.
struct IRScanner {
    let bytes: [UInt8]
    let file: String
    var pos = 0
    var line = 1
    var lineStart = 0
    /// Maximum dimension or list length accepted from text.
    static let sizeLimit = 1 << 40

    init(_ bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    var atEnd: Bool { pos >= bytes.count }
    var peek: UInt8? { pos < bytes.count ? bytes[pos] : nil }
    func peek(at offset: Int) -> UInt8? { pos + offset < bytes.count ? bytes[pos + offset] : nil }

    func error(_ detail: String) -> IRError {
        .parse(file: file, line: line, column: pos - lineStart + 1, detail: detail)
    }

    mutating func advance() {
        guard pos < bytes.count else { return }
        if bytes[pos] == 10 { line += 1; lineStart = pos + 1 }
        pos += 1
    }

    /// Skips blanks and `//` comments.
    mutating func skipTrivia() {
        while let c = peek {
            if c == 32 || c == 9 || c == 10 || c == 13 {
                advance()
            } else if c == 47, peek(at: 1) == 47 {
                while let d = peek, d != 10 { advance() }
            } else {
                return
            }
        }
    }

    /// Consumes `literal` (after trivia) if present.
    mutating func consume(_ literal: String) -> Bool {
        skipTrivia()
        let lit = Array(literal.utf8)
        guard pos + lit.count <= bytes.count, Array(bytes[pos..<pos + lit.count]) == lit else { return false }
        for _ in lit { advance() }
        return true
    }

    mutating func expect(_ literal: String) throws(IRError) {
        guard consume(literal) else { throw error("expected '\(literal)'\(foundText)") }
    }

    var foundText: String {
        guard let c = peek else { return ", found end of input" }
        if c >= 33 && c < 127 { return ", found '\(Character(Unicode.Scalar(c)))'" }
        return ""
    }

    static func isIdentifierByte(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
    }

    /// `[A-Za-z_][A-Za-z0-9_.]*` (after trivia); nil if none.
    mutating func identifier() -> String? {
        skipTrivia()
        guard let c = peek, Self.isIdentifierByte(c), !(c >= 48 && c <= 57) else { return nil }
        let start = pos
        while let d = peek, Self.isIdentifierByte(d) || d == 46 { advance() }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    /// Checks that the next word is `keyword` without consuming it.
    mutating func peekKeyword(_ keyword: String) -> Bool {
        let saved = (pos, line, lineStart)
        defer { (pos, line, lineStart) = saved }
        return identifier() == keyword
    }

    mutating func parseString() throws(IRError) -> String {
        skipTrivia()
        guard peek == 34 else { throw error("expected a string literal\(foundText)") }
        advance()
        var out: [UInt8] = []
        while true {
            guard let c = peek else { throw error("unterminated string literal") }
            if c == 10 { throw error("newline in string literal") }
            advance()
            if c == 34 { break }
            guard c == 92 else { out.append(c); continue }
            guard let e = peek else { throw error("unterminated string literal") }
            advance()
            switch e {
            case 34: out.append(34)
            case 92: out.append(92)
            case 110: out.append(10)
            case 116: out.append(9)
            case 114: out.append(13)
            case 117:
                guard peek == 123 else { throw error("expected '{' after \\u") }
                advance()
                var value: UInt32 = 0
                var digits = 0
                while let h = peek, h != 125 {
                    guard let d = Self.hexValue(h), digits < 6 else { throw error("bad \\u{…} escape") }
                    value = value * 16 + UInt32(d)
                    digits += 1
                    advance()
                }
                guard peek == 125, digits > 0, let scalar = Unicode.Scalar(value) else { throw error("bad \\u{…} escape") }
                advance()
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw error("unknown escape sequence in string literal")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }

    /// `@name` or `@"quoted name"`.
    mutating func parseSymbol() throws(IRError) -> String {
        try expect("@")
        if peek == 34 { return try parseString() }
        let start = pos
        while let c = peek, IRPrinter.isSymbolCharacter(c) { advance() }
        guard pos > start else { throw error("expected a symbol name after '@'") }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    /// `%name` (spelling returned without the `%`).
    mutating func parseValueName() throws(IRError) -> String {
        skipTrivia()
        guard peek == 37 else { throw error("expected a value name like %0\(foundText)") }
        advance()
        let start = pos
        while let c = peek, Self.isIdentifierByte(c) || c == 46 || c == 36 { advance() }
        guard pos > start else { throw error("expected a value name after '%'") }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    /// A numeric literal: returns its text and whether it is a float.
    mutating func numberToken() throws(IRError) -> (text: String, isFloat: Bool) {
        skipTrivia()
        let start = pos
        if peek == 45 || peek == 43 { advance() }
        if let w = identifier() {
            guard w == "inf" || w == "nan" else { throw error("expected a number, found '\(w)'") }
            return (String(decoding: bytes[start..<pos], as: UTF8.self), true)
        }
        var isFloat = false
        var digits = 0
        while let c = peek {
            if c >= 48 && c <= 57 { digits += 1; advance() }
            else if c == 46 && !isFloat { isFloat = true; advance() }
            else if c == 101 || c == 69 {
                isFloat = true
                advance()
                if peek == 45 || peek == 43 { advance() }
            } else { break }
        }
        guard digits > 0 else { throw error("expected a number\(foundText)") }
        return (String(decoding: bytes[start..<pos], as: UTF8.self), isFloat)
    }

    mutating func parseInt() throws(IRError) -> Int64 {
        let (text, isFloat) = try numberToken()
        guard !isFloat, let v = Int64(text) else { throw error("expected an integer, found '\(text)'") }
        return v
    }

    mutating func parseDouble() throws(IRError) -> Double {
        let (text, _) = try numberToken()
        guard let v = Double(text) else { throw error("malformed number '\(text)'") }
        return v
    }

    // MARK: Types

    mutating func parseType() throws(IRError) -> TensorType {
        skipTrivia()
        guard identifier() == "tensor" else { throw error("expected a tensor type like tensor<2x3xf32>") }
        guard consume("<") else { throw error("expected '<' after 'tensor'") }
        var shape: [Int]? = []
        if consume("*") {
            guard consume("x") else { throw error("expected 'x' after '*'") }
            shape = nil
        } else {
            while let c = peek, (c >= 48 && c <= 57) || c == 63 {
                if c == 63 {
                    advance()
                    shape?.append(-1)
                } else {
                    var v = 0
                    while let d = peek, d >= 48 && d <= 57 {
                        v = v * 10 + Int(d - 48)
                        guard v <= Self.sizeLimit else { throw error("dimension too large") }
                        advance()
                    }
                    shape?.append(v)
                }
                guard peek == 120 else { throw error("expected 'x' after a dimension\(foundText)") }
                advance()
                guard (shape?.count ?? 0) <= 64 else { throw error("rank too large") }
            }
        }
        let element = try parseElementType()
        guard consume(">") else { throw error("expected '>' to close the tensor type\(foundText)") }
        return TensorType(element, shape)
    }

    mutating func parseElementType() throws(IRError) -> ElementType {
        skipTrivia()
        if consume("!") {
            switch identifier() {
            case "tern": return .ternary
            case "fx":
                try expect("<")
                guard let w = identifier(), w.hasPrefix("int"), let bits = Int(w.dropFirst(3)), (1...64).contains(bits) else {
                    throw error("expected intN (1 ≤ N ≤ 64) in !fx<…>")
                }
                try expect(",")
                guard identifier() == "s" else { throw error("expected 's=' in !fx<…>") }
                try expect("=")
                let scale = try parseInt()
                guard (-512...512).contains(scale) else { throw error("fixed-point scale out of range") }
                try expect(">")
                return .fixed(bits: bits, scale: Int(scale))
            default:
                throw error("unknown element type; expected !fx<…> or !tern")
            }
        }
        switch identifier() {
        case "f32": return .f32
        case "i64": return .i64
        case "i32": return .i32
        case "i1": return .bool
        case let w?: throw error("unknown element type '\(w)'")
        case nil: throw error("expected an element type\(foundText)")
        }
    }

    // MARK: Attributes

    mutating func parseAttributeDictionary() throws(IRError) -> [String: Attribute] {
        try expect("{")
        var out: [String: Attribute] = [:]
        if consume("}") { return out }
        repeat {
            skipTrivia()
            let key: String
            if peek == 34 { key = try parseString() } else if let k = identifier() { key = k } else {
                throw error("expected an attribute name\(foundText)")
            }
            guard out[key] == nil else { throw error("duplicate attribute '\(key)'") }
            try expect("=")
            out[key] = try parseAttribute()
        } while consume(",")
        try expect("}")
        return out
    }

    mutating func parseAttribute() throws(IRError) -> Attribute {
        skipTrivia()
        guard let c = peek else { throw error("expected an attribute value, found end of input") }
        if c == 34 { return .string(try parseString()) }
        if peekKeyword("tensor") { return .type(try parseType()) }
        if peekKeyword("array") {
            _ = identifier()
            try expect("<")
            let kind = identifier()
            guard kind == "i64" || kind == "f64" else { throw error("expected array<i64…> or array<f64…>") }
            var ints: [Int64] = []
            var floats: [Double] = []
            if consume(":") {
                repeat {
                    if kind == "i64" { ints.append(try parseInt()) } else { floats.append(try parseDouble()) }
                } while consume(",")
            }
            try expect(">")
            return kind == "i64" ? .ints(ints) : .floats(floats)
        }
        let (text, isFloat) = try numberToken()
        if isFloat {
            guard let v = Double(text) else { throw error("malformed number '\(text)'") }
            return .float(v)
        }
        guard let v = Int64(text) else { throw error("integer '\(text)' out of range") }
        return .int(v)
    }

    /// `dense<[…]>`: all integers → `.ints`, any float spelling → `.floats`; empty → by `isFloat`.
    mutating func parseDense(preferFloat: Bool) throws(IRError) -> Attribute {
        guard identifier() == "dense" else { throw error("expected 'dense'") }
        try expect("<")
        try expect("[")
        var tokens: [(String, Bool)] = []
        if !consume("]") {
            repeat {
                tokens.append(try numberToken())
                guard tokens.count <= Self.sizeLimit else { throw error("literal too long") }
            } while consume(",")
            try expect("]")
        }
        try expect(">")
        let anyFloat = tokens.isEmpty ? preferFloat : tokens.contains { $0.1 }
        if anyFloat {
            var out: [Double] = []
            for (t, _) in tokens {
                guard let v = Double(t) else { throw error("malformed number '\(t)'") }
                out.append(v)
            }
            return .floats(out)
        }
        var out: [Int64] = []
        for (t, _) in tokens {
            guard let v = Int64(t) else { throw error("integer '\(t)' out of range") }
            out.append(v)
        }
        return .ints(out)
    }
}
