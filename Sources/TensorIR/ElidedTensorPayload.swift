/// Stand-in for a weight whose values are not in the text form (`global @w : T = elided`).
///
/// It carries only the element count so the verifier and the printer can treat the constant as
/// present; reading its values throws.
public struct ElidedTensorPayload: ExternalTensorPayload {
    public let name: String
    public let elementCount: Int

    public init(name: String, elementCount: Int) {
        self.name = name
        self.elementCount = elementCount
    }

    public var byteCount: Int { 0 }
    public var encodingDescription: String { "elided" }
    public func floats() throws -> [Float] { throw IRError.missingConstant(name: name) }
    public func int64s() throws -> [Int64] { throw IRError.missingConstant(name: name) }
}
