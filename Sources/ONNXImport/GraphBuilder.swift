import TensorIR

/// Builds one TensorIR function from an ONNX graph.
struct GraphBuilder {
    let file: String
    let options: ONNXImportOptions
    var opset: Int64 = 17
    var function = Function(name: "main")
    var constants = ConstantTable()
    var values: [String: ValueID] = [:]
    var initializers: [String: ProtoTensor] = [:]
    var mapped: [String: MappedFile] = [:]
    var directory = "."

    init(file: String, options: ONNXImportOptions) {
        self.file = file
        self.options = options
    }

    mutating func build(_ g: ProtoGraph, directory: String) throws(ONNXError) {
        self.directory = directory
        for t in g.initializers { initializers[t.name] = t }
        for input in g.inputs where initializers[input.name] == nil {
            let shape = input.dims.map { dims in dims.map { bind($0) } }
            let element = ONNXDataType.element(input.elemType) ?? .f32
            values[input.name] = function.addArgument(name: input.name, type: TensorType(element, shape))
        }
        for node in try topologicalOrder(g) { try emit(node) }
        var results: [ValueID] = []
        for out in g.outputs {
            guard let v = try value(out.name, node: "graph output", opType: "output") else {
                throw .undefinedInput(file: file, node: "graph output", opType: "output", input: out.name)
            }
            results.append(v)
        }
        function.setResults(results, names: g.outputs.map(\.name))
    }

    func bind(_ d: ProtoDim) -> Int {
        switch d {
        case .value(let v): return v >= 0 && v < (1 << 40) ? Int(v) : -1
        case .unknown: return -1
        case .param(let name):
            if let v = options.dimBindings[name] { return v }
            if let s = options.seqLen, name.lowercased().contains("seq") { return s }
            return -1
        }
    }

    /// Orders nodes so every input is defined first (Kahn's algorithm); reports undefined inputs and cycles.
    func topologicalOrder(_ g: ProtoGraph) throws(ONNXError) -> [ProtoNode] {
        var producer: [String: Int] = [:]
        for (i, n) in g.nodes.enumerated() { for o in n.outputs where !o.isEmpty { producer[o] = i } }
        var pending = [Int](repeating: 0, count: g.nodes.count)
        var users: [[Int]] = Array(repeating: [], count: g.nodes.count)
        for (i, n) in g.nodes.enumerated() {
            for input in n.inputs where !input.isEmpty {
                if let p = producer[input] {
                    pending[i] += 1
                    users[p].append(i)
                } else if values[input] == nil && initializers[input] == nil {
                    throw .undefinedInput(file: file, node: n.name, opType: n.opType, input: input)
                }
            }
        }
        var ready = (0..<g.nodes.count).filter { pending[$0] == 0 }.reversed() as [Int]
        var order: [ProtoNode] = []
        while let i = ready.popLast() {
            order.append(g.nodes[i])
            for u in users[i] {
                pending[u] -= 1
                if pending[u] == 0 { ready.append(u) }
            }
        }
        if order.count < g.nodes.count, let i = pending.firstIndex(where: { $0 > 0 }) {
            throw .cycle(file: file, node: g.nodes[i].name, opType: g.nodes[i].opType)
        }
        return order
    }

    /// The value named `name`, materializing an initializer as a `constant` op on first use.
    mutating func value(_ name: String, node: String, opType: String) throws(ONNXError) -> ValueID? {
        if let v = values[name] { return v }
        guard let t = initializers[name] else { return nil }
        let data = try t.tensorData(file: file, directory: directory, mapped: &mapped)
        return addConstant(name, data)
    }

    mutating func addConstant(_ name: String, _ data: TensorData) -> ValueID {
        constants[name] = data
        let v = function.append(.constant, [], type: data.type, attributes: ["name": .string(name)], origin: name)
        values[name] = v
        return v
    }
}
