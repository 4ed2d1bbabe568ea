import COnnx
import Glibc

/// Swift copies of the parts of onnx.proto the importer reads (decoded once from protobuf-c).
struct ProtoModel {
    var opsets: [(domain: String, version: Int64)] = []
    var producer = ""
    var producerVersion = ""
    var irVersion: Int64 = 0
    var graph = ProtoGraph()
}

struct ProtoGraph {
    var name = ""
    var nodes: [ProtoNode] = []
    var initializers: [ProtoTensor] = []
    var inputs: [ProtoValueInfo] = []
    var outputs: [ProtoValueInfo] = []
}

struct ProtoValueInfo {
    var name: String
    var elemType: Int32
    /// nil: unknown rank. Each dim is a value, a symbolic name, or unknown.
    var dims: [ProtoDim]?
}

enum ProtoDim: Equatable {
    case value(Int64)
    case param(String)
    case unknown
}

struct ProtoNode {
    var name: String
    var opType: String
    var domain: String
    var inputs: [String]
    var outputs: [String]
    var attributes: [String: ProtoAttribute]
}

enum ProtoAttribute {
    case float(Float), int(Int64), string(String), tensor(ProtoTensor)
    case floats([Float]), ints([Int64]), strings([String]), other(Int32)
}

struct ProtoTensor {
    var name: String
    var dims: [Int64]
    var dataType: Int32
    var floatData: [Float] = []
    var int32Data: [Int32] = []
    var int64Data: [Int64] = []
    var doubleData: [Double] = []
    /// Byte count of raw_data when present; its values are decoded into `rawFloats` / `rawInts`
    /// when the count matches the shape (so the bytes are copied once, into their final form).
    var rawByteCount: Int?
    var rawFloats: [Float]?
    var rawInts: [Int64]?
    var external: [String: String]?
}

@inline(__always) func str(_ p: UnsafeMutablePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }

@inline(__always) func array<T>(_ p: UnsafeMutablePointer<T>?, _ n: Int) -> [T] {
    guard let p, n > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: p, count: n))
}

/// Decodes `bytes` with protobuf-c and copies the result into Swift values.
///
/// Each initializer's raw_data is freed as soon as it is decoded, and with `releaseInput` the
/// (memory-mapped) input pages are dropped after parsing, so peak memory stays near 2× the weights.
func decodeModel(_ bytes: UnsafeRawBufferPointer, file: String, releaseInput: Bool = false) throws(ONNXError) -> ProtoModel {
    guard let base = bytes.baseAddress, bytes.count > 0 else { throw .emptyFile(file: file) }
    guard let m = onnx__model_proto__unpack(nil, bytes.count, base.assumingMemoryBound(to: UInt8.self)) else {
        throw .unparsable(file: file)
    }
    defer { onnx__model_proto__free_unpacked(m, nil) }
    if releaseInput { madvise(UnsafeMutableRawPointer(mutating: base), bytes.count, MADV_DONTNEED) }
    var model = ProtoModel()
    model.producer = str(m.pointee.producer_name)
    model.producerVersion = str(m.pointee.producer_version)
    model.irVersion = m.pointee.ir_version
    if let ops = m.pointee.opset_import {
        for i in 0..<m.pointee.n_opset_import {
            guard let o = ops[i] else { continue }
            model.opsets.append((str(o.pointee.domain), o.pointee.version))
        }
    }
    guard let g = m.pointee.graph else { throw .missingGraph(file: file) }
    model.graph.name = str(g.pointee.name)
    if let nodes = g.pointee.node {
        for i in 0..<g.pointee.n_node {
            guard let n = nodes[i] else { continue }
            var attrs: [String: ProtoAttribute] = [:]
            if let a = n.pointee.attribute {
                for j in 0..<n.pointee.n_attribute {
                    guard let at = a[j] else { continue }
                    attrs[str(at.pointee.name)] = decodeAttribute(at.pointee)
                }
            }
            model.graph.nodes.append(ProtoNode(
                name: str(n.pointee.name), opType: str(n.pointee.op_type), domain: str(n.pointee.domain),
                inputs: strings(n.pointee.input, n.pointee.n_input), outputs: strings(n.pointee.output, n.pointee.n_output),
                attributes: attrs))
        }
    }
    if let inits = g.pointee.initializer {
        for i in 0..<g.pointee.n_initializer {
            guard let t = inits[i] else { continue }
            model.graph.initializers.append(decodeTensor(t))
        }
    }
    model.graph.inputs = valueInfos(g.pointee.input, g.pointee.n_input)
    model.graph.outputs = valueInfos(g.pointee.output, g.pointee.n_output)
    return model
}

private func strings(_ p: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ n: Int) -> [String] {
    guard let p else { return [] }
    return (0..<n).map { str(p[$0]) }
}

private func valueInfos(_ p: UnsafeMutablePointer<UnsafeMutablePointer<Onnx__ValueInfoProto>?>?, _ n: Int) -> [ProtoValueInfo] {
    guard let p else { return [] }
    var out: [ProtoValueInfo] = []
    for i in 0..<n {
        guard let v = p[i] else { continue }
        var info = ProtoValueInfo(name: str(v.pointee.name), elemType: 0, dims: nil)
        if let t = v.pointee.type, t.pointee.value_case == ONNX__TYPE_PROTO__VALUE_TENSOR_TYPE, let tt = t.pointee.tensor_type {
            info.elemType = tt.pointee.elem_type
            if let s = tt.pointee.shape {
                var dims: [ProtoDim] = []
                for j in 0..<s.pointee.n_dim {
                    guard let dp = s.pointee.dim, let d = dp[j] else { dims.append(.unknown); continue }
                    switch d.pointee.value_case {
                    case ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_VALUE: dims.append(.value(d.pointee.dim_value))
                    case ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_PARAM: dims.append(.param(str(d.pointee.dim_param)))
                    default: dims.append(.unknown)
                    }
                }
                info.dims = dims
            }
        }
        out.append(info)
    }
    return out
}

private func decodeAttribute(_ a: Onnx__AttributeProto) -> ProtoAttribute {
    switch a.type {
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOAT: return .float(a.f)
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INT: return .int(a.i)
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__STRING: return .string(bytesString(a.s))
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TENSOR:
        if let t = a.t { return .tensor(decodeTensor(t)) }
        return .other(Int32(bitPattern: a.type.rawValue))
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOATS: return .floats(array(a.floats, a.n_floats))
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INTS: return .ints(array(a.ints, a.n_ints))
    case ONNX__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__STRINGS:
        guard let s = a.strings else { return .strings([]) }
        return .strings((0..<a.n_strings).map { bytesString(s[$0]) })
    default: return .other(Int32(bitPattern: a.type.rawValue))
    }
}

private func bytesString(_ b: ProtobufCBinaryData) -> String {
    guard let d = b.data, b.len > 0 else { return "" }
    return String(decoding: UnsafeBufferPointer(start: d, count: b.len), as: UTF8.self)
}

private func decodeTensor(_ tp: UnsafeMutablePointer<Onnx__TensorProto>) -> ProtoTensor {
    let t = tp.pointee
    var out = ProtoTensor(name: str(t.name), dims: array(t.dims, t.n_dims), dataType: t.data_type)
    out.floatData = array(t.float_data, t.n_float_data)
    out.int32Data = array(t.int32_data, t.n_int32_data)
    out.int64Data = array(t.int64_data, t.n_int64_data)
    out.doubleData = array(t.double_data, t.n_double_data)
    if t.has_raw_data != 0 {
        let len = t.raw_data.len
        out.rawByteCount = len
        let size = ONNXDataType.size(t.data_type)
        if let data = t.raw_data.data, size > 0, len % size == 0 {
            let raw = UnsafeRawBufferPointer(start: data, count: len)
            if ONNXDataType.isFloat(t.data_type) {
                out.rawFloats = ONNXDataType.decodeFloats(raw, dataType: t.data_type, count: len / size)
            } else {
                out.rawInts = ONNXDataType.decodeInt64s(raw, dataType: t.data_type, count: len / size)
            }
            free(data)
            tp.pointee.raw_data.data = nil
            tp.pointee.raw_data.len = 0
        }
    }
    if t.data_location == ONNX__TENSOR_PROTO__DATA_LOCATION__EXTERNAL || t.n_external_data > 0, let e = t.external_data {
        var kv: [String: String] = [:]
        for i in 0..<t.n_external_data { if let p = e[i] { kv[str(p.pointee.key)] = str(p.pointee.value) } }
        out.external = kv
    }
    return out
}
