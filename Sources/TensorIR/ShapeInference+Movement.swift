/// Shape rules for matmul, windows and data-movement ops.
extension ShapeRules {
    func matmul() throws(ShapeConflict) -> [Int]? {
        guard var a = shape(0), var b = shape(1) else { return nil }
        guard !a.isEmpty, !b.isEmpty else { throw fail("matmul operands must have rank ≥ 1") }
        let aVector = a.count == 1, bVector = b.count == 1
        if aVector { a.insert(1, at: 0) }
        if bVector { b.append(1) }
        let k1 = a[a.count - 1], k2 = b[b.count - 2]
        if k1 >= 0, k2 >= 0, k1 != k2 { throw fail("matmul inner dimensions \(k1) and \(k2) differ") }
        guard let batch = ShapeInference.broadcast(Array(a.dropLast(2)), Array(b.dropLast(2))) else {
            throw fail("matmul batch dimensions do not broadcast")
        }
        var out = batch
        if !aVector { out.append(a[a.count - 2]) }
        if !bVector { out.append(b[b.count - 1]) }
        return out
    }

    /// conv / max_pool / average_pool over NC + spatial dims.
    func window() throws(ShapeConflict) -> [Int]? {
        guard let x = shape(0) else { return nil }
        guard x.count >= 3 else { throw fail("expected an N×C×spatial input, got rank \(x.count)") }
        let spatial = x.count - 2
        var kernel: [Int]
        var channels = x[1]
        if op.kind == .conv {
            guard let w = shape(1) else { return Array(repeating: -1, count: x.count) }
            guard w.count == x.count else { throw fail("conv weight rank \(w.count) differs from input rank \(x.count)") }
            kernel = Array(w[2...])
            channels = w[0]
        } else {
            guard let k = ints("kernel_shape"), let d = Self.dims(k) else { throw fail("kernel_shape is required") }
            kernel = d
        }
        if let k = ints("kernel_shape"), let d = Self.dims(k) { kernel = d }
        guard kernel.count == spatial else { throw fail("kernel rank \(kernel.count) does not match \(spatial) spatial dims") }
        let strides = ints("strides") ?? Array(repeating: 1, count: spatial)
        let dilations = ints("dilations") ?? Array(repeating: 1, count: spatial)
        let pads = ints("pads") ?? Array(repeating: 0, count: 2 * spatial)
        guard strides.count == spatial, dilations.count == spatial, pads.count == 2 * spatial else {
            throw fail("strides/dilations/pads do not match \(spatial) spatial dims")
        }
        var out = [x[0], channels]
        for i in 0..<spatial {
            let input = x[i + 2], k = kernel[i]
            guard input >= 0, k >= 0 else { out.append(-1); continue }
            guard strides[i] > 0, dilations[i] > 0, strides[i] < 1 << 32, dilations[i] < 1 << 32,
                  (0..<(1 << 32)).contains(pads[i]), (0..<(1 << 32)).contains(pads[i + spatial]) else {
                throw fail("bad strides, dilations or pads")
            }
            let (spread, overflow) = Int(dilations[i]).multipliedReportingOverflow(by: k - 1)
            guard !overflow, spread < 1 << 50 else { throw fail("window too large") }
            let span = spread + 1
            let padded = input + Int(pads[i]) + Int(pads[i + spatial])
            guard padded >= span else { throw fail("window \(span) larger than padded input \(padded)") }
            out.append((padded - span) / Int(strides[i]) + 1)
        }
        return out
    }

    func reshape() throws(ShapeConflict) -> [Int]? {
        guard let v = value(1) else {
            if let n = shape(1), n.count == 1, n[0] >= 0, n[0] <= 64 { return Array(repeating: -1, count: n[0]) }
            return nil
        }
        let input = shape(0)
        var out: [Int] = []
        var inferred: Int?
        for (i, d) in v.enumerated() {
            if d == 0 {
                guard let input else { out.append(-1); continue }
                guard i < input.count else { throw fail("reshape dim \(i) is 0 but the input has rank \(input.count)") }
                out.append(input[i])
            } else if d == -1 {
                guard inferred == nil else { throw fail("reshape has more than one -1") }
                inferred = i
                out.append(-1)
            } else if d > 0, d <= Int64(IRScanner.sizeLimit) {
                out.append(Int(d))
            } else {
                throw fail("bad reshape dimension \(d)")
            }
        }
        if let input, let total = Self.product(input[...]) {
            if let k = inferred {
                var rest = out
                rest.remove(at: k)
                if let p = Self.product(rest[...]) {
                    guard p > 0 ? total % p == 0 : total == 0 else { throw fail("cannot reshape \(total) elements to \(v)") }
                    out[k] = p > 0 ? total / p : 0
                }
            } else if let p = Self.product(out[...]), p != total {
                throw fail("cannot reshape \(total) elements to \(v)")
            }
        }
        return out
    }

    func slice() throws(ShapeConflict) -> [Int]? {
        guard let s = shape(0) else { return nil }
        guard let starts = value(1), let ends = value(2) else { return Array(repeating: -1, count: s.count) }
        let axes = types.count > 3 ? value(3) : (0..<Int64(starts.count)).map { $0 }
        let steps = types.count > 4 ? value(4) : Array(repeating: 1, count: starts.count)
        guard let axes, let steps else { return Array(repeating: -1, count: s.count) }
        guard starts.count == ends.count, axes.count == starts.count, steps.count == starts.count else {
            throw fail("slice starts/ends/axes/steps lengths differ")
        }
        var out = s
        for i in starts.indices {
            let a = try axis(axes[i], rank: s.count)
            let dim = s[a]
            guard dim >= 0 else { continue }
            out[a] = try Self.sliceLength(dim: Int64(dim), start: starts[i], end: ends[i], step: steps[i])
        }
        return out
    }

    /// ONNX Slice clamping for one axis.
    static func sliceLength(dim: Int64, start: Int64, end: Int64, step: Int64) throws(ShapeConflict) -> Int {
        guard step != 0 else { throw ShapeConflict(detail: "slice step is 0") }
        func norm(_ v: Int64) -> Int64 { v < 0 ? (v < -dim ? -1 : v + dim) : v }
        var s = norm(start), e = norm(end)
        if step > 0 {
            s = min(max(s, 0), dim); e = min(max(e, 0), dim)
            return e > s ? Int((e - s - 1) / step + 1) : 0
        }
        s = min(max(s, -1), dim - 1); e = min(max(e, -1), dim - 1)
        let magnitude = step == .min ? Int64.max : -step
        return s > e ? Int((s - e - 1) / magnitude + 1) : 0
    }

    func concat() throws(ShapeConflict) -> [Int]? {
        guard let first = types.first(where: { $0.shape != nil })?.shape else { return nil }
        let a = try axis(int("axis", 0), rank: first.count)
        var out = first
        var total = 0
        for t in types {
            guard let s = t.shape else { total = -1; continue }
            guard s.count == first.count else { throw fail("concat operands have ranks \(first.count) and \(s.count)") }
            for i in s.indices where i != a {
                if out[i] < 0 { out[i] = s[i] } else if s[i] >= 0, s[i] != out[i] { throw fail("concat operands differ in dim \(i)") }
            }
            total = (total < 0 || s[a] < 0) ? -1 : total + s[a]
        }
        out[a] = total
        return out
    }

    func split() throws(ShapeConflict) -> [[Int]?] {
        let n = op.results.count
        guard let s = shape(0) else { return Array(repeating: nil, count: n) }
        let a = try axis(int("axis", 0), rank: s.count)
        var sizes: [Int]
        if let v = types.count > 1 ? value(1) : ints("split"), let d = Self.dims(v) {
            sizes = d
            guard sizes.count == n else { throw fail("split has \(sizes.count) sizes but \(n) results") }
            let sum = sizes.reduce(0) { $0 + min($1, IRScanner.sizeLimit) }
            if s[a] >= 0, sizes.allSatisfy({ $0 >= 0 }), sum != s[a] {
                throw fail("split sizes sum to \(sum), dimension is \(s[a])")
            }
        } else if s[a] >= 0, n > 0 {
            let chunk = (s[a] + n - 1) / n
            sizes = (0..<n).map { i in max(0, min(chunk, s[a] - i * chunk)) }
        } else {
            sizes = Array(repeating: -1, count: n)
        }
        return sizes.map { d in var o = s; o[a] = d; return o }
    }

    func squeeze(unsqueeze: Bool) throws(ShapeConflict) -> [Int]? {
        guard let s = shape(0) else { return nil }
        let axesValues = types.count > 1 ? value(1) : (ints("axes") ?? (unsqueeze ? nil : []))
        guard let axesValues else { return nil }
        if unsqueeze {
            let rank = s.count + axesValues.count
            var axes = Set<Int>()
            for a in axesValues { axes.insert(try axis(a, rank: rank)) }
            guard axes.count == axesValues.count else { throw fail("repeated unsqueeze axis") }
            var out: [Int] = []
            var it = s.makeIterator()
            for i in 0..<rank { out.append(axes.contains(i) ? 1 : (it.next() ?? 1)) }
            return out
        }
        if axesValues.isEmpty {
            guard s.allSatisfy({ $0 >= 0 }) else { return nil }
            return s.filter { $0 != 1 }
        }
        var axes = Set<Int>()
        for a in axesValues { axes.insert(try axis(a, rank: s.count)) }
        for a in axes where s[a] > 1 { throw fail("cannot squeeze axis \(a) of size \(s[a])") }
        return s.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
    }
}
