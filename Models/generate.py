#!/usr/bin/env python3
"""Regenerate every test model in Models/ with its inputs and reference outputs.

Deterministic (fixed seeds). Needs a venv with the PyPI packages onnx, onnxruntime, gguf, numpy:

    python3 -m venv .venv && .venv/bin/pip install onnx onnxruntime gguf numpy
    .venv/bin/python Models/generate.py

The product and its tests never run Python; they read the committed files.
"""
import pathlib
import runpy
import sys

HERE = pathlib.Path(__file__).resolve().parent

for script in ("generate_onnx.py", "generate_gguf.py"):
    path = HERE / script
    print(f"==> {script}", flush=True)
    sys.argv = [str(path)]
    runpy.run_path(str(path), run_name="__main__")
