/// # Passes
///
/// Module-to-module rewrites of TensorIR and the machinery that runs them.
///
/// | File | Contents |
/// |------|----------|
/// | Pass.swift | `Pass` protocol, `PassRegistry` (passes and named pipelines), `PassError` |
/// | PassManager.swift | `PassManager`: runs passes, verifies after each, `--print-after` hook |
/// | Canonicalize.swift | `Canonicalize`: shape inference, folding, identity removal, CSE, DCE to a fixpoint |
/// | ConstantFolding.swift | integer / shape arithmetic evaluation used by `Canonicalize` |
/// | PartitionLayers.swift, PartitionLayers+Blocks.swift | `PartitionLayers`: mark isomorphic decoder layers as layer groups |
/// | TensorIndexing.swift | row-major index helpers for folding |
/// | Ternarize.swift | `Ternarize`: BitNet b1.58 absmean ternarization of matmul weights |
public import TensorIR

/// A rewrite of a whole module.
///
/// Each pass has a kebab-case `name` used everywhere: `zkc opt --pass NAME`,
/// `Tests/PassesTests/Inputs/NAME.zkir`, `--print-after NAME`.
public protocol Pass: Sendable {
    /// Kebab-case identifier, e.g. `"canonicalize"`.
    static var name: String { get }
    /// One line for `zkc opt --list-passes`.
    static var summary: String { get }
    init()
    /// Rewrites `module` in place. The result must verify (the pass manager checks).
    func run(on module: inout Module) throws(IRError)
}

/// Errors of the pass layer (pass selection; IR problems are `IRError`).
public enum PassError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No pass or pipeline has this name.
    case unknownPass(name: String, known: [String])

    public var description: String {
        switch self {
        case .unknownPass(let name, let known):
            "unknown pass or pipeline '\(name)' (known: \(known.joined(separator: ", ")))"
        }
    }
}

/// The passes and named pipelines `zkc` knows.
public struct PassRegistry: Sendable {
    /// Pass types by name.
    public private(set) var passes: [String: any Pass.Type] = [:]
    /// Pipelines: a name for a sequence of pass (or pipeline) names.
    public private(set) var pipelines: [String: [String]] = [:]

    public init() {}

    /// Registers a pass under its `name`.
    public mutating func register(_ pass: any Pass.Type) {
        precondition(passes[pass.name] == nil && pipelines[pass.name] == nil, "pass \(pass.name) registered twice")
        passes[pass.name] = pass
    }

    /// Registers a named pipeline.
    public mutating func register(pipeline name: String, _ passNames: [String]) {
        precondition(passes[name] == nil && pipelines[name] == nil, "pipeline \(name) registered twice")
        pipelines[name] = passNames
    }

    /// Every pass and pipeline `zkc` ships.
    public static let standard: PassRegistry = {
        var r = PassRegistry()
        r.register(Canonicalize.self)
        r.register(Recognize.self)
        r.register(Ternarize.self)
        r.register(PartitionLayers.self)
        r.register(pipeline: "cleanup", ["canonicalize"])
        return r
    }()

    /// All known names, sorted.
    public var names: [String] { (Array(passes.keys) + Array(pipelines.keys)).sorted() }

    /// Instantiates `names` in order, expanding pipelines.
    public func resolve(_ names: [String]) throws(PassError) -> [any Pass] {
        var out: [any Pass] = []
        for name in names {
            if let p = passes[name] {
                out.append(p.init())
            } else if let pipeline = pipelines[name] {
                out += try resolve(pipeline)
            } else {
                throw PassError.unknownPass(name: name, known: self.names)
            }
        }
        return out
    }
}
