/// Canonical value numbering.
extension Function {
    /// The function with its values renumbered densely in definition order (arguments first,
    /// then op results in program order), `types` restricted to defined values and `nextValue`
    /// one past the last. The text form always prints this numbering, so
    /// `parse(print(f)) == f.renumbered()` for every well-formed function.
    ///
    /// Values used but never defined keep no type and are numbered after all defined values.
    public func renumbered() -> Function {
        var map: [ValueID: ValueID] = [:]
        var next = 0
        func assign(_ v: ValueID) {
            if map[v] == nil { map[v] = ValueID(next); next += 1 }
        }
        for a in arguments { assign(a.value) }
        for op in operations { for r in op.results { assign(r) } }
        let definedCount = next
        for op in operations { for o in op.operands { assign(o) } }
        for r in results { assign(r) }
        var out = Function(name: name)
        out.arguments = arguments.map { Argument(name: $0.name, value: map[$0.value] ?? $0.value, type: $0.type) }
        out.operations = operations.map { op in
            var op = op
            op.operands = op.operands.map { map[$0] ?? $0 }
            op.results = op.results.map { map[$0] ?? $0 }
            return op
        }
        out.results = results.map { map[$0] ?? $0 }
        out.resultNames = resultNames
        for (old, new) in map where new.raw < definedCount {
            if let t = types[old] { out.types[new] = t }
        }
        out.nextValue = definedCount
        return out
    }
}

extension Function {
    /// Sets argument `index`'s type (e.g. binding `?` dims from `--seq-len` before
    /// `canonicalize`), keeping the type table in sync.
    public mutating func setArgumentType(_ index: Int, _ type: TensorType) {
        precondition(arguments.indices.contains(index), "no argument #\(index)")
        arguments[index].type = type
        types[arguments[index].value] = type
    }
}
