public import TensorIR

/// Runs a sequence of passes over a module.
///
/// The input is verified first and the output of every pass is verified (`verifyEach`), so a
/// pass that breaks an invariant is named in the error. Functions are renumbered canonically
/// after each pass so dumps and FileCheck tests see stable `%N`.
public struct PassManager: Sendable {
    /// Which passes' output to print.
    public enum PrintAfter: Sendable, Equatable {
        case none
        case all
        case passes(Set<String>)

        func includes(_ name: String) -> Bool {
            switch self {
            case .none: false
            case .all: true
            case .passes(let names): names.contains(name)
            }
        }
    }

    public var passes: [any Pass]
    public var printAfter: PrintAfter
    public var verifyEach: Bool
    /// Receives each `--print-after` dump (header line included).
    public var printSink: @Sendable (String) -> Void

    public init(
        passes: [any Pass], printAfter: PrintAfter = .none, verifyEach: Bool = true,
        printSink: @escaping @Sendable (String) -> Void = { Swift.print($0, terminator: "") }
    ) {
        self.passes = passes
        self.printAfter = printAfter
        self.verifyEach = verifyEach
        self.printSink = printSink
    }

    /// A manager for pass or pipeline names from `registry`.
    public init(names: [String], registry: PassRegistry = .standard, printAfter: PrintAfter = .none) throws(PassError) {
        self.init(passes: try registry.resolve(names), printAfter: printAfter)
        if case .passes(let wanted) = printAfter {
            for name in wanted where registry.passes[name] == nil {
                throw PassError.unknownPass(name: name, known: registry.passes.keys.sorted())
            }
        }
    }

    /// Verifies `module`, then runs each pass, verifying (and optionally printing) after each.
    public func run(_ module: inout Module) throws(IRError) {
        if verifyEach { try Verifier.verify(module) }
        for pass in passes {
            let name = type(of: pass).name
            try pass.run(on: &module)
            for i in module.functions.indices { module.functions[i] = module.functions[i].renumbered() }
            if verifyEach {
                do throws(IRError) {
                    try Verifier.verify(module)
                } catch {
                    if case .invalid(let f, let op, let detail) = error {
                        throw IRError.invalid(function: f, op: op, detail: "after pass '\(name)': \(detail)")
                    }
                    throw error
                }
            }
            if printAfter.includes(name) {
                printSink("// -----// IR Dump After \(name) //----- //\n" + IRPrinter.print(module))
            }
        }
    }
}
