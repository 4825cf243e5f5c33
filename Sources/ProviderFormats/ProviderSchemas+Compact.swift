public import Catalog

extension ProviderSchemas {
    /// The longest summary of a tool in the compact listing, in characters.
    private static let summaryLimit = 120

    /// A listing of `tools` for a prompt, one line each: `SLUG: summary | params: a, b*, c`.
    ///
    /// The summary is the first sentence of the description without HTML, cut at a word to at most
    /// 120 characters (ending in `…` when cut); parameters are sorted and `*` marks a required one.
    /// A tool without parameters shows `params: (none)`.
    /// - Parameters:
    ///   - tools: the tools to list, in the order given.
    public static func compact(_ tools: [Tool]) -> String {
        tools.map { compactLine(for: $0) + "\n" }.joined()
    }

    /// One line of the compact listing.
    private static func compactLine(for tool: Tool) -> String {
        let required = Set(tool.inputParameters.schemaRequired)
        let parameters = tool.parameterNames.map { required.contains($0) ? $0 + "*" : $0 }
        let list = parameters.isEmpty ? "(none)" : parameters.joined(separator: ", ")
        return "\(tool.slug): \(summary(of: tool.description)) | params: \(list)"
    }

    /// The first sentence of `text`, without HTML tags, on one line and at most `summaryLimit` characters.
    private static func summary(of text: String) -> String {
        let words = text.replacing(#/<[^<>]*>/#, with: "").split(whereSeparator: \.isWhitespace)
        var sentence: [Substring] = []
        for word in words {
            sentence.append(word)
            if let last = word.last, ".!?".contains(last) { break }
        }
        let full = sentence.joined(separator: " ")
        guard full.count > summaryLimit else { return full }
        var cut = ""
        for word in sentence {
            let next = cut.isEmpty ? String(word) : cut + " " + word
            guard next.count < summaryLimit else { break }
            cut = next
        }
        return (cut.isEmpty ? String(full.prefix(summaryLimit - 1)) : cut) + "…"
    }
}
