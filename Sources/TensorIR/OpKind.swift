/// Every op TensorIR knows. Raw values are the op names in the text form.
///
/// Primitive ops mirror ONNX semantics (numpy broadcasting, ONNX attribute names in snake case);
/// named ops (`rms_norm`, `softmax`, …) are introduced by `recognize`; quantized and gadget ops
/// by `quantize` and `fuse-lookups`. docs/ir.md gives each op's operands, attributes and meaning.
public enum OpKind: String, Hashable, Sendable, CaseIterable {
    // Sources
    case constant              // %v = constant @name : type    (attribute "name")

    // Elementwise arithmetic (broadcasting)
    case add, sub, mul, div, pow, neg, sqrt, reciprocal, exp, log, abs
    case relu, sigmoid, tanh, erf, gelu, silu
    case equal, less, greater, not, and, or, `where`
    case cast                   // attribute "to": type
    case identity

    // Reductions and normalizations (attribute "axes", "keepdims")
    case reduceMean = "reduce_mean"
    case reduceSum = "reduce_sum"
    case reduceMax = "reduce_max"
    case softmax                // attribute "axis"
    case layerNorm = "layer_norm"   // attributes "axis", "epsilon"
    case rmsNorm = "rms_norm"       // attributes "axis", "epsilon"

    // Linear algebra
    case matmul                 // numpy matmul with batch broadcasting
    case gemm                   // attributes alpha, beta, trans_a, trans_b
    case conv                   // attributes strides, pads, dilations, group, kernel_shape
    case maxPool = "max_pool"
    case averagePool = "average_pool"

    // Shape and data movement
    case reshape, transpose, slice, concat, split, squeeze, unsqueeze, expand, flatten
    case gather                 // attribute "axis"
    case shape, range, trilu
    case constantOfShape = "constant_of_shape"

    // Named (recognized) transformer ops
    case swiglu                 // silu(gate) * up
    case rope                   // attribute "style": "adjacent" | "half"; "base"
    case attention              // attributes "heads", "kv_heads", "causal"
    case embedding              // token ids → rows of a table

    // Quantized and gadget ops (after quantize / fuse-lookups)
    case rescale                // attribute "shift": arithmetic right shift with floor
    case lookup                 // attribute "table"
    case requantize
}
