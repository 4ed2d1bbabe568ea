# zkc — zero-knowledge ML compiler.
#   make demo   install what is missing, build release, run the demo
#   make test   the whole test suite
#   make bench  the benchmarks (release)

SWIFT        ?= swift
APT_PACKAGES := libprotobuf-c-dev libonnx-dev
JOBS         ?= $(shell nproc 2>/dev/null || echo 2)
RELEASE_BIN  := .build/release/zkc

.PHONY: all deps build release demo test test-slow bench models clean

all: build

## Install the Debian packages the build needs, only when one is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "==> installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -j $(JOBS)

release: deps
	$(SWIFT) build -c release -j $(JOBS) --product zkc

## Until the circuit prover lands (see README "Status"), the demo exercises what exists:
## the proving core at quick sizes, then the compiler front end on the bundled tiny LLaMA.
DEMO_MODEL := Models/gguf/tiny_llama_q8_0.gguf
DEMO_INPUT := Models/gguf/tiny_llama_q8_0.tokens.json

demo: release
	@echo "==> proving core: field, NTT, Merkle, PCS (commit/open/verify), sumcheck, LogUp at quick sizes"
	$(RELEASE_BIN) bench core --quick
	@echo "==> compiler front end: $(DEMO_MODEL) imported and compiled (canonicalize, recognize, partition-layers)"
	$(RELEASE_BIN) compile $(DEMO_MODEL) --input $(DEMO_INPUT) --emit stats
	@echo "==> float inference of $(DEMO_MODEL) on $(DEMO_INPUT)"
	$(RELEASE_BIN) run $(DEMO_MODEL) --input $(DEMO_INPUT)

test: deps
	$(SWIFT) build --build-tests -j $(JOBS)
	$(SWIFT) test --skip-build

bench: release
	$(RELEASE_BIN) bench all

## Regenerate the test models (needs Python; never run by build or test).
models:
	python3 -m venv .venv && .venv/bin/pip install -q onnx onnxruntime gguf numpy
	.venv/bin/python Models/generate.py

clean:
	rm -rf .build
