/// One op: kind, operands, results, attributes and where it came from.
public struct Operation: Hashable, Sendable {
    public var kind: OpKind
    public var operands: [ValueID]
    public var results: [ValueID]
    public var attributes: [String: Attribute]
    /// The ONNX node name / GGUF tensor name this op came from, for diagnostics.
    public var origin: String?

    public init(
        _ kind: OpKind, operands: [ValueID], results: [ValueID],
        attributes: [String: Attribute] = [:], origin: String? = nil
    ) {
        self.kind = kind
        self.operands = operands
        self.results = results
        self.attributes = attributes
        self.origin = origin
    }

    public subscript(attribute name: String) -> Attribute? { attributes[name] }
}

/// A function argument.
public struct Argument: Hashable, Sendable {
    public var name: String
    public var value: ValueID
    public var type: TensorType

    public init(name: String, value: ValueID, type: TensorType) {
        self.name = name
        self.value = value
        self.type = type
    }
}

/// A function: arguments, ops in program order (SSA: each value defined once, before use),
/// and named results.
public struct Function: Hashable, Sendable {
    public var name: String
    public var arguments: [Argument]
    public var operations: [Operation]
    public var results: [ValueID]
    public var resultNames: [String]
    /// Type of every value (arguments and op results).
    public var types: [ValueID: TensorType]
    /// Next unused value number.
    public var nextValue: Int

    public init(name: String) {
        self.name = name
        arguments = []
        operations = []
        results = []
        resultNames = []
        types = [:]
        nextValue = 0
    }

    public func type(of value: ValueID) -> TensorType? { types[value] }

    /// A fresh value id of `type`.
    public mutating func makeValue(_ type: TensorType) -> ValueID {
        let id = ValueID(nextValue)
        nextValue += 1
        types[id] = type
        return id
    }

    @discardableResult
    public mutating func addArgument(name: String, type: TensorType) -> ValueID {
        let v = makeValue(type)
        arguments.append(Argument(name: name, value: v, type: type))
        return v
    }

    /// Appends an op with one result of `type`; returns the result.
    @discardableResult
    public mutating func append(
        _ kind: OpKind, _ operands: [ValueID], type: TensorType,
        attributes: [String: Attribute] = [:], origin: String? = nil
    ) -> ValueID {
        let result = makeValue(type)
        operations.append(Operation(kind, operands: operands, results: [result], attributes: attributes, origin: origin))
        return result
    }

    /// Appends an op with several results (e.g. `split`).
    public mutating func append(
        _ kind: OpKind, _ operands: [ValueID], types: [TensorType],
        attributes: [String: Attribute] = [:], origin: String? = nil
    ) -> [ValueID] {
        let results = types.map { makeValue($0) }
        operations.append(Operation(kind, operands: operands, results: results, attributes: attributes, origin: origin))
        return results
    }

    public mutating func setResults(_ values: [ValueID], names: [String]) {
        results = values
        resultNames = names
    }
}

/// A module: functions plus the named constants (weights) they reference.
/// The constants are stored apart from the op list so a text dump stays readable.
public struct Module: Sendable {
    public var functions: [Function]
    public var constants: ConstantTable
    /// Free-form provenance ("onnx opset 17", "gguf llama"), kept for `inspect`.
    public var metadata: [String: String]

    public init(functions: [Function] = [], constants: ConstantTable = ConstantTable(), metadata: [String: String] = [:]) {
        self.functions = functions
        self.constants = constants
        self.metadata = metadata
    }

    /// The entry function (the first one).
    public var main: Function {
        get { functions[0] }
        set { functions[0] = newValue }
    }
}
