// GGUFImport — reads GGUF model files (ggml `docs/gguf.md`) and builds TensorIR from them.
//
// | file                           | contents                                                   |
// |--------------------------------|------------------------------------------------------------|
// | GGUFFile.swift                 | open (mmap) and index: header, metadata, tensor infos      |
// | ByteSource+Unsafe.swift        | the mapping and the bounds-checked little-endian cursor    |
// | GGUFValue.swift                | metadata value types and values                            |
// | GGMLType.swift                 | ggml tensor types and block geometry                       |
// | GGUFTensorInfo.swift           | tensor-info and metadata entries                           |
// | GGUFFile+Tensors.swift         | tensor decoding, TensorIR constants, lazy payloads         |
// | GGUFFile+Inspection.swift      | `inspectionReport()` for `zkc inspect`                     |
// | Dequantize.swift               | F32, F16, BF16, Q8_0, Q4_0 → Float                         |
// | TernaryDecoding.swift          | TQ1_0, TQ2_0 → exact codes {−1, 0, +1} + block scales      |
// | TernaryDecoding+Unsafe.swift   | the SWAR / parallel decoding kernels                       |
// | DecoderHyperparameters.swift   | `{arch}.*` hyperparameters, validated                      |
// | DecoderGraphBuilder.swift      | llama / bitnet graphs as named TensorIR ops                |
// | GGUFImporter.swift             | `GGUFImporter.importModel(path:seqLen:)`                   |
// | TokenInput.swift               | the `{"tokens": [...]}` input convention                   |
// | GGUFFile+Tokenizer.swift       | tokenizer metadata accessors                               |
// | GGUFError.swift                | the module's error enum                                    |
