import TensorIR

/// An operand of a block op, expressed relative to the block (so two layers with different
/// weights and value numbers compare equal).
enum BlockOperand: Hashable {
    /// Result `result` of the block's op number `op`.
    case inner(op: Int, result: Int)
    /// The block's stream input (the previous layer's output).
    case stream
    /// A named constant whose name is used only inside the block, numbered by first use.
    case weight(ordinal: Int, type: TensorType?)
    /// A constant also used outside the block, compared by its attributes (value or name).
    case constant(attributes: [String: Attribute], type: TensorType?)
    /// Any other value defined outside the block; layers must share the very same value.
    case shared(ValueID)
}

/// The structure of one non-constant op of a block.
struct BlockOpSignature: Hashable {
    var kind: OpKind
    var attributes: [String: Attribute]
    var resultTypes: [TensorType?]
    var operands: [BlockOperand]
}

/// A function's non-constant ops in program order with the def-use facts block matching needs.
struct BlockView {
    let f: Function
    /// Indices into `f.operations` of the non-constant ops.
    let body: [Int]
    let kinds: [OpKind]
    /// Value → (body index, result index) of its defining non-constant op.
    let position: [ValueID: (op: Int, result: Int)]
    /// Value → index into `f.operations` of its defining constant op.
    let constantOp: [ValueID: Int]
    /// Value → first / last body index using it (`body.count` for a function result).
    let firstUse: [ValueID: Int]
    let lastUse: [ValueID: Int]
    /// Weight name → first / last body index using any constant op of that name (a weight
    /// referenced by several constant ops is private only if all of them are used inside).
    let weightUses: [String: ClosedRange<Int>]

    init(_ f: Function) {
        self.f = f
        var body: [Int] = []
        var position: [ValueID: (op: Int, result: Int)] = [:]
        var constantOp: [ValueID: Int] = [:]
        var firstUse: [ValueID: Int] = [:]
        var lastUse: [ValueID: Int] = [:]
        for (i, op) in f.operations.enumerated() {
            if op.kind == .constant {
                for r in op.results { constantOp[r] = i }
                continue
            }
            let k = body.count
            body.append(i)
            for (j, r) in op.results.enumerated() { position[r] = (k, j) }
            for v in op.operands {
                if firstUse[v] == nil { firstUse[v] = k }
                lastUse[v] = k
            }
        }
        for v in f.results {
            if firstUse[v] == nil { firstUse[v] = body.count }
            lastUse[v] = body.count
        }
        var weightUses: [String: ClosedRange<Int>] = [:]
        for (v, c) in constantOp {
            guard let name = f.operations[c].attributes["name"]?.stringValue,
                  let first = firstUse[v], let last = lastUse[v] else { continue }
            let old = weightUses[name]
            weightUses[name] = min(first, old?.lowerBound ?? first)...max(last, old?.upperBound ?? last)
        }
        self.weightUses = weightUses
        self.body = body
        kinds = body.map { f.operations[$0].kind }
        self.position = position
        self.constantOp = constantOp
        self.firstUse = firstUse
        self.lastUse = lastUse
    }

    /// The one value defined in `range` and used after it, if there is exactly one.
    func output(_ range: Range<Int>) -> ValueID? {
        var found: ValueID?
        for k in range {
            for r in f.operations[body[k]].results where (lastUse[r] ?? -1) >= range.upperBound {
                guard found == nil else { return nil }
                found = r
            }
        }
        return found
    }

    /// True when `v` is a named constant whose name is used only inside `range`.
    func isPrivateWeight(_ v: ValueID, _ range: Range<Int>) -> Bool {
        guard let c = constantOp[v], let name = f.operations[c].attributes["name"]?.stringValue,
              let uses = weightUses[name] else { return false }
        return uses.lowerBound >= range.lowerBound && uses.upperBound < range.upperBound
    }

    /// The constant ops of the weights private to `range` (indices into `f.operations`).
    func privateWeights(_ range: Range<Int>) -> [Int] {
        constantOp.compactMap { v, c in isPrivateWeight(v, range) ? c : nil }.sorted()
    }

    /// The block `range` with stream input `stream`, relative to itself.
    func signature(_ range: Range<Int>, stream: ValueID) -> [BlockOpSignature] {
        var weights: [String: Int] = [:]
        return range.map { k in
            let op = f.operations[body[k]]
            let operands = op.operands.map { v -> BlockOperand in
                if v == stream { return .stream }
                if let p = position[v], range.contains(p.op) { return .inner(op: p.op - range.lowerBound, result: p.result) }
                if let c = constantOp[v] {
                    let constant = f.operations[c]
                    if isPrivateWeight(v, range), let name = constant.attributes["name"]?.stringValue {
                        if weights[name] == nil { weights[name] = weights.count }
                        return .weight(ordinal: weights[name] ?? 0, type: f.types[v])
                    }
                    return .constant(attributes: Self.structural(constant.attributes), type: f.types[v])
                }
                return .shared(v)
            }
            return BlockOpSignature(kind: op.kind, attributes: Self.structural(op.attributes),
                                    resultTypes: op.results.map { f.types[$0] }, operands: operands)
        }
    }

    /// Attributes without the layer markers (so re-running the pass finds the same groups).
    static func structural(_ attributes: [String: Attribute]) -> [String: Attribute] {
        attributes.filter { $0.key != PartitionLayers.groupAttribute && $0.key != PartitionLayers.layerAttribute }
    }

    /// Values defined outside `range` by non-constant ops (or arguments) that ops in `range`
    /// read, in first-use order: the candidates for the first block's stream input.
    func externalInputs(_ range: Range<Int>) -> [ValueID] {
        var seen: Set<ValueID> = []
        var out: [ValueID] = []
        for k in range {
            for v in f.operations[body[k]].operands where constantOp[v] == nil {
                if let p = position[v], range.contains(p.op) { continue }
                if seen.insert(v).inserted { out.append(v) }
            }
        }
        return out
    }

    /// The longest chain of ≥ 2 isomorphic blocks of length `period` starting at `start`,
    /// avoiding `taken` body indices.
    func chain(start: Int, period: Int, taken: [Bool]) -> [Range<Int>]? {
        let first = start..<(start + period)
        guard var stream = output(first) else { return nil }
        var ranges = [first]
        var reference: [BlockOpSignature] = []
        var next = first.upperBound
        while next + period <= body.count {
            let range = next..<(next + period)
            guard !range.contains(where: { taken[$0] }), kinds[range].elementsEqual(kinds[first]),
                  let out = output(range) else { break }
            let sig = signature(range, stream: stream)
            // A layer reads the stream and has weights of its own (else it is no layer to stack).
            guard sig.contains(where: { $0.operands.contains(.stream) }),
                  sig.contains(where: { $0.operands.contains { if case .weight = $0 { true } else { false } } }) else { break }
            if ranges.count == 1 {
                guard externalInputs(first).contains(where: { signature(first, stream: $0) == sig }) else { break }
                reference = sig
            } else if sig != reference {
                break
            }
            ranges.append(range)
            stream = out
            next = range.upperBound
        }
        return ranges.count >= 2 ? ranges : nil
    }

    /// The chain covering the most ops (ties: the shorter period, then the earlier start),
    /// among body indices not yet `taken`.
    func bestGroup(excluding taken: [Bool]) -> [Range<Int>]? {
        let n = body.count
        guard n >= 2 else { return nil }
        var best: (cover: Int, ranges: [Range<Int>])?
        for period in 1...(n / 2) {
            for start in 0...(n - 2 * period) {
                // No chain from here can cover more than the ops left.
                if let best, best.cover >= n - start { break }
                let pair = start..<(start + 2 * period)
                guard !pair.contains(where: { taken[$0] }),
                      kinds[start..<(start + period)].elementsEqual(kinds[(start + period)..<pair.upperBound]),
                      let ranges = chain(start: start, period: period, taken: taken) else { continue }
                let cover = ranges.count * period
                if cover > (best?.cover ?? 0) { best = (cover, ranges) }
            }
        }
        return best?.ranges
    }
}
