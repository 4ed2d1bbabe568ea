public import TensorIR
import ONNXImport
import GGUFImport
import Foundation

/// Options shared by every model format.
public struct LoadOptions: Sendable {
    /// Binds symbolic sequence-length dims.
    public var seqLen: Int?
    /// Binds symbolic dims by name.
    public var dimBindings: [String: Int]

    public init(seqLen: Int? = nil, dimBindings: [String: Int] = [:]) {
        self.seqLen = seqLen
        self.dimBindings = dimBindings
    }
}

/// Model file formats the driver recognizes by extension.
public enum ModelFormat: String, Sendable, CaseIterable {
    case onnx, gguf, zkir

    /// The format of `path` by its extension (case-insensitive), or nil.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }
}

/// Loads a model file of any supported format into a TensorIR module.
public enum ModelLoader {
    /// Loads `path`, choosing the importer by extension. Errors are `DriverError`, `ONNXError`
    /// (or the other importers' error enums), each naming the file.
    public static func load(path: String, options: LoadOptions = LoadOptions()) throws -> Module {
        guard let format = ModelFormat(path: path) else {
            let ext = path.split(separator: "/").last.flatMap { $0.contains(".") ? $0.split(separator: ".").last.map(String.init) : nil } ?? ""
            throw DriverError.unsupportedFormat(file: path, extension: ext)
        }
        switch format {
        case .onnx:
            return try ONNXImporter.load(path: path, options: ONNXImportOptions(seqLen: options.seqLen, dimBindings: options.dimBindings))
        case .gguf:
            guard let seqLen = options.seqLen ?? options.dimBindings["seq"] else {
                throw DriverError.invalidInput(
                    file: path, detail: "a GGUF model needs a sequence length: pass --seq-len N or a {\"tokens\": [...]} input")
            }
            return try GGUFImporter.importModel(path: path, seqLen: seqLen)
        case .zkir:
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw DriverError.unreadableInput(file: path, detail: "\(error.localizedDescription)")
            }
            let module = try IRParser.parse(text, file: path)
            try Verifier.verify(module)
            return module
        }
    }

    /// Loads `path` for a run on `inputPath`: a GGUF model without an explicit sequence length
    /// takes it from the number of tokens in the input file, and every argument dimension that
    /// is still unknown is bound from the shape of the input given for it.
    public static func load(path: String, forInput inputPath: String, options: LoadOptions = LoadOptions()) throws -> Module {
        try loadWithInputs(path: path, inputPath: inputPath, options: options).module
    }

    /// ``load(path:forInput:options:)`` that also returns the parsed inputs (read once).
    public static func loadWithInputs(
        path: String, inputPath: String, options: LoadOptions = LoadOptions()
    ) throws -> (module: Module, inputs: [String: Tensor]) {
        var options = options
        if ModelFormat(path: path) == .gguf, options.seqLen == nil {
            options.seqLen = try TokenInput.load(path: inputPath).count
        }
        var module = try load(path: path, options: options)
        let inputs = try ModelInput.load(path: inputPath, for: module.main)
        for (i, argument) in module.main.arguments.enumerated() {
            guard let given = inputs[argument.name], argument.type.isStatic == false else { continue }
            module.main.setArgumentType(i, TensorType(argument.type.element, given.shape))
        }
        return (module, inputs)
    }
}
