extension GGUFFile {
    /// `tokenizer.ggml.model` ("llama", "gpt2", …), when present.
    public var tokenizerModel: String? { value(forKey: "tokenizer.ggml.model")?.stringValue }

    /// The vocabulary strings of `tokenizer.ggml.tokens`, indexed by token id (nil when absent
    /// or not an array of strings).
    public var vocabularyTokens: [String]? {
        guard case .array(.string, let values)? = value(forKey: "tokenizer.ggml.tokens") else { return nil }
        return values.compactMap(\.stringValue)
    }
}
