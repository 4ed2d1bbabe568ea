import Foundation
public import TensorIR

/// A reference output file `{"shape": [...], "output": [flattened values]}` — what `zkc run
/// --json` prints and what Models/ ships next to every model — and the error of a result
/// against it.
public struct ReferenceOutput: Decodable, Sendable, Equatable {
    public var shape: [Int]
    public var output: [Double]

    public init(shape: [Int], output: [Double]) {
        self.shape = shape
        self.output = output
    }

    /// Reads and decodes `path`.
    public static func load(path: String) throws -> ReferenceOutput {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DriverError.unreadableInput(file: path, detail: "no such file or not readable")
        }
        do {
            return try JSONDecoder().decode(ReferenceOutput.self, from: data)
        } catch {
            throw DriverError.invalidInput(file: path, detail: "expected {\"shape\": [...], \"output\": [...]}: \(error)")
        }
    }

    /// ‖result − reference‖₂ / ‖reference‖₂, or nil when the shapes differ.
    public func relativeL2Error(of result: Tensor) -> Double? {
        guard result.shape == shape else { return nil }
        let values = result.asFloats
        guard values.count == output.count else { return nil }
        var difference = 0.0, norm = 0.0
        for (got, expected) in zip(values, output) {
            let d = Double(got) - expected
            difference += d * d
            norm += expected * expected
        }
        return (difference / max(norm, 1e-30)).squareRoot()
    }
}
