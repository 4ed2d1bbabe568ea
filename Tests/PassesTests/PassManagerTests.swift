import Passes
import TensorIR
import Testing

/// A deliberately wrong pass: retypes the first op's result.
struct BreakTypes: Pass {
    static let name = "break-types"
    static let summary = "test only: corrupts a result type"
    func run(on module: inout Module) throws(IRError) {
        guard let r = module.functions[0].operations.first?.results.first else { return }
        module.functions[0].types[r] = .f32([99])
    }
}

@Suite struct PassManagerTests {
    func module() throws -> Module {
        try IRParser.parse("""
            func @main(%x: tensor<2x3xf32> {name = "x"}) -> (tensor<2x3xf32> {name = "y"}) {
              %y = relu %x : (tensor<2x3xf32>) -> tensor<2x3xf32> loc("Relu_0")
              return %y
            }
            """)
    }

    @Test func verificationAfterEachPassNamesThePass() throws {
        var m = try module()
        let pm = PassManager(passes: [Canonicalize(), BreakTypes()])
        #expect(throws: IRError.invalid(function: "main", op: "'relu' (Relu_0) #0",
                                        detail: "after pass 'break-types': result %1 has type tensor<99xf32> but its operands give shape [2, 3]")) {
            try pm.run(&m)
        }
    }

    @Test func invalidInputIsRejectedBeforeAnyPass() throws {
        var m = try module()
        m.functions[0].operations[0].attributes["axis"] = .string("zero")
        #expect(throws: IRError.self) { try PassManager(passes: [Canonicalize()]).run(&m) }
    }

    @Test func registryResolvesPipelinesAndRejectsUnknownNames() throws {
        var registry = PassRegistry.standard
        registry.register(BreakTypes.self)
        registry.register(pipeline: "twice", ["cleanup", "canonicalize"])
        #expect(try registry.resolve(["twice", "break-types"]).map { type(of: $0).name } == ["canonicalize", "canonicalize", "break-types"])
        #expect(throws: PassError.unknownPass(name: "nope", known: ["break-types", "canonicalize", "cleanup", "partition-layers", "recognize", "ternarize", "twice"])) {
            try registry.resolve(["nope"])
        }
        #expect(throws: PassError.self) { try PassManager(names: ["canonicalize"], printAfter: .passes(["nope"])) }
    }

    @Test func passNamesAreKebabCase() {
        for name in PassRegistry.standard.names {
            #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(name)")
        }
    }

    @Test func printAfterSelectsPasses() throws {
        var m = try module()
        let dumps = DumpCollector()
        try PassManager(passes: [Canonicalize(), Canonicalize()], printAfter: .passes(["canonicalize"]),
                        printSink: { dumps.append($0) }).run(&m)
        #expect(dumps.text.components(separatedBy: "IR Dump After canonicalize").count == 3)
        #expect(OptDriver.printAfter(["all"]) == .all)
        #expect(OptDriver.printAfter(["a,b", "c"]) == .passes(["a", "b", "c"]))
        #expect(OptDriver.printAfter([]) == PassManager.PrintAfter.none)
    }
}
