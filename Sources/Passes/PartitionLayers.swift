/// `partition-layers`: finds runs of consecutive blocks that are isomorphic up to their weights
/// (the decoder layers of an LLM) and marks them as one layer group, the unit the prover
/// stacks into one instance (DESIGN.md §5).
///
/// Every op of layer `l` of group `gK` gets the attributes `layer_group = "gK"` and
/// `layer = l`; the attributes only annotate (the interpreter ignores them). A block is a
/// contiguous range of the non-constant ops with exactly one value used after it (its
/// output, the residual stream). Two blocks are isomorphic when, op by op, they have the same
/// kind, attributes and result types, and their operands correspond: a value defined inside
/// the block (by relative position), the block's stream input, a private weight (a named
/// constant used only inside the block, numbered by first use, with equal type), or the
/// same shared value (a constant with equal attributes, or the very same external value such
/// as an attention mask). A group is a chain of ≥ 2 isomorphic blocks where block l's output
/// is block l+1's stream input. The run covering the most ops wins (ties: more, shorter
/// layers, then the earliest); the search repeats on the unmarked rest for further groups.
/// Private weights are marked with their layer too; shared constants stay unmarked.
/// Run after `recognize`, so a layer is a short list of named ops.
public import TensorIR

public struct PartitionLayers: Pass {
    public static let name = "partition-layers"
    public static let summary = "mark chains of blocks isomorphic up to weights (decoder layers) as layer groups"
    /// Attribute holding the group name (`"g0"`, `"g1"`, …).
    public static let groupAttribute = "layer_group"
    /// Attribute holding the layer index within the group.
    public static let layerAttribute = "layer"
    /// Upper bound on groups per function (each group marks at least two blocks).
    static let maxGroups = 16

    public init() {}

    public func run(on module: inout Module) throws(IRError) {
        var groupIndex = 0
        for i in module.functions.indices {
            Self.partition(&module.functions[i], nextGroup: &groupIndex)
        }
    }

    /// Clears old markers, then marks every group found in `f`; group names continue from
    /// `nextGroup` so they are unique in the module.
    static func partition(_ f: inout Function, nextGroup: inout Int) {
        for i in f.operations.indices {
            f.operations[i].attributes[groupAttribute] = nil
            f.operations[i].attributes[layerAttribute] = nil
        }
        let view = BlockView(f)
        var taken = [Bool](repeating: false, count: view.body.count)
        for _ in 0..<maxGroups {
            guard let group = view.bestGroup(excluding: taken) else { return }
            let name = "g\(nextGroup)"
            nextGroup += 1
            for (l, range) in group.enumerated() {
                for k in range {
                    taken[k] = true
                    mark(&f.operations[view.body[k]], name, l)
                }
                for c in view.privateWeights(range) { mark(&f.operations[c], name, l) }
            }
        }
    }

    static func mark(_ op: inout Operation, _ group: String, _ layer: Int) {
        op.attributes[groupAttribute] = .string(group)
        op.attributes[layerAttribute] = .int(Int64(layer))
    }
}
