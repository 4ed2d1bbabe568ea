import Foundation
import Passes
import TensorIR
import Testing

/// Tests/PassesTests/Inputs/*.zkir, located from this file.
let inputsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Inputs")

func inputFiles() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: inputsDirectory.path)) ?? []
    return names.filter { $0.hasSuffix(".zkir") }.sorted()
}

@Suite struct PassFileTests {
    @Test func inputsExist() {
        #expect(inputFiles().contains("canonicalize.zkir"))
        #expect(inputFiles().contains("verifier-errors.zkir"))
    }

    /// Every Inputs/*.zkir file passes its RUN / CHECK / expected-error directives.
    @Test(arguments: inputFiles())
    func zkirFile(_ name: String) throws {
        let path = inputsDirectory.appendingPathComponent(name).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for failure in ZkirTestRunner.run(text, file: name) {
            Issue.record(Comment(rawValue: "\(name):\(failure.line): \(failure.message)"),
                         sourceLocation: SourceLocation(fileID: "PassesTests/\(name)", filePath: path, line: failure.line, column: 1))
        }
    }

    static let sample = """
        // RUN: zkc opt %s --pass canonicalize
        func @f(%x: tensor<2x3xf32> {name = "x"}) -> (tensor<2x3xf32> {name = "y"}) {
          %0 = identity %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
          %1 = relu %0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
          return %1
        }
        """

    @Test func correctChecksPass() {
        let text = Self.sample + "\n// CHECK-LABEL: func @f\n// CHECK-NOT: identity\n// CHECK: %[[R:[0-9]+]] = relu\n// CHECK-SAME: %0 : (tensor<2x3xf32>)\n// CHECK-NEXT: return %[[R]]\n"
        #expect(ZkirTestRunner.run(text, file: "t.zkir") == [])
    }

    @Test(arguments: [
        ("// CHECK: sigmoid", 7),
        ("// CHECK: relu\n// CHECK-NEXT: relu", 8),
        ("// CHECK-NOT: relu", 7),
        ("// CHECK: %[[R:[0-9]+]] = relu\n// CHECK: return %[[R]], %[[R]]", 8),
        ("// CHECK: return %[[UNDEFINED]]", 7),
        ("// CHECK: relu\n// CHECK-SAME: return", 8),
    ])
    func wrongCheckFailsAtItsLine(_ checks: String, _ line: Int) {
        let failures = ZkirTestRunner.run(Self.sample + "\n" + checks + "\n", file: "t.zkir")
        #expect(failures.count == 1)
        #expect(failures.first?.line == line, "\(failures)")
    }

    static let twoFunctions = """
        // RUN: zkc opt %s --pass canonicalize
        func @f(%x: tensor<2xf32> {name = "x"}) -> (tensor<2xf32> {name = "y"}) {
          %0 = relu %x : (tensor<2xf32>) -> tensor<2xf32>
          return %0
        }
        func @g(%x: tensor<2xf32> {name = "x"}) -> (tensor<2xf32> {name = "y"}) {
          %0 = sigmoid %x : (tensor<2xf32>) -> tensor<2xf32>
          return %0
        }
        """

    @Test func checkLabelConfinesChecksToTheirFunction() {
        let good = Self.twoFunctions + "\n// CHECK-LABEL: func @f\n// CHECK: relu\n// CHECK-LABEL: func @g\n// CHECK: sigmoid\n"
        #expect(ZkirTestRunner.run(good, file: "t.zkir") == [])
        // sigmoid exists only in @g: without label blocks this CHECK would pass by reading into @g.
        let wrong = Self.twoFunctions + "\n// CHECK-LABEL: func @f\n// CHECK: sigmoid\n// CHECK-LABEL: func @g\n"
        let failures = ZkirTestRunner.run(wrong, file: "t.zkir")
        #expect(failures.count == 1)
        #expect(failures.first?.line == 11, "\(failures)")
        #expect(failures.first?.message.contains("before the next CHECK-LABEL") == true)
        // Labels out of order fail at the label that cannot be found.
        let swapped = Self.twoFunctions + "\n// CHECK-LABEL: func @g\n// CHECK-LABEL: func @f\n"
        #expect(ZkirTestRunner.run(swapped, file: "t.zkir").first?.line == 11)
    }

    @Test func missingOrWrongExpectedErrorFails() {
        let missing = Self.sample + "\n// expected-error {{not produced}}\n"
        #expect(ZkirTestRunner.run(missing, file: "t.zkir").first?.message.contains("was not produced") == true)
        let bad = "// RUN: zkc opt %s --pass canonicalize\nfunc @f() -> () {\n  %0 = bogus : () -> tensor<f32>\n  return\n}\n// expected-error@-3 {{unknown op 'bogus'}}\n"
        #expect(ZkirTestRunner.run(bad, file: "t.zkir") == [])
        let wrongLine = bad.replacingOccurrences(of: "@-3", with: "@-2")
        #expect(ZkirTestRunner.run(wrongLine, file: "t.zkir").first?.message.contains("expected the error on line") == true)
    }
}
