#!/usr/bin/env python3
"""Generates the tiny GGUF models in Models/gguf/ and their numpy reference outputs.

Run: /tmp/venv/bin/python Models/generate_gguf.py   (needs numpy and the PyPI `gguf` package)

Every file is deterministic (fixed seeds). For each model NAME:
  NAME.gguf          the model, written with gguf.GGUFWriter
  NAME.tokens.json   {"tokens": [...]}                       the input
  NAME.output.json   {"shape": [S, vocab], "output": [...]}  logits from the numpy reference
  NAME.dequant.json  per-tensor statistics of the gguf package's own dequantization
                     (count, sum, sum of squares, first values; ternary: code statistics)

The reference dequantizes every tensor with gguf.quants.dequantize and then runs a plain numpy
(float64) forward pass of the llama / bitnet architecture as llama.cpp defines it:
  llama:  RoPE on adjacent pairs (GGML_ROPE_TYPE_NORM) of q/k as stored in the file
  bitnet: RoPE on half-split pairs (NEOX), attn_sub_norm before attn_output,
          ffn_sub_norm before ffn_down, output tied to token_embd
"""

import json
import os

import numpy as np
import gguf
from gguf import GGMLQuantizationType as Q

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "gguf")


# --------------------------------------------------------------------------- reference model

def rms_norm(x, g, eps):
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * g


def rope(x, base, style):
    """x: [H, S, D]; positions 0..S-1."""
    h, s, d = x.shape
    inv = base ** (-np.arange(0, d // 2, dtype=np.float64) * 2.0 / d)
    ang = np.arange(s, dtype=np.float64)[:, None] * inv[None, :]  # [S, D/2]
    cos, sin = np.cos(ang), np.sin(ang)
    y = np.empty_like(x)
    if style == "adjacent":
        x0, x1 = x[..., 0::2], x[..., 1::2]
        y[..., 0::2] = x0 * cos - x1 * sin
        y[..., 1::2] = x0 * sin + x1 * cos
    else:
        x0, x1 = x[..., : d // 2], x[..., d // 2:]
        y[..., : d // 2] = x0 * cos - x1 * sin
        y[..., d // 2:] = x0 * sin + x1 * cos
    return y


def attention(q, k, v):
    hq, s, d = q.shape
    hkv = k.shape[0]
    group = hq // hkv
    mask = np.triu(np.full((s, s), -np.inf), k=1)
    out = np.empty_like(q)
    for h in range(hq):
        g = h // group
        scores = q[h] @ k[g].T / np.sqrt(d) + mask
        scores -= scores.max(axis=-1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=-1, keepdims=True)
        out[h] = p @ v[g]
    return out


def silu(x):
    return x / (1.0 + np.exp(-x))


def forward(weights, hp, tokens):
    """weights: name -> float64 array in row-major [out, in] form (GGUF ne reversed)."""
    arch = hp["arch"]
    style = "adjacent" if arch == "llama" else "half"
    eps, base = hp["eps"], hp["rope_base"]
    hq, hkv, dh = hp["heads"], hp["kv_heads"], hp["width"] // hp["heads"]
    s = len(tokens)
    x = weights["token_embd.weight"][tokens]
    for i in range(hp["layers"]):
        p = f"blk.{i}."
        h = rms_norm(x, weights[p + "attn_norm.weight"], eps)
        q = h @ weights[p + "attn_q.weight"].T
        k = h @ weights[p + "attn_k.weight"].T
        v = h @ weights[p + "attn_v.weight"].T
        q = rope(q.reshape(s, hq, dh).transpose(1, 0, 2), base, style)
        k = rope(k.reshape(s, hkv, dh).transpose(1, 0, 2), base, style)
        v = v.reshape(s, hkv, dh).transpose(1, 0, 2)
        a = attention(q, k, v).transpose(1, 0, 2).reshape(s, hq * dh)
        if arch == "bitnet":
            a = rms_norm(a, weights[p + "attn_sub_norm.weight"], eps)
        x = x + a @ weights[p + "attn_output.weight"].T
        g = rms_norm(x, weights[p + "ffn_norm.weight"], eps)
        act = silu(g @ weights[p + "ffn_gate.weight"].T) * (g @ weights[p + "ffn_up.weight"].T)
        if arch == "bitnet":
            act = rms_norm(act, weights[p + "ffn_sub_norm.weight"], eps)
        x = x + act @ weights[p + "ffn_down.weight"].T
    x = rms_norm(x, weights["output_norm.weight"], eps)
    head = weights.get("output.weight", weights["token_embd.weight"])
    return x @ head.T


# --------------------------------------------------------------------------- writing

def encode(array, qtype):
    """(stored array for GGUFWriter, float64 dequantization by the gguf package)."""
    if qtype == Q.F32:
        stored = array.astype(np.float32)
    elif qtype == Q.F16:
        stored = array.astype(np.float16)
    else:
        stored = gguf.quants.quantize(array.astype(np.float32), qtype)
    deq = gguf.quants.dequantize(stored, qtype) if qtype not in (Q.F32, Q.F16) else stored
    return stored, np.asarray(deq, dtype=np.float64).reshape(array.shape)


def tensor_stats(name, deq, qtype):
    flat = deq.reshape(-1)
    stats = {
        "type": qtype.name,
        "shape": list(deq.shape),
        "count": int(flat.size),
        "sum": float(flat.sum()),
        "sumsq": float((flat * flat).sum()),
        "head": [float(v) for v in flat[:8]],
    }
    if qtype in (Q.TQ1_0, Q.TQ2_0):
        blocks = flat.reshape(-1, 256)
        d = np.abs(blocks).max(axis=1, keepdims=True)
        codes = np.where(d == 0, 0, np.rint(blocks / np.where(d == 0, 1, d))).astype(np.int64).reshape(-1)
        weights = (np.arange(codes.size) % 1009) + 1
        stats["codes"] = {
            "minus": int((codes == -1).sum()),
            "zero": int((codes == 0).sum()),
            "plus": int((codes == 1).sum()),
            "weighted": int((codes * weights).sum()),
        }
    return stats


def write_model(name, arch, hp, tensors, tokens):
    """tensors: list of (gguf name, float64 array [out, in] or [n], qtype)."""
    path = os.path.join(OUT, name + ".gguf")
    w = gguf.GGUFWriter(path, arch)
    w.add_name(name)
    w.add_uint32(f"{arch}.block_count", hp["layers"])
    w.add_uint32(f"{arch}.context_length", hp["context"])
    w.add_uint32(f"{arch}.embedding_length", hp["width"])
    w.add_uint32(f"{arch}.feed_forward_length", hp["ffn"])
    w.add_uint32(f"{arch}.attention.head_count", hp["heads"])
    w.add_uint32(f"{arch}.attention.head_count_kv", hp["kv_heads"])
    w.add_float32(f"{arch}.attention.layer_norm_rms_epsilon", hp["eps"])
    w.add_float32(f"{arch}.rope.freq_base", hp["rope_base"])
    w.add_uint32(f"{arch}.rope.dimension_count", hp["width"] // hp["heads"])
    w.add_uint32(f"{arch}.vocab_size", hp["vocab"])
    w.add_string("tokenizer.ggml.model", "none")
    w.add_array("tokenizer.ggml.tokens", [f"<{i}>" for i in range(hp["vocab"])])
    w.add_array("tokenizer.ggml.scores", [float(-i) for i in range(hp["vocab"])])
    deq_weights, stats = {}, {}
    for tname, array, qtype in tensors:
        stored, deq = encode(array, qtype)
        w.add_tensor(tname, stored, raw_dtype=qtype if qtype not in (Q.F32, Q.F16) else None)
        deq_weights[tname] = deq
        stats[tname] = tensor_stats(tname, deq, qtype)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()

    logits = forward(deq_weights, hp, np.array(tokens))
    dump(name + ".tokens.json", {"tokens": [int(t) for t in tokens]})
    dump(name + ".output.json", {"shape": list(logits.shape), "output": [float(v) for v in logits.reshape(-1)]})
    dump(name + ".dequant.json", stats)
    print(f"{name}: {os.path.getsize(path)} bytes, logits {logits.shape}")


def dump(filename, obj):
    with open(os.path.join(OUT, filename), "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")


# --------------------------------------------------------------------------- models

def decoder_tensors(rng, hp, matrix, embd_type, norm_scale=0.1, tied=False):
    """matrix(shape, name) -> (array, qtype) for the 2-D projection weights."""
    d, f, v = hp["width"], hp["ffn"], hp["vocab"]
    dh = d // hp["heads"]
    hq, hkv = hp["heads"] * dh, hp["kv_heads"] * dh
    norm = lambda n: (1.0 + norm_scale * rng.standard_normal(n), Q.F32)
    out = [("token_embd.weight", rng.standard_normal((v, d)) * 0.5, embd_type)]
    for i in range(hp["layers"]):
        p = f"blk.{i}."
        out.append((p + "attn_norm.weight", *norm(d)))
        out.append((p + "attn_q.weight", *matrix((hq, d))))
        out.append((p + "attn_k.weight", *matrix((hkv, d))))
        out.append((p + "attn_v.weight", *matrix((hkv, d))))
        if hp["arch"] == "bitnet":
            out.append((p + "attn_sub_norm.weight", *norm(hq)))
        out.append((p + "attn_output.weight", *matrix((d, hq))))
        out.append((p + "ffn_norm.weight", *norm(d)))
        out.append((p + "ffn_gate.weight", *matrix((f, d))))
        out.append((p + "ffn_up.weight", *matrix((f, d))))
        if hp["arch"] == "bitnet":
            out.append((p + "ffn_sub_norm.weight", *norm(f)))
        out.append((p + "ffn_down.weight", *matrix((d, f))))
    out.append(("output_norm.weight", *norm(d)))
    if not tied:
        out.append(("output.weight", *matrix((v, d))))
    return out


def llama_models():
    hp = dict(arch="llama", layers=2, width=64, heads=4, kv_heads=2, ffn=128, vocab=256, context=64,
              eps=1e-5, rope_base=10000.0)
    rng = np.random.default_rng(20260101)
    dense = lambda shape: (rng.standard_normal(shape) / np.sqrt(shape[1]), Q.F32)
    tensors = decoder_tensors(rng, hp, dense, Q.F32)
    tokens = np.random.default_rng(1).integers(0, hp["vocab"], 12)
    write_model("tiny_llama_f32", "llama", hp, tensors, tokens)

    hp_q = dict(hp, rope_base=500000.0)
    rng = np.random.default_rng(20260102)
    quant = lambda shape: (rng.standard_normal(shape) / np.sqrt(shape[1]), Q.Q8_0)
    tensors = decoder_tensors(rng, hp_q, quant, Q.Q8_0, tied=True)
    tokens = np.random.default_rng(2).integers(0, hp["vocab"], 10)
    write_model("tiny_llama_q8_0", "llama", hp_q, tensors, tokens)


def bitnet_models():
    hp = dict(arch="bitnet", layers=2, width=256, heads=4, kv_heads=2, ffn=512, vocab=256, context=64,
              eps=1e-6, rope_base=10000.0)
    for qtype, seed, token_seed, count in ((Q.TQ2_0, 20260103, 3, 12), (Q.TQ1_0, 20260104, 4, 9)):
        rng = np.random.default_rng(seed)
        # Ternary weights: codes in {-1, 0, +1} times a per-tensor scale (exact in f16), so the
        # block quantizers reproduce them exactly.
        def ternary(shape):
            codes = rng.choice([-1.0, 0.0, 1.0], size=shape, p=[0.3, 0.4, 0.3])
            scale = rng.choice([0.03125, 0.046875, 0.0625]) * np.sqrt(256.0 / shape[1])
            return codes * scale, qtype
        tensors = decoder_tensors(rng, hp, ternary, Q.F16, tied=True)
        tokens = np.random.default_rng(token_seed).integers(0, hp["vocab"], count)
        write_model(f"tiny_bitnet_{qtype.name.lower()}", "bitnet", hp, tensors, tokens)


def dequant_fixture():
    """One tensor of every decodable type, with the package's dequantization statistics."""
    rng = np.random.default_rng(20260105)
    path = os.path.join(OUT, "dequant_types.gguf")
    w = gguf.GGUFWriter(path, "none")
    w.add_name("dequant_types")
    stats = {}
    specs = [("f32", Q.F32, (4, 64)), ("f16", Q.F16, (4, 64)), ("bf16", Q.BF16, (4, 64)),
             ("q8_0", Q.Q8_0, (4, 64)), ("q4_0", Q.Q4_0, (4, 64)),
             ("tq1_0", Q.TQ1_0, (2, 512)), ("tq2_0", Q.TQ2_0, (3, 256))]
    for tname, qtype, shape in specs:
        array = rng.standard_normal(shape) * 2.0
        if qtype in (Q.TQ1_0, Q.TQ2_0):
            array = np.clip(np.rint(array), -1, 1) * 0.75
            array[0, :256] = 0  # an all-zero block (scale 0)
        stored, deq = encode(array, qtype)
        w.add_tensor(tname, stored, raw_dtype=qtype if qtype not in (Q.F32, Q.F16) else None)
        stats[tname] = tensor_stats(tname, deq, qtype)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    dump("dequant_types.dequant.json", stats)
    print(f"dequant_types: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    llama_models()
    bitnet_models()
    dequant_fixture()
