import Foundation
import Passes
import TensorIR
import Testing

/// Runs one pass on every `// -----` case of a Tests/PassesTests/Inputs file and interprets each
/// case before and after on the same seeded random inputs, so a test can check that the pass
/// keeps what the IR computes.
enum PassFileCases {
    struct Case {
        var before: Module
        var after: Module
        var expected: [Tensor]
        var actual: [Tensor]
    }

    static let inputs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PassesTests/Inputs")

    static func run(file name: String, pass: String, seed: UInt64) throws -> [Case] {
        let text = try String(contentsOf: inputs.appendingPathComponent(name), encoding: .utf8)
        var state = seed
        func random() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24) * 2 - 1
        }
        var cases: [Case] = []
        for chunk in text.components(separatedBy: "\n// -----\n") {
            let before = try IRParser.parse(chunk, file: name)
            var after = before
            try PassManager(names: [pass]).run(&after)
            var values: [String: Tensor] = [:]
            for a in before.main.arguments {
                let shape = try #require(a.type.shape)
                values[a.name] = Tensor(shape: shape, floats: (0..<shape.reduce(1, *)).map { _ in random() })
            }
            cases.append(Case(before: before, after: after,
                              expected: try Interpreter(module: before).run(inputs: values),
                              actual: try Interpreter(module: after).run(inputs: values)))
        }
        return cases
    }
}
