// # TensorIR
//
// zkc's typed SSA tensor IR: data model, text form, verifier and shape inference.
// docs/ir.md describes the IR; Grammar/zkir.ebnf the text form; docs/ops.md the op contract.
//
// | File | Contents |
// |------|----------|
// | Types.swift | `ElementType`, `TensorType`, `ValueID`, `Attribute` |
// | OpKind.swift | every op kind (text name = raw value) |
// | Operation.swift | `Operation`, `Argument`, `Function`, `Module` |
// | TensorData.swift | constant values, `ExternalTensorPayload`, `ConstantTable` |
// | IRError.swift | the module's error enum |
// | Function+Renumber.swift | canonical value numbering, `setArgumentType` |
// | IRPrinter.swift | `.zkir` printing |
// | IRParser.swift, IRParser+Function.swift | `.zkir` parsing (typed errors, never traps) |
// | ElidedTensorPayload.swift | stand-in for weights elided from the text |
// | Verifier.swift | SSA, arity, attributes, constants, static shapes |
// | ShapeInference*.swift | per-op shape rules and whole-function type refinement |
// | Interpreter*.swift | float reference interpreter |
