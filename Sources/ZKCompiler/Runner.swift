public import TensorIR

/// One float inference: load the model, parse the input file, run the interpreter.
public enum FloatRunner {
    /// Runs `modelPath` on `inputPath` in float and returns the first result.
    public static func run(modelPath: String, inputPath: String, options: LoadOptions = LoadOptions()) throws -> Tensor {
        let (module, inputs) = try ModelLoader.loadWithInputs(path: modelPath, inputPath: inputPath, options: options)
        let results = try Interpreter(module: module).run(inputs: inputs)
        guard let first = results.first else { throw IRError.execution(op: "main", detail: "the model has no result") }
        return first
    }
}
