/// Module, function and op syntax of the `.zkir` text form.
extension IRScanner {
    mutating func parseModule() throws(IRError) -> Module {
        var module = Module()
        var functionNames: Set<String> = []
        while true {
            skipTrivia()
            if atEnd { return module }
            switch identifier() {
            case "meta":
                let key = try parseString()
                try expect("=")
                guard module.metadata[key] == nil else { throw error("duplicate meta key \"\(key)\"") }
                module.metadata[key] = try parseString()
            case "global":
                try parseGlobal(into: &module)
            case "func":
                let f = try parseFunction()
                guard functionNames.insert(f.name).inserted else { throw error("function @\(f.name) is defined twice") }
                module.functions.append(f)
            case let w?:
                throw error("expected 'func', 'global' or 'meta', found '\(w)'")
            case nil:
                throw error("expected 'func', 'global' or 'meta'\(foundText)")
            }
        }
    }

    mutating func parseGlobal(into module: inout Module) throws(IRError) {
        let name = try parseSymbol()
        guard !module.constants.contains(name) else { throw error("global @\(name) is defined twice") }
        try expect(":")
        let type = try parseType()
        try expect("=")
        if peekKeyword("elided") {
            _ = identifier()
            let count = type.elementCount ?? 0
            module.constants[name] = TensorData(type: type, storage: .external(ElidedTensorPayload(name: name, elementCount: count)))
            return
        }
        let value = try parseDense(preferFloat: type.element == .f32)
        if let count = type.elementCount, count != (value.intsValue?.count ?? value.floatsCount) {
            throw error("global @\(name) has \(value.intsValue?.count ?? value.floatsCount) values but its type holds \(count)")
        }
        switch (type.element, value) {
        case (.f32, .floats(let v)): module.constants[name] = TensorData(type: type, storage: .float32(v.map { Float($0) }))
        case (.f32, .ints(let v)): module.constants[name] = TensorData(type: type, storage: .float32(v.map { Float($0) }))
        case (_, .ints(let v)) where type.element != .f32: module.constants[name] = TensorData(type: type, storage: .int64(v))
        default: throw error("global @\(name): float values for an integer type")
        }
    }

    mutating func parseFunction() throws(IRError) -> Function {
        var f = Function(name: try parseSymbol())
        var values: [String: ValueID] = [:]
        try expect("(")
        if !consume(")") {
            repeat {
                let name = try parseValueName()
                guard values[name] == nil else { throw error("value %\(name) is defined twice") }
                try expect(":")
                let type = try parseType()
                let argName = try parseNameAnnotation()
                values[name] = f.addArgument(name: argName, type: type)
            } while consume(",")
            try expect(")")
        }
        try expect("->")
        try expect("(")
        var resultTypes: [TensorType] = []
        var resultNames: [String] = []
        if !consume(")") {
            repeat {
                resultTypes.append(try parseType())
                resultNames.append(try parseNameAnnotation())
            } while consume(",")
            try expect(")")
        }
        try expect("{")
        while true {
            skipTrivia()
            if peekKeyword("return") {
                _ = identifier()
                var results: [ValueID] = []
                skipTrivia()
                if peek == 37 {
                    repeat { results.append(try use(&values)) } while consume(",")
                }
                guard results.count == resultTypes.count else {
                    throw error("return has \(results.count) values but the signature declares \(resultTypes.count)")
                }
                for (v, t) in zip(results, resultTypes) where f.types[v] != t {
                    throw error("returned value has type \(IRPrinter.typeText(f.types[v])), signature says \(IRPrinter.typeText(t))")
                }
                f.setResults(results, names: resultNames)
                try expect("}")
                return f
            }
            try parseOperation(into: &f, values: &values)
        }
    }

    /// `{name = "x"}`, or nothing (empty name).
    mutating func parseNameAnnotation() throws(IRError) -> String {
        skipTrivia()
        guard peek == 123 else { return "" }
        let attributes = try parseAttributeDictionary()
        guard attributes.count == 1, let name = attributes["name"]?.stringValue else {
            throw error("expected {name = \"…\"}")
        }
        return name
    }

    mutating func use(_ values: inout [String: ValueID]) throws(IRError) -> ValueID {
        let name = try parseValueName()
        guard let v = values[name] else { throw error("use of undefined value %\(name)") }
        return v
    }

    mutating func parseTypeList() throws(IRError) -> [TensorType] {
        try expect("(")
        var out: [TensorType] = []
        if consume(")") { return out }
        repeat { out.append(try parseType()) } while consume(",")
        try expect(")")
        return out
    }

    mutating func parseOperation(into f: inout Function, values: inout [String: ValueID]) throws(IRError) {
        var resultNames: [String] = []
        repeat {
            let name = try parseValueName()
            guard values[name] == nil, !resultNames.contains(name) else { throw error("value %\(name) is defined twice") }
            resultNames.append(name)
        } while consume(",")
        try expect("=")
        skipTrivia()
        guard let opName = identifier() else { throw error("expected an op name\(foundText)") }
        guard let kind = OpKind(rawValue: opName) else { throw error("unknown op '\(opName)'") }
        var operands: [ValueID] = []
        var attributes: [String: Attribute] = [:]
        var shortConstant = false
        skipTrivia()
        if kind == .constant, peek == 64 {
            attributes["name"] = .string(try parseSymbol())
            shortConstant = true
        } else if kind == .constant, peekKeyword("dense") {
            let saved = (pos, line, lineStart)
            _ = try parseDense(preferFloat: false)
            // The element type decides an empty literal; read the type first, then re-read.
            try expect(":")
            let preferFloat = (try? parseType())?.element == .f32
            (pos, line, lineStart) = saved
            attributes["value"] = try parseDense(preferFloat: preferFloat)
            shortConstant = true
        } else if peek == 37 {
            repeat { operands.append(try use(&values)) } while consume(",")
        }
        skipTrivia()
        if peek == 123 {
            for (k, v) in try parseAttributeDictionary() {
                guard attributes[k] == nil else { throw error("duplicate attribute '\(k)'") }
                attributes[k] = v
            }
        }
        try expect(":")
        skipTrivia()
        let resultTypes: [TensorType]
        if peek == 40 {
            guard !shortConstant else { throw error("expected the constant's result type") }
            let operandTypes = try parseTypeList()
            guard operandTypes.count == operands.count else {
                throw error("\(operands.count) operands but \(operandTypes.count) operand types")
            }
            for (v, t) in zip(operands, operandTypes) where f.types[v] != t {
                throw error("operand type \(IRPrinter.typeText(t)) does not match its definition \(IRPrinter.typeText(f.types[v]))")
            }
            try expect("->")
            skipTrivia()
            resultTypes = peek == 40 ? try parseTypeList() : [try parseType()]
        } else {
            guard kind == .constant else { throw error("expected '(' starting the op's function type") }
            resultTypes = [try parseType()]
        }
        guard resultTypes.count == resultNames.count else {
            throw error("\(resultNames.count) results but \(resultTypes.count) result types")
        }
        var origin: String?
        if peekKeyword("loc") {
            _ = identifier()
            try expect("(")
            origin = try parseString()
            try expect(")")
        }
        let results = f.append(kind, operands, types: resultTypes, attributes: attributes, origin: origin)
        for (name, v) in zip(resultNames, results) { values[name] = v }
    }
}

extension Attribute {
    var floatsCount: Int { if case .floats(let v) = self { v.count } else { 0 } }
}
