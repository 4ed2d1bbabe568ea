import Fields
import Foundation
import Testing
import TensorIR
import ONNXImport
import ZKCompiler

@Suite struct BadInputTests {
    static func bytes(_ name: String) throws -> [UInt8] {
        try [UInt8](#require(FileManager.default.contents(atPath: Fixtures.onnxDir + "/" + name)))
    }

    func importError(_ path: String) -> ONNXError? {
        do {
            _ = try ONNXImporter.load(path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test func truncatedFileIsUnparsable() throws {
        let b = try Self.bytes("mlp.onnx")
        for cut in [1, 7, b.count / 3, b.count / 2, b.count - 3] {
            #expect(throws: ONNXError.unparsable(file: "mlp.onnx")) {
                _ = try ONNXImporter.load(bytes: Array(b.prefix(cut)), file: "mlp.onnx")
            }
        }
    }

    @Test func randomBytesAreUnparsable() {
        var state: UInt64 = 0x1234_5678
        let junk = (0..<512).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        #expect(throws: ONNXError.self) { _ = try ONNXImporter.load(bytes: junk, file: "junk.onnx") }
    }

    @Test func emptyFile() throws {
        #expect(throws: ONNXError.emptyFile(file: "empty.onnx")) { _ = try ONNXImporter.load(bytes: [], file: "empty.onnx") }
        let path = NSTemporaryDirectory() + "zkc-empty-\(getpid()).onnx"
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(importError(path) == .emptyFile(file: path))
    }

    @Test func missingFile() {
        let path = Fixtures.onnxDir + "/does_not_exist.onnx"
        guard case .unreadable(let file, _)? = importError(path) else { Issue.record("expected unreadable"); return }
        #expect(file == path)
    }

    @Test func unknownOpNamesNodeAndFile() {
        let path = Fixtures.onnxDir + "/bad/unknown_op.onnx"
        let e = importError(path)
        #expect(e == .unknownOp(file: path, node: "fancy_node", opType: "FancyOp"))
        #expect(e?.description.contains("fancy_node") == true)
        #expect(e?.description.contains("unknown_op.onnx") == true)
    }

    @Test func unknownDomain() {
        let path = Fixtures.onnxDir + "/bad/unknown_domain.onnx"
        #expect(importError(path) == .unknownDomain(file: path, node: "custom_relu", opType: "Relu", domain: "com.example"))
    }

    @Test func undefinedInput() {
        let path = Fixtures.onnxDir + "/bad/undefined_input.onnx"
        #expect(importError(path) == .undefinedInput(file: path, node: "add_ghost", opType: "Add", input: "ghost"))
    }

    @Test func rawDataLengthMismatch() {
        let path = Fixtures.onnxDir + "/bad/raw_data_mismatch.onnx"
        #expect(importError(path) == .rawDataLengthMismatch(file: path, tensor: "w", expectedBytes: 8, actualBytes: 5))
    }

    @Test func missingExternalData() {
        let path = Fixtures.onnxDir + "/bad/missing_external.onnx"
        #expect(importError(path) == .missingExternalData(file: path, tensor: "w_ext", path: "missing_weights.bin"))
    }

    @Test func cycle() {
        let path = Fixtures.onnxDir + "/bad/cycle.onnx"
        guard case .cycle(let file, let node, _)? = importError(path) else { Issue.record("expected a cycle error"); return }
        #expect(file == path)
        #expect(["cyc_a", "cyc_b", "out"].contains(node))
    }

    @Test(arguments: [("opset_too_old", Int64(9)), ("opset_too_new", Int64(30))])
    func opsetOutsideTheSupportedRange(name: String, version: Int64) {
        let path = Fixtures.onnxDir + "/bad/\(name).onnx"
        #expect(importError(path) == .unsupportedOpset(file: path, version: version))
    }

    @Test func externalDataIsMappedNotCopied() throws {
        let module = try ONNXImporter.load(path: Fixtures.onnxDir + "/external_mlp.onnx")
        let w = try #require(module.constants["fc1.weight"])
        guard case .external(let payload) = w.storage else { Issue.record("expected external storage"); return }
        #expect(payload.elementCount == 32 * 16)
        #expect(payload.byteCount == 32 * 16 * 4)
    }

    @Test func unsupportedExtensionAndBadInputJSON() throws {
        #expect(throws: DriverError.unsupportedFormat(file: "model.tflite", extension: "tflite")) {
            _ = try ModelLoader.load(path: "model.tflite")
        }
        let module = try ModelLoader.load(path: Fixtures.onnxDir + "/mlp.onnx")
        #expect(throws: DriverError.self) { _ = try ModelInput.parse(json: Data("{\"input_data\": [[1, 2]]}".utf8), file: "in.json", for: module.main) }
        #expect(throws: DriverError.self) { _ = try ModelInput.parse(json: Data("not json".utf8), file: "in.json", for: module.main) }
    }

    /// Seeded, bounded fuzzing: byte mutations of every model must import or throw, never trap.
    @Test func mutatedModelsNeverTrap() throws {
        var rng = SplitMix64(seed: 42)
        func next() -> UInt64 { rng.next() }
        var imported = 0, rejected = 0
        for name in ["mlp", "cnn", "dynamic_mlp", "external_mlp"] {
            let original = try Self.bytes(name + ".onnx")
            let input = try #require(FileManager.default.contents(atPath: Fixtures.onnxDir + "/" + name + ".input.json"))
            for _ in 0..<150 {
                var b = original
                for _ in 0..<(1 + Int(next() % 4)) {
                    let i = Int(next() % UInt64(b.count))
                    switch next() % 3 {
                    case 0: b[i] = UInt8(truncatingIfNeeded: next())
                    case 1: b[i] ^= 1 << UInt8(next() % 8)
                    default: b.removeSubrange(i..<min(b.count, i + 1 + Int(next() % 8)))
                    }
                    if b.isEmpty { break }
                }
                do {
                    let m = try ONNXImporter.load(bytes: b, file: Fixtures.onnxDir + "/fuzz.onnx")
                    imported += 1
                    if let inputs = try? ModelInput.parse(json: input, file: "input.json", for: m.main) {
                        _ = try? Interpreter(module: m).run(inputs: inputs)
                    }
                } catch {
                    rejected += 1
                }
            }
        }
        #expect(imported + rejected == 600)
    }
}

@Suite struct SymbolicDimTests {
    @Test func dimBindingsAndUnboundDims() throws {
        let path = Fixtures.onnxDir + "/dynamic_mlp.onnx"
        let unbound = try ModelLoader.load(path: path)
        #expect(unbound.main.arguments.first?.type.shape == [-1, 4, 6])
        let bound = try ModelLoader.load(path: path, options: LoadOptions(dimBindings: ["batch": 3]))
        #expect(bound.main.arguments.first?.type.shape == [3, 4, 6])
        #expect(bound.metadata["opset"] == "13")
    }

    @Test func summaryListsOpsAndUnsupported() throws {
        let s = try ONNXImporter.summary(path: Fixtures.onnxDir + "/bad/unknown_op.onnx")
        #expect(s.unsupportedOps == ["FancyOp"])
        let t = try ONNXImporter.summary(path: Fixtures.onnxDir + "/tiny_llama.onnx")
        #expect(t.unsupportedOps.isEmpty)
        #expect(t.inputs.first?.element == "i64")
        #expect(t.opHistogram["Softmax"] == 2)
        #expect(t.parameterCount > 256 * 64 * 2)
    }
}
