#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The input convention for token models: a JSON object `{"tokens": [id, …]}`.
public enum TokenInput {
    private struct Payload: Decodable {
        let tokens: [Int64]
    }

    /// Parses `{"tokens": [...]}`; ids must lie in `[0, vocabularySize)` when a size is given.
    public static func decode(json: [UInt8], vocabularySize: Int? = nil) throws(GGUFError) -> [Int64] {
        let tokens: [Int64]
        do {
            tokens = try JSONDecoder().decode(Payload.self, from: Data(json)).tokens
        } catch {
            throw .invalidTokens(detail: "expected {\"tokens\": [integer, …]}: \(error)")
        }
        guard !tokens.isEmpty else { throw .invalidTokens(detail: "the token list is empty") }
        if let vocabularySize, let bad = tokens.firstIndex(where: { $0 < 0 || $0 >= Int64(vocabularySize) }) {
            throw .invalidTokens(detail: "token #\(bad) = \(tokens[bad]) is outside the vocabulary [0, \(vocabularySize))")
        }
        return tokens
    }

    /// Reads and parses the file at `path`.
    public static func load(path: String, vocabularySize: Int? = nil) throws(GGUFError) -> [Int64] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .cannotOpen(path: path, detail: "\(error)")
        }
        return try decode(json: [UInt8](data), vocabularySize: vocabularySize)
    }
}
