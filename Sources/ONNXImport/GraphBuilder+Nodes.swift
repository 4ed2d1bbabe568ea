import TensorIR

extension GraphBuilder {
    /// Emits the TensorIR op(s) for one ONNX node.
    mutating func emit(_ n: ProtoNode) throws(ONNXError) {
        let name = n.name.isEmpty ? "\(n.opType)#\(function.operations.count)" : n.name
        if !(n.domain.isEmpty || n.domain == "ai.onnx") {
            throw .unknownDomain(file: file, node: name, opType: n.opType, domain: n.domain)
        }
        guard let kind = ONNXImporter.opMap[n.opType] else { throw .unknownOp(file: file, node: name, opType: n.opType) }
        func invalid(_ d: String) -> ONNXError { .invalidNode(file: file, node: name, opType: n.opType, detail: d) }
        func badAttr(_ a: String, _ d: String) -> ONNXError {
            .unsupportedAttribute(file: file, node: name, opType: n.opType, attribute: a, detail: d)
        }
        // Operands: drop trailing empty optional inputs; an empty one in the middle is unsupported.
        var inputNames = n.inputs
        while let last = inputNames.last, last.isEmpty { inputNames.removeLast() }
        var operands: [ValueID] = []
        for i in inputNames {
            guard !i.isEmpty else { throw invalid("an omitted optional input before a present one is not supported") }
            guard let v = try value(i, node: name, opType: n.opType) else {
                throw .undefinedInput(file: file, node: name, opType: n.opType, input: i)
            }
            operands.append(v)
        }
        guard let firstOut = n.outputs.first, !firstOut.isEmpty else { throw invalid("the node has no output") }
        var attrs: [String: Attribute] = [:]
        func int(_ k: String) -> Int64? { if case .int(let v)? = n.attributes[k] { v } else { nil } }
        func float(_ k: String) -> Float? { if case .float(let v)? = n.attributes[k] { v } else { nil } }
        func ints(_ k: String) -> [Int64]? { if case .ints(let v)? = n.attributes[k] { v } else { nil } }
        func string(_ k: String) -> String? { if case .string(let v)? = n.attributes[k] { v } else { nil } }
        func need(_ count: Int) throws(ONNXError) {
            guard operands.count >= count else { throw invalid("expects at least \(count) inputs, has \(operands.count)") }
        }
        var element: ElementType = operands.first.flatMap { function.type(of: $0)?.element } ?? .f32
        var resultCount = 1

        switch n.opType {
        case "Constant":
            let data: TensorData
            if case .tensor(let t)? = n.attributes["value"] {
                data = try t.tensorData(file: file, directory: directory, mapped: &mapped)
            } else if let f = float("value_float") {
                data = TensorData(floats: [f], shape: [])
            } else if case .floats(let f)? = n.attributes["value_floats"] {
                data = TensorData(floats: f, shape: [f.count])
            } else if let i = int("value_int") {
                data = TensorData(int64s: [i], shape: [])
            } else if let i = ints("value_ints") {
                data = TensorData(int64s: i, shape: [i.count])
            } else {
                throw badAttr("value", "only value, value_float(s) and value_int(s) are supported")
            }
            _ = addConstant(firstOut, data)
            return
        case "Gemm":
            try need(2)
            attrs = ["alpha": .float(Double(float("alpha") ?? 1)), "beta": .float(Double(float("beta") ?? 1)),
                     "trans_a": .int(int("transA") ?? 0), "trans_b": .int(int("transB") ?? 0)]
        case "ReduceMean", "ReduceSum", "ReduceMax":
            try need(1)
            attrs["keepdims"] = .int(int("keepdims") ?? 1)
            if let a = ints("axes") {
                attrs["axes"] = .ints(a)
            } else if inputNames.count > 1 {
                guard let t = initializers[inputNames[1]], let a = try? t.tensorData(file: file, directory: directory, mapped: &mapped).int64s() else {
                    throw invalid("the axes input must be a constant initializer")
                }
                attrs["axes"] = .ints(a)
                operands = [operands[0]]
            } else if int("noop_with_empty_axes") == 1 {
                attrs["axes"] = .ints([])
            }
        case "Softmax":
            attrs["axis"] = .int(int("axis") ?? (opset >= 13 ? -1 : 1))
        case "LayerNormalization":
            try need(2)
            attrs = ["axis": .int(int("axis") ?? -1), "epsilon": .float(Double(float("epsilon") ?? 1e-5))]
            if n.outputs.count > 1, n.outputs.dropFirst().contains(where: { !$0.isEmpty }) {
                throw invalid("Mean / InvStdDev outputs are not supported")
            }
        case "Gelu":
            attrs["approximate"] = .string(string("approximate") ?? "none")
        case "Reshape":
            try need(2)
            if int("allowzero") == 1 { throw badAttr("allowzero", "allowzero = 1 is not supported") }
        case "Transpose":
            if let p = ints("perm") { attrs["perm"] = .ints(p) }
        case "Slice":
            try need(3)
        case "Concat":
            guard let a = int("axis") else { throw badAttr("axis", "Concat needs an axis") }
            attrs["axis"] = .int(a)
        case "Split":
            try need(1)
            attrs["axis"] = .int(int("axis") ?? 0)
            resultCount = n.outputs.count
            if let s = ints("split") {
                operands.append(addConstant("\(name).split", TensorData(int64s: s, shape: [s.count])))
            } else if operands.count < 2 {
                attrs["num_outputs"] = .int(int("num_outputs") ?? Int64(n.outputs.count))
            }
        case "Squeeze", "Unsqueeze":
            try need(1)
            if let a = ints("axes") { operands.append(addConstant("\(name).axes", TensorData(int64s: a, shape: [a.count]))) }
            if n.opType == "Unsqueeze", operands.count < 2 { throw invalid("Unsqueeze needs axes") }
        case "Expand", "Where", "Equal", "Less", "Greater", "And", "Or", "Add", "Sub", "Mul", "Div", "Pow", "MatMul":
            try need(2)
            if ["Equal", "Less", "Greater", "And", "Or"].contains(n.opType) { element = .bool }
            if n.opType == "Where", operands.count > 1 { element = function.type(of: operands[1])?.element ?? .f32 }
        case "Gather":
            try need(2)
            attrs["axis"] = .int(int("axis") ?? 0)
        case "Shape":
            element = .i64
            if let s = int("start") { attrs["start"] = .int(s) }
            if let e = int("end") { attrs["end"] = .int(e) }
        case "Cast":
            guard let to = int("to"), let e = ONNXDataType.element(Int32(truncatingIfNeeded: to)) else {
                throw badAttr("to", "unsupported target type")
            }
            element = e
            attrs["to"] = .type(TensorType(e, nil))
        case "Not":
            element = .bool
        case "ConstantOfShape":
            try need(1)
            if case .tensor(let t)? = n.attributes["value"] {
                let d = try t.tensorData(file: file, directory: directory, mapped: &mapped)
                guard d.elementCount == 1 else { throw badAttr("value", "must hold one element") }
                element = d.type.element
                if element == .f32 {
                    attrs["value"] = .floats((try? d.floats().map { Double($0) }) ?? [0])
                } else {
                    attrs["value"] = .ints((try? d.int64s()) ?? [0])
                }
            } else {
                attrs["value"] = .floats([0])
                element = .f32
            }
        case "Range":
            try need(3)
        case "Trilu":
            attrs["upper"] = .int(int("upper") ?? 1)
        case "Conv", "MaxPool", "AveragePool":
            if let p = string("auto_pad"), p != "NOTSET" { throw badAttr("auto_pad", "only NOTSET is supported") }
            if let c = int("ceil_mode"), c != 0 { throw badAttr("ceil_mode", "only ceil_mode = 0 is supported") }
            if n.opType == "MaxPool", n.outputs.count > 1, !n.outputs[1].isEmpty { throw invalid("the Indices output is not supported") }
            for key in ["strides", "pads", "dilations", "kernel_shape"] { if let v = ints(key) { attrs[key] = .ints(v) } }
            if let g = int("group") { attrs["group"] = .int(g) }
            if let c = int("count_include_pad") { attrs["count_include_pad"] = .int(c) }
            if n.opType != "Conv", attrs["kernel_shape"] == nil { throw badAttr("kernel_shape", "is required") }
        case "Flatten":
            attrs["axis"] = .int(int("axis") ?? 1)
        case "Dropout":
            operands = Array(operands.prefix(1))
            if n.outputs.count > 1, !n.outputs[1].isEmpty { throw invalid("the mask output is not supported") }
        default:
            break
        }
        if resultCount == 1 {
            values[firstOut] = function.append(kind, operands, type: TensorType(element, nil), attributes: attrs, origin: name)
        } else {
            let results = function.append(kind, operands, types: Array(repeating: TensorType(element, nil), count: resultCount),
                                          attributes: attrs, origin: name)
            for (o, v) in zip(n.outputs, results) where !o.isEmpty { values[o] = v }
        }
    }
}
