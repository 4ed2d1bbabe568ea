/// `ternarize`: BitNet b1.58 absmean weight quantization (Ma et al., "The Era of 1-bit LLMs:
/// All Large Language Models are in 1.58 Bits", arXiv 2402.17764, eq. 1–3).
///
/// Every named f32 constant of rank ≥ 2 that feeds the weight operand (operand 1) of a `matmul`
/// or `gemm`, directly or through `transpose` / `reshape`, gets per-tensor
/// γ = mean|W| (over all elements, accumulated in `Double`, stored as `Float`) and codes
/// T = clip(round(W / γ), −1, 1). Rounding is half away from zero (Swift's default
/// `rounded()`; torch.round rounds half to even — the two differ only on exact ±0.5 ratios).
/// γ = 0 (an all-zero tensor) gives all-zero codes and scale 0.
///
/// Representation: the constant keeps its name and its `f32` type; only its storage becomes
/// `.ternary(codes: T, scales: [γ], blockSize: count)`. `TensorData.floats()` dequantizes to
/// T·γ, so the float interpreter runs the ternarized model unchanged; the quantize pass later
/// gives such constants the `!tern` element type. Constants that already have ternary storage
/// (TQ1_0 / TQ2_0 GGUF weights, or a second run of this pass) are left alone. Constants used by
/// `embedding` or `gather` (token tables, even when tied to an output projection) and 1-D
/// tensors (norm γ, biases) are never ternarized.
///
/// When it ternarizes at least one tensor the pass records in `module.metadata`:
/// `ternarize.tensors` (count), `ternarize.weight_error` (aggregate ‖W − γT‖/‖W‖ over all of
/// them), `ternarize.worst_weight_error` and `ternarize.worst_tensor`. A run that changes
/// nothing leaves the module untouched (ternarizing twice is a no-op).
public import TensorIR

public struct Ternarize: Pass {
    public static let name = "ternarize"
    public static let summary = "BitNet b1.58 absmean ternarization of matmul/gemm weight constants (codes in {−1,0,1}, per-tensor γ)"

    public init() {}

    /// Metadata keys the pass writes.
    public enum MetadataKey {
        public static let tensors = "ternarize.tensors"
        public static let weightError = "ternarize.weight_error"
        public static let worstWeightError = "ternarize.worst_weight_error"
        public static let worstTensor = "ternarize.worst_tensor"
    }

    /// Op kinds a weight may pass through on its way to a matmul's weight operand.
    static let layoutOps: Set<OpKind> = [.transpose, .reshape]

    public func run(on module: inout Module) throws(IRError) {
        let names = Self.weightConstants(module)
        var count = 0
        var errorSquared = 0.0, normSquared = 0.0
        var worst = (name: "", error: -1.0)
        for name in names {
            guard let data = module.constants[name], data.type.element == .f32 else { continue }
            if case .ternary = data.storage { continue }
            guard let weights = try? data.floats(), weights.count == data.elementCount, !weights.isEmpty else { continue }
            let q = Self.ternarize(weights)
            module.constants[name] = TensorData(type: data.type, storage: .ternary(codes: q.codes, scales: [q.scale], blockSize: weights.count))
            count += 1
            errorSquared += q.errorSquared
            normSquared += q.normSquared
            let relative = Self.relative(q.errorSquared, q.normSquared)
            if relative > worst.error { worst = (name, relative) }
        }
        guard count > 0 else { return }
        module.metadata[MetadataKey.tensors] = "\(count)"
        module.metadata[MetadataKey.weightError] = "\(Self.relative(errorSquared, normSquared))"
        module.metadata[MetadataKey.worstWeightError] = "\(worst.error)"
        module.metadata[MetadataKey.worstTensor] = worst.name
    }

    /// √(error² / norm²), 0 for an all-zero tensor.
    static func relative(_ errorSquared: Double, _ normSquared: Double) -> Double {
        normSquared > 0 ? (errorSquared / normSquared).squareRoot() : 0
    }

    /// Absmean ternarization of one tensor.
    public static func ternarize(_ w: [Float]) -> (codes: [Int8], scale: Float, errorSquared: Double, normSquared: Double) {
        var sum = 0.0
        for x in w { sum += Double(abs(x)) }
        let scale = w.isEmpty ? 0 : Float(sum / Double(w.count))
        var codes = [Int8](repeating: 0, count: w.count)
        var errorSquared = 0.0, normSquared = 0.0
        let gamma = Double(scale)
        for (i, x) in w.enumerated() {
            var c: Int8 = 0
            if gamma > 0, gamma.isFinite {
                let r = (Double(x) / gamma).rounded()
                c = r >= 1 ? 1 : (r <= -1 ? -1 : 0)
            }
            codes[i] = c
            let d = Double(x) - Double(Float(c) * scale)
            errorSquared += d * d
            normSquared += Double(x) * Double(x)
        }
        return (codes, scale, errorSquared, normSquared)
    }

    /// Names of the constants the pass targets: rank ≥ 2, reaching a `matmul`/`gemm` weight
    /// operand through layout ops, and never used by `embedding` / `gather`.
    public static func weightConstants(_ module: Module) -> [String] {
        var targets: Set<String> = []
        var excluded: Set<String> = []
        for f in module.functions {
            var definer: [ValueID: Operation] = [:]
            for op in f.operations { for r in op.results { definer[r] = op } }
            func constantName(_ v: ValueID, throughLayout: Bool) -> String? {
                var v = v
                var steps = 0
                while let op = definer[v], steps <= f.operations.count {
                    if op.kind == .constant { return op.attributes["name"]?.stringValue }
                    guard throughLayout, layoutOps.contains(op.kind), let first = op.operands.first else { return nil }
                    v = first
                    steps += 1
                }
                return nil
            }
            for op in f.operations {
                switch op.kind {
                case .matmul, .gemm:
                    if op.operands.count >= 2, let name = constantName(op.operands[1], throughLayout: true) { targets.insert(name) }
                case .embedding, .gather:
                    for v in op.operands { if let name = constantName(v, throughLayout: true) { excluded.insert(name) } }
                default:
                    break
                }
            }
        }
        return module.constants.names.filter { name in
            guard targets.contains(name), !excluded.contains(name), let data = module.constants[name],
                  let rank = data.type.rank else { return false }
            return rank >= 2
        }
    }

    /// Multiply-accumulates of the `matmul` / `gemm` ops whose weight operand is a constant with
    /// ternary storage: each becomes an addition or subtraction (or vanishes). Per op,
    /// result elements × k (k = the contracted dimension). Ops with dynamic shapes are skipped.
    public static func ternaryMACs(_ module: Module) -> Int {
        var total = 0
        for f in module.functions {
            var definer: [ValueID: Operation] = [:]
            for op in f.operations { for r in op.results { definer[r] = op } }
            for op in f.operations where (op.kind == .matmul || op.kind == .gemm) && op.operands.count >= 2 {
                var v = op.operands[1]
                var steps = 0
                var name: String?
                while let d = definer[v], steps <= f.operations.count {
                    if d.kind == .constant { name = d.attributes["name"]?.stringValue; break }
                    guard layoutOps.contains(d.kind), let first = d.operands.first else { break }
                    v = first
                    steps += 1
                }
                guard let name, let data = module.constants[name], case .ternary = data.storage,
                      let result = op.results.first, let outCount = f.types[result]?.elementCount,
                      let b = f.types[op.operands[1]]?.shape, b.allSatisfy({ $0 >= 0 }), !b.isEmpty else { continue }
                let k: Int
                if op.kind == .gemm {
                    guard b.count == 2 else { continue }
                    k = (op.attributes["trans_b"]?.intValue ?? 0) != 0 ? b[1] : b[0]
                } else {
                    k = b.count == 1 ? b[0] : b[b.count - 2]
                }
                let (p, overflow) = outCount.multipliedReportingOverflow(by: k)
                guard !overflow else { continue }
                let (s, overflow2) = total.addingReportingOverflow(p)
                guard !overflow2 else { continue }
                total = s
            }
        }
        return total
    }
}
