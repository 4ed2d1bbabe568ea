/// Values of a constant tensor.
///
/// Weights from a file can stay where they are (`external`): an importer that memory-maps the
/// file hands out a payload that decodes on demand, so importing a large model does not copy it.
public struct TensorData: Sendable {
    public var type: TensorType
    public var storage: Storage

    public enum Storage: Sendable {
        case float32([Float])
        case int64([Int64])
        /// Ternary codes in {−1, 0, +1}, with one float scale per block of `blockSize` codes
        /// (one block = the whole tensor for per-tensor scales).
        case ternary(codes: [Int8], scales: [Float], blockSize: Int)
        case external(any ExternalTensorPayload)
    }

    public init(type: TensorType, storage: Storage) {
        self.type = type
        self.storage = storage
    }

    public init(floats: [Float], shape: [Int]) {
        self.init(type: .f32(shape), storage: .float32(floats))
    }

    public init(int64s: [Int64], shape: [Int]) {
        self.init(type: .i64(shape), storage: .int64(int64s))
    }

    public var elementCount: Int {
        switch storage {
        case .float32(let v): v.count
        case .int64(let v): v.count
        case .ternary(let codes, _, _): codes.count
        case .external(let p): p.elementCount
        }
    }

    /// The values as floats (dequantizing or converting as needed).
    public func floats() throws -> [Float] {
        switch storage {
        case .float32(let v): return v
        case .int64(let v): return v.map { Float($0) }
        case .ternary(let codes, let scales, let blockSize):
            return codes.enumerated().map { i, c in Float(c) * scales[i / blockSize] }
        case .external(let p): return try p.floats()
        }
    }

    /// The values as 64-bit integers (exact for integer storage; truncating floats).
    public func int64s() throws -> [Int64] {
        switch storage {
        case .int64(let v): return v
        case .float32(let v): return v.map { Int64($0) }
        case .ternary(let codes, _, _): return codes.map { Int64($0) }
        case .external(let p): return try p.int64s()
        }
    }
}

/// Lazily decoded tensor bytes (e.g. a region of a memory-mapped model file).
public protocol ExternalTensorPayload: Sendable {
    var elementCount: Int { get }
    /// Bytes the payload occupies in its source.
    var byteCount: Int { get }
    /// A short description of the encoding ("f16", "q8_0", "raw f32 @ offset 1024").
    var encodingDescription: String { get }
    func floats() throws -> [Float]
    func int64s() throws -> [Int64]
}

/// Named constants referenced by `constant @name` ops, in insertion order.
public struct ConstantTable: Sendable {
    public private(set) var names: [String] = []
    private var values: [String: TensorData] = [:]

    public init() {}

    public subscript(name: String) -> TensorData? {
        get { values[name] }
        set {
            if values[name] == nil, newValue != nil { names.append(name) }
            if newValue == nil { names.removeAll { $0 == name } }
            values[name] = newValue
        }
    }

    public var count: Int { names.count }

    public func contains(_ name: String) -> Bool { values[name] != nil }
}
