import Glibc
public import TensorIR

/// A read-only memory map of a whole file, unmapped when the last payload using it goes away.
final class MappedFile: @unchecked Sendable {
    let base: UnsafeRawPointer?
    let size: Int

    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        size = Int(st.st_size)
        if size == 0 { base = nil; return }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
        base = UnsafeRawPointer(p)
    }

    deinit { if let base { munmap(UnsafeMutableRawPointer(mutating: base), size) } }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: size) }
}

/// An ONNX tensor stored in an external data file, decoded on demand from the memory map.
public struct ONNXExternalPayload: ExternalTensorPayload {
    let file: MappedFile
    let offset: Int
    public let elementCount: Int
    let dataType: Int32

    public var byteCount: Int { elementCount * ONNXDataType.size(dataType) }
    public var encodingDescription: String { "onnx external \(ONNXDataType.name(dataType)) @ offset \(offset)" }

    public func floats() throws -> [Float] {
        let raw = UnsafeRawBufferPointer(rebasing: file.bytes[offset..<(offset + byteCount)])
        return ONNXDataType.decodeFloats(raw, dataType: dataType, count: elementCount)
    }

    public func int64s() throws -> [Int64] {
        let raw = UnsafeRawBufferPointer(rebasing: file.bytes[offset..<(offset + byteCount)])
        return ONNXDataType.decodeInt64s(raw, dataType: dataType, count: elementCount)
    }
}

/// ONNX TensorProto.DataType codes the importer understands.
enum ONNXDataType {
    static let float: Int32 = 1, int32: Int32 = 6, int64: Int32 = 7, bool: Int32 = 9, double: Int32 = 11

    static func size(_ t: Int32) -> Int {
        switch t { case float, int32: 4; case int64, double: 8; case bool: 1; default: 0 }
    }

    static func name(_ t: Int32) -> String {
        switch t { case float: "f32"; case int32: "i32"; case int64: "i64"; case bool: "bool"; case double: "f64"; default: "type\(t)" }
    }

    static func element(_ t: Int32) -> ElementType? {
        switch t { case float, double: .f32; case int32, int64: .i64; case bool: .bool; default: nil }
    }

    static func isFloat(_ t: Int32) -> Bool { t == float || t == double }

    static func decodeFloats(_ raw: UnsafeRawBufferPointer, dataType: Int32, count: Int) -> [Float] {
        switch dataType {
        case float: return copied(raw, count: count)
        case double: return (0..<count).map { Float(raw.loadUnaligned(fromByteOffset: $0 * 8, as: Double.self)) }
        default: return decodeInt64s(raw, dataType: dataType, count: count).map { Float($0) }
        }
    }

    /// Bulk copy of little-endian values (the host order on every supported platform).
    static func copied<T: FixedWidthInteger & BitwiseCopyable>(_ raw: UnsafeRawBufferPointer, count: Int) -> [T] {
        precondition(raw.count >= count * MemoryLayout<T>.size)
        return [T](unsafeUninitializedCapacity: count) { buf, n in
            if count > 0, let src = raw.baseAddress, let dst = buf.baseAddress { memcpy(dst, src, count * MemoryLayout<T>.size) }
            n = count
        }
    }

    static func copied(_ raw: UnsafeRawBufferPointer, count: Int) -> [Float] {
        precondition(raw.count >= count * 4)
        return [Float](unsafeUninitializedCapacity: count) { buf, n in
            if count > 0, let src = raw.baseAddress, let dst = buf.baseAddress { memcpy(dst, src, count * 4) }
            n = count
        }
    }

    static func decodeInt64s(_ raw: UnsafeRawBufferPointer, dataType: Int32, count: Int) -> [Int64] {
        switch dataType {
        case int64: return copied(raw, count: count)
        case int32: return (0..<count).map { Int64(raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) }
        case bool: return (0..<count).map { raw[$0] != 0 ? 1 : 0 }
        default: return decodeFloats(raw, dataType: dataType, count: count).map { Int64($0) }
        }
    }
}

extension ProtoTensor {
    /// Converts to `TensorData`, resolving external data relative to `directory`.
    func tensorData(file: String, directory: String, mapped: inout [String: MappedFile]) throws(ONNXError) -> TensorData {
        guard let element = ONNXDataType.element(dataType) else {
            throw .unsupportedDataType(file: file, tensor: name, dataType: Int(dataType))
        }
        var count = 1
        for d in dims {
            guard d >= 0, d < (1 << 40) else { throw .invalidTensor(file: file, tensor: name, detail: "bad dimension \(d)") }
            let (c, o) = count.multipliedReportingOverflow(by: Int(d))
            guard !o, c < (1 << 40) else { throw .invalidTensor(file: file, tensor: name, detail: "too many elements") }
            count = c
        }
        let type = TensorType(element, dims.map { Int($0) })
        let esize = ONNXDataType.size(dataType)
        if let external {
            let location = external["location"] ?? ""
            guard !location.hasPrefix("/"), !location.split(separator: "/").contains("..") else {
                throw .invalidTensor(file: file, tensor: name, detail: "external data location '\(location)' must be a relative path inside the model's folder")
            }
            let path = directory + "/" + location
            guard !location.isEmpty, let map = mapped[path] ?? MappedFile(path: path) else {
                throw .missingExternalData(file: file, tensor: name, path: location)
            }
            mapped[path] = map
            let offset = Int(external["offset"] ?? "0") ?? -1
            let length = Int(external["length"] ?? "") ?? count * esize
            guard offset >= 0, length == count * esize, offset <= map.size, map.size - offset >= length else {
                throw .externalDataOutOfRange(file: file, tensor: name,
                    detail: "offset \(offset) length \(length) does not fit \(count) elements in a \(map.size)-byte file")
            }
            return TensorData(type: type, storage: .external(ONNXExternalPayload(file: map, offset: offset, elementCount: count, dataType: dataType)))
        }
        if let rawByteCount {
            guard rawByteCount == count * esize else {
                throw .rawDataLengthMismatch(file: file, tensor: name, expectedBytes: count * esize, actualBytes: rawByteCount)
            }
            if let rawFloats { return TensorData(type: type, storage: .float32(rawFloats)) }
            return TensorData(type: type, storage: .int64(rawInts ?? []))
        }
        let have: Int
        let storage: TensorData.Storage
        switch dataType {
        case ONNXDataType.float: have = floatData.count; storage = .float32(floatData)
        case ONNXDataType.double: have = doubleData.count; storage = .float32(doubleData.map { Float($0) })
        case ONNXDataType.int64: have = int64Data.count; storage = .int64(int64Data)
        default: have = int32Data.count; storage = .int64(int32Data.map { Int64($0) })
        }
        guard have == count else {
            throw .invalidTensor(file: file, tensor: name, detail: "has \(have) values, its shape needs \(count)")
        }
        return TensorData(type: type, storage: storage)
    }
}
