#!/usr/bin/env python3
"""Generate the ONNX test models in Models/onnx/ with inputs and onnxruntime reference outputs.

Graphs are built with onnx.helper in the shapes torch.onnx.export / HF produce (no torch needed).
Deterministic: every model uses its own fixed numpy seed.

    /tmp/venv/bin/python Models/generate_onnx.py
"""
import json
import pathlib

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

OUT = pathlib.Path(__file__).resolve().parent / "onnx"


class G:
    """A small graph builder: nodes, initializers, unique names."""

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.nodes, self.inits, self.n = [], [], 0

    def name(self, p):
        self.n += 1
        return f"{p}_{self.n}"

    def w(self, name, shape, scale=None):
        fan = shape[0] if len(shape) > 1 else 1
        s = scale if scale is not None else 1.0 / np.sqrt(fan)
        a = (self.rng.standard_normal(shape) * s).astype(np.float32)
        self.inits.append(numpy_helper.from_array(a, name))
        return name

    def const(self, name, arr):
        self.inits.append(numpy_helper.from_array(np.asarray(arr), name))
        return name

    def op(self, op_type, inputs, nout=1, name=None, **attrs):
        nm = name or self.name(op_type)
        outs = [f"{nm}_out{i}" for i in range(nout)]
        self.nodes.append(helper.make_node(op_type, inputs, outs, name=nm, **attrs))
        return outs[0] if nout == 1 else outs

    def i64(self, vals):
        return self.const(self.name("c"), np.array(vals, dtype=np.int64))


def save(g, name, inputs, outputs, feed, opset=17, tokens=False):
    graph = helper.make_graph(g.nodes, name, inputs, outputs, g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="zkc-generate_onnx")
    model.ir_version = 8
    onnx.checker.check_model(model)
    path = OUT / f"{name}.onnx"
    onnx.save(model, str(path))
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    out = sess.run(None, feed)[0]
    vals = list(feed.values())
    if tokens:
        inp = {"tokens": [int(t) for t in vals[0].reshape(-1)]}
    else:
        inp = {"input_data": [[float(x) for x in v.reshape(-1)] for v in vals]}
    (OUT / f"{name}.input.json").write_text(json.dumps(inp))
    (OUT / f"{name}.output.json").write_text(json.dumps({"shape": list(out.shape), "output": [float(x) for x in out.reshape(-1)]}))
    print(f"{name}: {path.stat().st_size} bytes, output {out.shape}")


def vi(name, elem, shape):
    return helper.make_tensor_value_info(name, elem, shape)


def mlp():
    g = G(1)
    h = g.op("Gemm", ["input", g.w("fc1.weight", [32, 16]), g.w("fc1.bias", [32], 0.1)], name="/fc1/Gemm", transB=1)
    h = g.op("Relu", [h], name="/relu/Relu")
    h = g.op("MatMul", [h, g.w("fc2.weight_t", [32, 10])], name="/fc2/MatMul")
    y = g.op("Add", [h, g.w("fc2.bias", [10], 0.1)], name="/fc2/Add")
    g.nodes.append(helper.make_node("Identity", [y], ["output"], name="/out/Identity"))
    x = g.rng.standard_normal((1, 16)).astype(np.float32)
    save(g, "mlp", [vi("input", TensorProto.FLOAT, [1, 16])], [vi("output", TensorProto.FLOAT, [1, 10])], {"input": x}, opset=13)


def cnn():
    g = G(2)
    h = g.op("Conv", ["input", g.w("conv1.weight", [4, 1, 3, 3], 0.3), g.w("conv1.bias", [4], 0.1)],
             name="/conv1/Conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1])
    h = g.op("Relu", [h], name="/relu1/Relu")
    h = g.op("MaxPool", [h], name="/pool/MaxPool", kernel_shape=[2, 2], strides=[2, 2])
    h = g.op("Conv", [h, g.w("conv2.weight", [8, 4, 3, 3], 0.2), g.w("conv2.bias", [8], 0.1)],
             name="/conv2/Conv", kernel_shape=[3, 3], pads=[0, 0, 0, 0], strides=[1, 1])
    h = g.op("Relu", [h], name="/relu2/Relu")
    h = g.op("AveragePool", [h], name="/pool2/AveragePool", kernel_shape=[2, 2], strides=[1, 1])
    h = g.op("Flatten", [h], name="/flatten/Flatten", axis=1)
    g.nodes.append(helper.make_node("Gemm", [h, g.w("fc.weight", [10, 8]), g.w("fc.bias", [10], 0.1)], ["output"], name="/fc/Gemm", transB=1))
    x = g.rng.standard_normal((1, 1, 8, 8)).astype(np.float32)
    save(g, "cnn", [vi("input", TensorProto.FLOAT, [1, 1, 8, 8])], [vi("output", TensorProto.FLOAT, [1, 10])], {"input": x})


D, S, HQ, HKV, HD, FFN = 64, 16, 4, 2, 16, 172


def rms_norm(g, x, prefix, opset):
    w = g.const(f"{prefix}.weight", (1.0 + 0.1 * g.rng.standard_normal(D)).astype(np.float32))
    p = g.op("Pow", [x, g.const(g.name("two"), np.array(2.0, dtype=np.float32))], name=f"/{prefix}/Pow")
    if opset >= 18:
        m = g.op("ReduceMean", [p, g.i64([-1])], name=f"/{prefix}/ReduceMean", keepdims=1)
    else:
        m = g.op("ReduceMean", [p], name=f"/{prefix}/ReduceMean", axes=[-1], keepdims=1)
    a = g.op("Add", [m, g.const(g.name("eps"), np.array(1e-6, dtype=np.float32))], name=f"/{prefix}/Add")
    s = g.op("Sqrt", [a], name=f"/{prefix}/Sqrt")
    r = g.op("Div", [g.const(g.name("one"), np.array(1.0, dtype=np.float32)), s], name=f"/{prefix}/Div")
    h = g.op("Mul", [x, r], name=f"/{prefix}/Mul")
    return g.op("Mul", [w, h], name=f"/{prefix}/Mul_1")


def rope_tables():
    inv = 1.0 / (10000.0 ** (np.arange(0, HD, 2, dtype=np.float32) / HD))
    f = np.outer(np.arange(S, dtype=np.float32), inv)
    emb = np.concatenate([f, f], axis=-1)
    return np.cos(emb).astype(np.float32)[None, None], np.sin(emb).astype(np.float32)[None, None]


def rotate_half(g, x, p):
    x1 = g.op("Slice", [x, g.i64([0]), g.i64([HD // 2]), g.i64([3]), g.i64([1])], name=f"{p}/Slice")
    x2 = g.op("Slice", [x, g.i64([HD // 2]), g.i64([2**62]), g.i64([3]), g.i64([1])], name=f"{p}/Slice_1")
    n = g.op("Neg", [x2], name=f"{p}/Neg")
    return g.op("Concat", [n, x1], name=f"{p}/Concat", axis=-1)


def llama_layer(g, x, i, cos, sin, mask, opset):
    pre = f"model.layers.{i}"
    h = rms_norm(g, x, f"{pre}.input_layernorm", opset)

    def proj(inp, nm, din, dout):
        return g.op("MatMul", [inp, g.w(f"{pre}.{nm}.weight_t", [din, dout])], name=f"/{pre}/{nm}/MatMul")

    def heads(t, n, nm):
        r = g.op("Reshape", [t, g.i64([1, S, n, HD])], name=f"/{pre}/self_attn/{nm}/Reshape")
        return g.op("Transpose", [r], name=f"/{pre}/self_attn/{nm}/Transpose", perm=[0, 2, 1, 3])

    q = heads(proj(h, "self_attn.q_proj", D, HQ * HD), HQ, "q")
    k = heads(proj(h, "self_attn.k_proj", D, HKV * HD), HKV, "k")
    v = heads(proj(h, "self_attn.v_proj", D, HKV * HD), HKV, "v")

    def rope(t, nm):
        a = g.op("Mul", [t, cos], name=f"/{pre}/self_attn/{nm}/Mul")
        b = g.op("Mul", [rotate_half(g, t, f"/{pre}/self_attn/{nm}/rot"), sin], name=f"/{pre}/self_attn/{nm}/Mul_1")
        return g.op("Add", [a, b], name=f"/{pre}/self_attn/{nm}/Add")

    q, k = rope(q, "rope_q"), rope(k, "rope_k")

    def repeat_kv(t, nm):
        u = g.op("Unsqueeze", [t, g.i64([2])], name=f"/{pre}/self_attn/{nm}/Unsqueeze")
        e = g.op("Expand", [u, g.i64([1, HKV, HQ // HKV, S, HD])], name=f"/{pre}/self_attn/{nm}/Expand")
        return g.op("Reshape", [e, g.i64([1, HQ, S, HD])], name=f"/{pre}/self_attn/{nm}/Reshape")

    k, v = repeat_kv(k, "repeat_k"), repeat_kv(v, "repeat_v")
    kt = g.op("Transpose", [k], name=f"/{pre}/self_attn/Transpose_k", perm=[0, 1, 3, 2])
    sc = g.op("MatMul", [q, kt], name=f"/{pre}/self_attn/MatMul")
    sc = g.op("Div", [sc, g.const(g.name("sqrt_d"), np.array(np.sqrt(HD), dtype=np.float32))], name=f"/{pre}/self_attn/Div")
    sc = g.op("Add", [sc, mask], name=f"/{pre}/self_attn/Add_mask")
    p = g.op("Softmax", [sc], name=f"/{pre}/self_attn/Softmax", axis=-1)
    o = g.op("MatMul", [p, v], name=f"/{pre}/self_attn/MatMul_1")
    o = g.op("Transpose", [o], name=f"/{pre}/self_attn/Transpose_o", perm=[0, 2, 1, 3])
    o = g.op("Reshape", [o, g.i64([1, S, D])], name=f"/{pre}/self_attn/Reshape_o")
    o = proj(o, "self_attn.o_proj", HQ * HD, D)
    x = g.op("Add", [x, o], name=f"/{pre}/Add")
    h = rms_norm(g, x, f"{pre}.post_attention_layernorm", opset)
    gate = proj(h, "mlp.gate_proj", D, FFN)
    sg = g.op("Sigmoid", [gate], name=f"/{pre}/mlp/act_fn/Sigmoid")
    act = g.op("Mul", [gate, sg], name=f"/{pre}/mlp/act_fn/Mul")
    up = proj(h, "mlp.up_proj", D, FFN)
    m = g.op("Mul", [act, up], name=f"/{pre}/mlp/Mul")
    dn = proj(m, "mlp.down_proj", FFN, D)
    return g.op("Add", [x, dn], name=f"/{pre}/Add_1")


def causal_mask(g):
    m = np.triu(np.full((S, S), np.finfo(np.float32).min, dtype=np.float32), 1)[None, None]
    return g.const("causal_mask", m)


def llama_block():
    g = G(3)
    cos, sin = rope_tables()
    cos, sin = g.const("rope_cos", cos), g.const("rope_sin", sin)
    y = llama_layer(g, "hidden_states", 0, cos, sin, causal_mask(g), opset=18)
    g.nodes.append(helper.make_node("Identity", [y], ["output"], name="/output/Identity"))
    x = g.rng.standard_normal((1, S, D)).astype(np.float32)
    save(g, "llama_block", [vi("hidden_states", TensorProto.FLOAT, [1, S, D])], [vi("output", TensorProto.FLOAT, [1, S, D])], {"hidden_states": x}, opset=18)


def tiny_llama():
    g = G(4)
    V = 256
    cos, sin = rope_tables()
    cos, sin = g.const("rope_cos", cos), g.const("rope_sin", sin)
    # Mask built like HF: Trilu over a full matrix, Where to −inf-ish, from ConstantOfShape.
    full = g.op("ConstantOfShape", [g.i64([S, S])], name="/mask/ConstantOfShape",
                value=helper.make_tensor("v", TensorProto.FLOAT, [1], [1.0]))
    low = g.op("Trilu", [full], name="/mask/Trilu", upper=0)
    keep = g.op("Cast", [low], name="/mask/Cast", to=TensorProto.BOOL)
    mask = g.op("Where", [keep, g.const("zero", np.array(0.0, dtype=np.float32)),
                          g.const("neg", np.array(np.finfo(np.float32).min, dtype=np.float32))], name="/mask/Where")
    x = g.op("Gather", [g.w("model.embed_tokens.weight", [V, D], 1.0), "input_ids"], name="/model/embed_tokens/Gather", axis=0)
    for i in range(2):
        x = llama_layer(g, x, i, cos, sin, mask, opset=17)
    x = rms_norm(g, x, "model.norm", 17)
    g.nodes.append(helper.make_node("MatMul", [x, g.w("lm_head.weight_t", [D, V])], ["logits"], name="/lm_head/MatMul"))
    ids = g.rng.integers(0, V, (1, S)).astype(np.int64)
    save(g, "tiny_llama", [vi("input_ids", TensorProto.INT64, [1, S])], [vi("logits", TensorProto.FLOAT, [1, S, V])], {"input_ids": ids}, opset=17, tokens=True)


def gpt2_block():
    g = G(5)
    H = 4

    def ln(x, nm):
        return g.op("LayerNormalization", [x, g.const(f"{nm}.weight", (1 + 0.1 * g.rng.standard_normal(D)).astype(np.float32)),
                                           g.w(f"{nm}.bias", [D], 0.1)], name=f"/{nm}/LayerNormalization", axis=-1, epsilon=1e-5)

    h = ln("hidden_states", "h.0.ln_1")
    qkv = g.op("Add", [g.op("MatMul", [h, g.w("h.0.attn.c_attn.weight", [D, 3 * D])], name="/attn/c_attn/MatMul"),
                       g.w("h.0.attn.c_attn.bias", [3 * D], 0.1)], name="/attn/c_attn/Add")
    q, k, v = g.op("Split", [qkv, g.i64([D, D, D])], nout=3, name="/attn/Split", axis=2)

    def heads(t, nm, perm):
        r = g.op("Reshape", [t, g.i64([1, S, H, D // H])], name=f"/attn/{nm}/Reshape")
        return g.op("Transpose", [r], name=f"/attn/{nm}/Transpose", perm=perm)

    q, k, v = heads(q, "q", [0, 2, 1, 3]), heads(k, "k", [0, 2, 3, 1]), heads(v, "v", [0, 2, 1, 3])
    sc = g.op("MatMul", [q, k], name="/attn/MatMul")
    sc = g.op("Div", [sc, g.const("scale", np.array(np.sqrt(D // H), dtype=np.float32))], name="/attn/Div")
    bias = g.const("attn_bias", np.tril(np.ones((S, S), dtype=bool))[None, None])
    sc = g.op("Where", [bias, sc, g.const("masked", np.array(-1e4, dtype=np.float32))], name="/attn/Where")
    p = g.op("Softmax", [sc], name="/attn/Softmax", axis=-1)
    o = g.op("MatMul", [p, v], name="/attn/MatMul_1")
    o = g.op("Reshape", [g.op("Transpose", [o], name="/attn/Transpose_o", perm=[0, 2, 1, 3]), g.i64([1, S, D])], name="/attn/Reshape_o")
    o = g.op("Add", [g.op("MatMul", [o, g.w("h.0.attn.c_proj.weight", [D, D])], name="/attn/c_proj/MatMul"),
                     g.w("h.0.attn.c_proj.bias", [D], 0.1)], name="/attn/c_proj/Add")
    x = g.op("Add", ["hidden_states", o], name="/Add")
    h = ln(x, "h.0.ln_2")
    f = g.op("Add", [g.op("MatMul", [h, g.w("h.0.mlp.c_fc.weight", [D, 4 * D])], name="/mlp/c_fc/MatMul"),
                     g.w("h.0.mlp.c_fc.bias", [4 * D], 0.1)], name="/mlp/c_fc/Add")

    def c(v):
        return g.const(g.name("c"), np.array(v, dtype=np.float32))

    # tanh GELU as GPT-2's NewGELUActivation exports: 0.5*x*(1+tanh(sqrt(2/pi)*(x+0.044715*x^3)))
    cube = g.op("Pow", [f, c(3.0)], name="/mlp/act/Pow")
    inner = g.op("Add", [f, g.op("Mul", [c(0.044715), cube], name="/mlp/act/Mul")], name="/mlp/act/Add")
    t = g.op("Tanh", [g.op("Mul", [c(np.sqrt(2 / np.pi)), inner], name="/mlp/act/Mul_1")], name="/mlp/act/Tanh")
    gl = g.op("Mul", [g.op("Mul", [c(0.5), f], name="/mlp/act/Mul_2"), g.op("Add", [c(1.0), t], name="/mlp/act/Add_1")], name="/mlp/act/Mul_3")
    o = g.op("Add", [g.op("MatMul", [gl, g.w("h.0.mlp.c_proj.weight", [4 * D, D])], name="/mlp/c_proj/MatMul"),
                     g.w("h.0.mlp.c_proj.bias", [D], 0.1)], name="/mlp/c_proj/Add")
    g.nodes.append(helper.make_node("Add", [x, o], ["output"], name="/Add_1"))
    xin = g.rng.standard_normal((1, S, D)).astype(np.float32)
    save(g, "gpt2_block", [vi("hidden_states", TensorProto.FLOAT, [1, S, D])], [vi("output", TensorProto.FLOAT, [1, S, D])], {"hidden_states": xin}, opset=17)


def dynamic_mlp():
    g = G(6)
    # input [batch, 4, 6] → flatten last two dims with shape arithmetic → Gemm-like MatMul.
    shp = g.op("Shape", ["input"], name="/Shape")
    b = g.op("Gather", [shp, g.const("idx0", np.array(0, dtype=np.int64))], name="/Gather", axis=0)
    bu = g.op("Unsqueeze", [b, g.i64([0])], name="/Unsqueeze")
    newshape = g.op("Concat", [bu, g.i64([-1])], name="/Concat", axis=0)
    flat = g.op("Reshape", ["input", newshape], name="/Reshape")
    h = g.op("Add", [g.op("MatMul", [flat, g.w("fc1.weight_t", [24, 32])], name="/fc1/MatMul"), g.w("fc1.bias", [32], 0.1)], name="/fc1/Add")
    h = g.op("Relu", [h], name="/relu/Relu")
    g.nodes.append(helper.make_node("Gemm", [h, g.w("fc2.weight", [5, 32]), g.w("fc2.bias", [5], 0.1)], ["output"], name="/fc2/Gemm", transB=1))
    x = g.rng.standard_normal((3, 4, 6)).astype(np.float32)
    save(g, "dynamic_mlp", [vi("input", TensorProto.FLOAT, ["batch", 4, 6])], [vi("output", TensorProto.FLOAT, ["batch", 5])], {"input": x}, opset=13)


def external_mlp():
    """The mlp with its weights in an external data file (external_mlp.data next to the model)."""
    g = G(7)
    h = g.op("Gemm", ["input", g.w("fc1.weight", [32, 16]), g.w("fc1.bias", [32], 0.1)], name="/fc1/Gemm", transB=1)
    h = g.op("Relu", [h], name="/relu/Relu")
    g.nodes.append(helper.make_node("MatMul", [h, g.w("fc2.weight_t", [32, 10])], ["output"], name="/fc2/MatMul"))
    graph = helper.make_graph(g.nodes, "external_mlp", [vi("input", TensorProto.FLOAT, [1, 16])], [vi("output", TensorProto.FLOAT, [1, 10])], g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="zkc-generate_onnx")
    model.ir_version = 8
    path = OUT / "external_mlp.onnx"
    # onnx.save appends to an existing data file: start from none so reruns are byte-identical.
    (OUT / "external_mlp.data").unlink(missing_ok=True)
    onnx.save(model, str(path), save_as_external_data=True, all_tensors_to_one_file=True, location="external_mlp.data", size_threshold=0)
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    x = g.rng.standard_normal((1, 16)).astype(np.float32)
    out = sess.run(None, {"input": x})[0]
    (OUT / "external_mlp.input.json").write_text(json.dumps({"input_data": [[float(v) for v in x.reshape(-1)]]}))
    (OUT / "external_mlp.output.json").write_text(json.dumps({"shape": list(out.shape), "output": [float(v) for v in out.reshape(-1)]}))
    print(f"external_mlp: {path.stat().st_size} bytes + external data")


def bad_models():
    """Malformed models for the importer's error tests (Models/onnx/bad/)."""
    bad = OUT / "bad"
    bad.mkdir(exist_ok=True)

    def write(name, nodes, inits, inputs=("x",), outputs=("y",), opset=17):
        graph = helper.make_graph(nodes, name, [vi(i, TensorProto.FLOAT, [2]) for i in inputs],
                                  [vi(o, TensorProto.FLOAT, [2]) for o in outputs], inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
        model.ir_version = 8
        (bad / f"{name}.onnx").write_bytes(model.SerializeToString())

    write("unknown_op", [helper.make_node("FancyOp", ["x"], ["y"], name="fancy_node")], [])
    write("unknown_domain", [helper.make_node("Relu", ["x"], ["y"], name="custom_relu", domain="com.example")], [])
    write("undefined_input", [helper.make_node("Add", ["x", "ghost"], ["y"], name="add_ghost")], [])
    w = numpy_helper.from_array(np.ones(2, dtype=np.float32), "w")
    w.raw_data = w.raw_data[:5]
    write("raw_data_mismatch", [helper.make_node("Add", ["x", "w"], ["y"], name="add_w")], [w])
    e = numpy_helper.from_array(np.ones(2, dtype=np.float32), "w_ext")
    e.ClearField("raw_data")
    e.data_location = TensorProto.EXTERNAL
    for k, v in (("location", "missing_weights.bin"), ("offset", "0"), ("length", "8")):
        e.external_data.append(onnx.StringStringEntryProto(key=k, value=v))
    write("missing_external", [helper.make_node("Add", ["x", "w_ext"], ["y"], name="add_ext")], [e])
    write("cycle", [helper.make_node("Add", ["x", "b"], ["a"], name="cyc_a"),
                    helper.make_node("Relu", ["a"], ["b"], name="cyc_b"),
                    helper.make_node("Identity", ["a"], ["y"], name="out")], [])
    write("opset_too_old", [helper.make_node("Relu", ["x"], ["y"], name="relu_old")], [], opset=9)
    write("opset_too_new", [helper.make_node("Relu", ["x"], ["y"], name="relu_new")], [], opset=30)
    print("bad models written")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    mlp()
    cnn()
    llama_block()
    tiny_llama()
    gpt2_block()
    dynamic_mlp()
    external_mlp()
    bad_models()
