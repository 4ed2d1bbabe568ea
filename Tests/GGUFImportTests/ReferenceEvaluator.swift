import Foundation
import TensorIR

/// A small float64 evaluator for exactly the ops the GGUF builders emit, written from docs/ops.md,
/// so the importer's graphs can be checked numerically against the numpy reference without the
/// project interpreter. Static shapes only (the builders emit nothing else).
struct ReferenceEvaluator {
    struct Tensor {
        var shape: [Int]
        var data: [Double]
    }

    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    let module: Module

    func run(tokens: [Int64]) throws -> Tensor {
        let f = module.main
        var env: [ValueID: Tensor] = [:]
        env[f.arguments[0].value] = Tensor(shape: [tokens.count], data: tokens.map(Double.init))
        for op in f.operations {
            let args = op.operands.map { env[$0]! }
            let resultShape = f.type(of: op.results[0])?.shape ?? []
            env[op.results[0]] = try evaluate(op, args, resultShape: resultShape)
        }
        return env[f.results[0]]!
    }

    func evaluate(_ op: TensorIR.Operation, _ a: [Tensor], resultShape: [Int]) throws -> Tensor {
        switch op.kind {
        case .constant:
            if let name = op.attributes["name"]?.stringValue {
                let data = try module.constants[name]!.floats()
                return Tensor(shape: resultShape, data: data.map(Double.init))
            }
            return Tensor(shape: resultShape, data: (op.attributes["value"]?.intsValue ?? []).map(Double.init))
        case .embedding:
            let d = a[0].shape[1]
            var out: [Double] = []
            for id in a[1].data { out += a[0].data[(Int(id) * d)..<(Int(id) * d + d)] }
            return Tensor(shape: [a[1].data.count, d], data: out)
        case .rmsNorm:
            let eps = op.attributes["epsilon"]!.floatValue!
            let w = a[0].shape.last!
            var out = a[0].data
            for r in 0..<(out.count / w) {
                let row = a[0].data[(r * w)..<(r * w + w)]
                let inv = 1 / (row.reduce(0) { $0 + $1 * $1 } / Double(w) + eps).squareRoot()
                for i in 0..<w { out[r * w + i] = a[0].data[r * w + i] * inv * a[1].data[i] }
            }
            return Tensor(shape: a[0].shape, data: out)
        case .transpose:
            let perm = op.attributes["perm"]!.intsValue!.map { Int($0) }
            let inShape = a[0].shape
            let outShape = perm.map { inShape[$0] }
            var inStrides = [Int](repeating: 1, count: inShape.count)
            for i in stride(from: inShape.count - 2, through: 0, by: -1) { inStrides[i] = inStrides[i + 1] * inShape[i + 1] }
            var out = [Double](repeating: 0, count: a[0].data.count)
            var index = [Int](repeating: 0, count: outShape.count)
            for o in 0..<out.count {
                var src = 0
                for k in 0..<perm.count { src += index[k] * inStrides[perm[k]] }
                out[o] = a[0].data[src]
                var k = outShape.count - 1
                while k >= 0 {
                    index[k] += 1
                    if index[k] < outShape[k] { break }
                    index[k] = 0
                    k -= 1
                }
            }
            return Tensor(shape: outShape, data: out)
        case .matmul:
            let (m, k, n) = (a[0].shape[0], a[0].shape[1], a[1].shape[1])
            var out = [Double](repeating: 0, count: m * n)
            for i in 0..<m {
                for p in 0..<k {
                    let x = a[0].data[i * k + p]
                    for j in 0..<n { out[i * n + j] += x * a[1].data[p * n + j] }
                }
            }
            return Tensor(shape: [m, n], data: out)
        case .reshape:
            return Tensor(shape: resultShape, data: a[0].data)
        case .rope:
            let base = op.attributes["base"]!.floatValue!
            let half = op.attributes["style"]!.stringValue! == "half"
            let (h, s, d) = (a[0].shape[0], a[0].shape[1], a[0].shape[2])
            var out = a[0].data
            for head in 0..<h {
                for p in 0..<s {
                    for i in 0..<(d / 2) {
                        let angle = Double(p) * pow(base, -2 * Double(i) / Double(d))
                        let (i0, i1) = half ? (i, i + d / 2) : (2 * i, 2 * i + 1)
                        let row = (head * s + p) * d
                        let x0 = a[0].data[row + i0], x1 = a[0].data[row + i1]
                        out[row + i0] = x0 * cos(angle) - x1 * sin(angle)
                        out[row + i1] = x0 * sin(angle) + x1 * cos(angle)
                    }
                }
            }
            return Tensor(shape: a[0].shape, data: out)
        case .attention:
            let (hq, s, d) = (a[0].shape[0], a[0].shape[1], a[0].shape[2])
            let hkv = a[1].shape[0], t = a[1].shape[1]
            let scale = op.attributes["scale"]?.floatValue ?? 1 / Double(d).squareRoot()
            let causal = op.attributes["causal"]?.intValue == 1
            var out = [Double](repeating: 0, count: hq * s * d)
            for h in 0..<hq {
                let g = h / (hq / hkv)
                for i in 0..<s {
                    var scores = [Double](repeating: -.infinity, count: t)
                    for j in 0..<t where !causal || j <= i {
                        var dot = 0.0
                        for c in 0..<d { dot += a[0].data[(h * s + i) * d + c] * a[1].data[(g * t + j) * d + c] }
                        scores[j] = dot * scale
                    }
                    let m = scores.max()!
                    let e = scores.map { exp($0 - m) }
                    let z = e.reduce(0, +)
                    for j in 0..<t where e[j] > 0 {
                        for c in 0..<d { out[(h * s + i) * d + c] += e[j] / z * a[2].data[(g * t + j) * d + c] }
                    }
                }
            }
            return Tensor(shape: [hq, s, d], data: out)
        case .swiglu:
            return Tensor(shape: a[0].shape, data: zip(a[0].data, a[1].data).map { g, u in g / (1 + exp(-g)) * u })
        case .add:
            return Tensor(shape: a[0].shape, data: zip(a[0].data, a[1].data).map(+))
        case .mul where a[1].data.count == 1:
            return Tensor(shape: a[0].shape, data: a[0].data.map { $0 * a[1].data[0] })
        default:
            throw Unsupported(description: "reference evaluator has no \(op.kind)")
        }
    }
}

/// ‖a − b‖₂ / ‖b‖₂.
func relativeL2(_ a: [Double], _ b: [Double]) -> Double {
    let num = zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    let den = b.reduce(0) { $0 + $1 * $1 }
    return (num / den).squareRoot()
}
