public import TensorIR

extension GGUFFile {
    /// The tensor named `name`, or `GGUFError.missingTensor`.
    public func requireTensor(_ name: String) throws(GGUFError) -> GGUFTensorInfo {
        guard let t = tensor(named: name) else { throw .missingTensor(name) }
        return t
    }

    /// The tensor's values as floats (F32, F16, BF16, Q8_0, Q4_0, TQ1_0, TQ2_0).
    public func floats(ofTensor name: String) throws(GGUFError) -> [Float] {
        try floats(of: requireTensor(name))
    }

    func floats(of tensor: GGUFTensorInfo) throws(GGUFError) -> [Float] {
        guard tensor.type.hasFloatDecoder else {
            throw .unsupportedTensorType(tensor: tensor.name, type: tensor.type.description, detail: "no decoder for this type")
        }
        var out = [Float](repeating: 0, count: tensor.elementCount)
        let bytes = self.bytes(of: tensor)
        try out.withUnsafeMutableBufferPointer { (o) throws(GGUFError) in
            try Dequantization.decode(tensor.type, bytes, into: o, tensor: tensor.name)
        }
        return out
    }

    /// A ternary tensor's exact codes in {−1, 0, +1} and its per-256-block scales.
    public func ternary(ofTensor name: String) throws(GGUFError) -> (codes: [Int8], scales: [Float]) {
        try ternary(of: requireTensor(name))
    }

    func ternary(of tensor: GGUFTensorInfo) throws(GGUFError) -> (codes: [Int8], scales: [Float]) {
        guard tensor.type.isTernary else {
            throw .unsupportedTensorType(tensor: tensor.name, type: tensor.type.description, detail: "not a ternary type (TQ1_0/TQ2_0)")
        }
        let blocks = tensor.elementCount / TernaryDecoding.blockSize
        var codes = [Int8](repeating: 0, count: tensor.elementCount)
        var scales = [Float](repeating: 0, count: blocks)
        let bytes = self.bytes(of: tensor)
        try codes.withUnsafeMutableBufferPointer { (c) throws(GGUFError) in
            try scales.withUnsafeMutableBufferPointer { (s) throws(GGUFError) in
                try TernaryDecoding.decode(tensor.type, bytes, codes: c, scales: s, tensor: tensor.name)
            }
        }
        return (codes, scales)
    }

    /// The tensor as a TensorIR constant of row-major `shape` (GGUF `ne` reversed), element f32.
    ///
    /// Ternary tensors are decoded now, exactly, into `.ternary(codes:scales:blockSize: 256)`;
    /// all other decodable types stay in the mapping as an `.external` payload decoded on demand.
    public func tensorData(named name: String) throws(GGUFError) -> TensorData {
        let t = try requireTensor(name)
        guard t.type.hasFloatDecoder else {
            throw .unsupportedTensorType(tensor: t.name, type: t.type.description, detail: "no decoder for this type")
        }
        let type = TensorType.f32(t.shape)
        if t.type.isTernary {
            let (codes, scales) = try ternary(of: t)
            return TensorData(type: type, storage: .ternary(codes: codes, scales: scales, blockSize: TernaryDecoding.blockSize))
        }
        return TensorData(type: type, storage: .external(GGUFTensorPayload(file: self, tensor: t)))
    }
}

/// A tensor left in a memory-mapped GGUF file, decoded when asked.
public struct GGUFTensorPayload: ExternalTensorPayload {
    public let file: GGUFFile
    public let tensor: GGUFTensorInfo

    public var elementCount: Int { tensor.elementCount }
    public var byteCount: Int { tensor.byteCount }
    public var encodingDescription: String { "\(tensor.type) @ offset \(tensor.fileOffset) in \(file.path)" }

    public func floats() throws -> [Float] { try file.floats(of: tensor) }

    public func int64s() throws -> [Int64] { try file.floats(of: tensor).map { Int64($0) } }
}
