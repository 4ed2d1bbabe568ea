/// Evaluation of integer and shape arithmetic on known constants, for `Canonicalize`.
///
/// `shape(x)` with a static `x`, and Gather / Unsqueeze / Squeeze / Concat / Range /
/// ConstantOfShape / Expand / Slice / Cast / Reshape / Flatten / Identity / integer
/// add-sub-mul-div / Equal / Less / Greater / Where over constants evaluate to a
/// `constant {value = …}`. Float arithmetic is not folded (its rounding belongs to the
/// quantizer), and results larger than `Folder.elementLimit` stay unfolded.
import TensorIR

/// A known constant: row-major values of a static shape.
struct Known: Equatable {
    enum Values: Equatable {
        case ints([Int64])
        case floats([Double])
    }

    var shape: [Int]
    var values: Values

    var count: Int {
        switch values {
        case .ints(let v): v.count
        case .floats(let v): v.count
        }
    }

    var ints: [Int64]? { if case .ints(let v) = values { v } else { nil } }

    func doubles() -> [Double] {
        switch values {
        case .ints(let v): v.map { Double($0) }
        case .floats(let v): v
        }
    }

    /// Picks elements by source index.
    func select(_ indices: [Int], shape: [Int]) -> Known {
        switch values {
        case .ints(let v): Known(shape: shape, values: .ints(indices.map { v[$0] }))
        case .floats(let v): Known(shape: shape, values: .floats(indices.map { v[$0] }))
        }
    }

    var attribute: Attribute {
        switch values {
        case .ints(let v): .ints(v)
        case .floats(let v): .floats(v)
        }
    }
}

struct Folder {
    static let elementLimit = 1024

    let op: Operation
    let operands: [Known?]
    let resultType: TensorType

    func attr(_ name: String, _ def: Int64) -> Int64 { op.attributes[name]?.intValue ?? def }

    func normAxis(_ a: Int64, _ rank: Int) -> Int? {
        let r = Int64(rank)
        guard a >= -r, a < r else { return nil }
        return Int(a < 0 ? a + r : a)
    }

    /// The folded value, or nil when the op cannot (or should not) be folded.
    func fold(inputShapes: [[Int]?]) -> Known? {
        guard let outShape = resultType.shape, let outCount = FoldIndex.count(outShape), outCount <= Self.elementLimit else {
            return op.kind == .shape ? foldShape(inputShapes) : nil
        }
        switch op.kind {
        case .shape: return foldShape(inputShapes)
        case .identity, .reshape, .unsqueeze, .squeeze, .flatten:
            guard let x = operands.first ?? nil, x.count == outCount else { return nil }
            return Known(shape: outShape, values: x.values)
        case .expand:
            guard let x = operands.first ?? nil, let map = FoldIndex.broadcastMap(from: x.shape, to: outShape) else { return nil }
            return x.select(map, shape: outShape)
        case .cast:
            guard let x = operands.first ?? nil else { return nil }
            return cast(x, outShape)
        case .gather: return gather(outShape)
        case .concat: return concat(outShape)
        case .slice: return slice(outShape)
        case .range:
            guard operands.count == 3, let s = operands[0]?.ints?.first, let l = operands[1]?.ints?.first,
                  let d = operands[2]?.ints?.first, d != 0, outShape.count == 1 else { return nil }
            var v: [Int64] = []
            var x = s
            while d > 0 ? x < l : x > l {
                guard v.count < outCount else { return nil }
                v.append(x)
                let (n, o) = x.addingReportingOverflow(d)
                if o { break }
                x = n
            }
            return v.count == outCount ? Known(shape: outShape, values: .ints(v)) : nil
        case .constantOfShape:
            guard operands.first??.ints != nil else { return nil }
            switch op.attributes["value"] {
            case .floats(let v)? where v.count == 1 && resultType.element == .f32:
                return Known(shape: outShape, values: .floats(Array(repeating: v[0], count: outCount)))
            case .ints(let v)? where v.count == 1 && resultType.element != .f32:
                return Known(shape: outShape, values: .ints(Array(repeating: v[0], count: outCount)))
            case nil where resultType.element == .f32:
                return Known(shape: outShape, values: .floats(Array(repeating: 0, count: outCount)))
            default: return nil
            }
        case .add, .sub, .mul, .div: return integerArithmetic(outShape)
        case .equal, .less, .greater: return comparison(outShape)
        case .where: return select(outShape)
        default: return nil
        }
    }

    func foldShape(_ inputShapes: [[Int]?]) -> Known? {
        guard let s = inputShapes.first ?? nil, s.allSatisfy({ $0 >= 0 }) else { return nil }
        let r = ShapeInference.shapeOpRange(rank: s.count, start: attr("start", 0), end: op.attributes["end"]?.intValue)
        let v = s[r].map { Int64($0) }
        return Known(shape: [v.count], values: .ints(v))
    }

    func cast(_ x: Known, _ outShape: [Int]) -> Known? {
        switch resultType.element {
        case .f32: return Known(shape: outShape, values: .floats(x.doubles()))
        case .i64, .i32, .bool:
            var out: [Int64] = []
            for d in x.doubles() {
                guard d.isFinite, abs(d) < 9.2e18 else { return nil }
                out.append(resultType.element == .bool ? (d != 0 ? 1 : 0) : Int64(d))
            }
            if resultType.element == .i32, let ints = x.ints, ints.contains(where: { Int32(exactly: $0) == nil }) { return nil }
            return Known(shape: outShape, values: .ints(out))
        default: return nil
        }
    }

    func gather(_ outShape: [Int]) -> Known? {
        guard operands.count == 2, let data = operands[0], let idx = operands[1]?.ints,
              let a = normAxis(attr("axis", 0), data.shape.count) else { return nil }
        let dim = data.shape[a]
        guard let outer = FoldIndex.count(Array(data.shape[..<a])), let inner = FoldIndex.count(Array(data.shape[(a + 1)...])),
              outer <= Self.elementLimit, let expected = FoldIndex.count([outer, idx.count, inner]),
              expected == FoldIndex.count(outShape) else { return nil }
        var map: [Int] = []
        for o in 0..<outer {
            for i in idx {
                let j = i < 0 ? i + Int64(dim) : i
                guard j >= 0, j < Int64(dim) else { return nil }
                for k in 0..<inner { map.append((o * dim + Int(j)) * inner + k) }
            }
        }
        guard map.count == FoldIndex.count(outShape) else { return nil }
        return data.select(map, shape: outShape)
    }

    func concat(_ outShape: [Int]) -> Known? {
        guard let parts = operands as? [Known], let first = parts.first,
              let a = normAxis(attr("axis", 0), first.shape.count) else { return nil }
        guard let outer = FoldIndex.count(Array(first.shape[..<a])), first.count > 0 || outer <= Self.elementLimit else { return nil }
        var ints: [Int64] = [], floats: [Double] = []
        let allInts = parts.allSatisfy { $0.ints != nil }
        for o in 0..<outer {
            for p in parts {
                guard p.shape.count == first.shape.count else { return nil }
                guard let chunk = FoldIndex.count(Array(p.shape[a...])), (o + 1) * chunk <= p.count else { return nil }
                if allInts { ints += p.ints?[(o * chunk)..<((o + 1) * chunk)] ?? [] }
                else { floats += p.doubles()[(o * chunk)..<((o + 1) * chunk)] }
            }
        }
        let out = Known(shape: outShape, values: allInts ? .ints(ints) : .floats(floats))
        return out.count == FoldIndex.count(outShape) ? out : nil
    }

    func slice(_ outShape: [Int]) -> Known? {
        guard operands.count >= 3, let x = operands[0], let starts = operands[1]?.ints, let ends = operands[2]?.ints else { return nil }
        let axes = operands.count > 3 ? operands[3]?.ints : (0..<Int64(starts.count)).map { $0 }
        let steps = operands.count > 4 ? operands[4]?.ints : Array(repeating: 1, count: starts.count)
        guard let axes, let steps, axes.count == starts.count, steps.count == starts.count, ends.count == starts.count else { return nil }
        let rank = x.shape.count
        var begin = Array(repeating: 0, count: rank), step = Array(repeating: 1, count: rank)
        for i in starts.indices {
            guard let a = normAxis(axes[i], rank), steps[i] != 0 else { return nil }
            let dim = Int64(x.shape[a])
            var s = starts[i] < 0 ? starts[i] + dim : starts[i]
            s = steps[i] > 0 ? min(max(s, 0), dim) : min(max(s, -1), dim - 1)
            guard abs(steps[i]) <= Int64(Int32.max) else { return nil }
            begin[a] = Int(s)
            step[a] = Int(steps[i])
        }
        guard outShape.count == rank else { return nil }
        let strides = FoldIndex.strides(x.shape)
        var map: [Int] = []
        for out in FoldIndex.all(outShape) {
            var flat = 0
            for d in 0..<rank { flat += (begin[d] + out[d] * step[d]) * strides[d] }
            guard flat >= 0, flat < x.count else { return nil }
            map.append(flat)
        }
        return x.select(map, shape: outShape)
    }

    func binaryMaps(_ outShape: [Int]) -> (Known, Known, [Int], [Int])? {
        guard operands.count == 2, let a = operands[0], let b = operands[1],
              let ma = FoldIndex.broadcastMap(from: a.shape, to: outShape),
              let mb = FoldIndex.broadcastMap(from: b.shape, to: outShape) else { return nil }
        return (a, b, ma, mb)
    }

    func integerArithmetic(_ outShape: [Int]) -> Known? {
        guard let (a, b, ma, mb) = binaryMaps(outShape), let x = a.ints, let y = b.ints else { return nil }
        var out: [Int64] = []
        for (i, j) in zip(ma, mb) {
            let (r, o): (Int64, Bool)
            switch op.kind {
            case .add: (r, o) = x[i].addingReportingOverflow(y[j])
            case .sub: (r, o) = x[i].subtractingReportingOverflow(y[j])
            case .mul: (r, o) = x[i].multipliedReportingOverflow(by: y[j])
            default:
                guard y[j] != 0 else { return nil }
                (r, o) = x[i].dividedReportingOverflow(by: y[j])
            }
            guard !o else { return nil }
            out.append(r)
        }
        return Known(shape: outShape, values: .ints(out))
    }

    func comparison(_ outShape: [Int]) -> Known? {
        guard let (a, b, ma, mb) = binaryMaps(outShape) else { return nil }
        let x = a.doubles(), y = b.doubles()
        if a.ints == nil || b.ints == nil, x.contains(where: \.isNaN) || y.contains(where: \.isNaN) { return nil }
        return Known(shape: outShape, values: .ints(zip(ma, mb).map { i, j in
            let r: Bool = switch op.kind {
            case .equal: a.ints != nil && b.ints != nil ? a.ints?[i] == b.ints?[j] : x[i] == y[j]
            case .less: x[i] < y[j]
            default: x[i] > y[j]
            }
            return r ? 1 : 0
        }))
    }

    func select(_ outShape: [Int]) -> Known? {
        guard operands.count == 3, let c = operands[0]?.ints, let cShape = operands[0]?.shape, let a = operands[1], let b = operands[2],
              let mc = FoldIndex.broadcastMap(from: cShape, to: outShape),
              let ma = FoldIndex.broadcastMap(from: a.shape, to: outShape),
              let mb = FoldIndex.broadcastMap(from: b.shape, to: outShape) else { return nil }
        if let x = a.ints, let y = b.ints {
            return Known(shape: outShape, values: .ints(mc.indices.map { c[mc[$0]] != 0 ? x[ma[$0]] : y[mb[$0]] }))
        }
        let x = a.doubles(), y = b.doubles()
        return Known(shape: outShape, values: .floats(mc.indices.map { c[mc[$0]] != 0 ? x[ma[$0]] : y[mb[$0]] }))
    }
}
