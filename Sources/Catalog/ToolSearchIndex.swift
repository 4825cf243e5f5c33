import Foundation

/// Ranked full-text search over tool slugs, names, descriptions, tags and parameter names.
///
/// Each query word scores by the best field it matches (name and slug weigh most, then tags, then the
/// description, then parameter names); verbs match their usual synonyms ("create" finds "Add …"), and
/// tools whose name the query covers completely rank first, so "create deal" puts "Add a deal" on top.
struct ToolSearchIndex: Sendable {
    private struct Entry: Sendable {
        var name: Set<String>
        var nameWordCount: Int
        var tags: Set<String>
        var description: Set<String>
        var parameters: Set<String>
        var phrase: String
        var nameLength: Int
        var isDeprecated: Bool
    }

    private let entries: [Entry]

    init(tools: [Tool]) {
        entries = tools.map { tool in
            let name = Set(Self.words(in: tool.name) + Self.words(in: tool.slug.replacingOccurrences(of: "PIPEDRIVE_", with: "")))
            return Entry(
                name: name,
                nameWordCount: Set(Self.words(in: tool.name)).count,
                tags: Set(tool.tags.flatMap(Self.words)),
                description: Set(Self.words(in: tool.description)),
                parameters: Set(tool.parameterNames.flatMap(Self.words)),
                phrase: Self.words(in: tool.name).joined(separator: " "),
                nameLength: tool.name.count,
                isDeprecated: tool.isDeprecated
            )
        }
    }

    /// Positions of matching tools, best first; empty when nothing matches.
    func rank(_ query: String) -> [Int] {
        let terms = Self.words(in: query)
        guard !terms.isEmpty else { return [] }
        let phrase = terms.joined(separator: " ")
        var scored: [(position: Int, score: Double)] = []
        for (position, entry) in entries.enumerated() {
            var score = 0.0
            var matchedNameWords = Set<String>()
            for term in terms {
                let variants = Self.variants(of: term)
                let nameHits = entry.name.intersection(variants.exact)
                let nameSynonymHits = entry.name.intersection(variants.synonyms)
                matchedNameWords.formUnion(nameHits)
                matchedNameWords.formUnion(nameSynonymHits)
                score += [
                    nameHits.isEmpty ? 0 : 3,
                    nameSynonymHits.isEmpty ? 0 : 2.4,
                    entry.tags.isDisjoint(with: variants.all) ? 0 : 1.5,
                    entry.description.isDisjoint(with: variants.exact) ? 0 : 1,
                    entry.description.isDisjoint(with: variants.synonyms) ? 0 : 0.6,
                    entry.parameters.isDisjoint(with: variants.exact) ? 0 : 0.5,
                ].max() ?? 0
            }
            guard score > 0 else { continue }
            if entry.nameWordCount > 0 {
                score += 2 * Double(min(matchedNameWords.count, entry.nameWordCount)) / Double(entry.nameWordCount)
            }
            if entry.phrase == phrase { score += 3 }
            if entry.isDeprecated { score -= 0.5 }
            scored.append((position, score))
        }
        return scored.sorted { lhs, rhs in
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            let left = entries[lhs.position], right = entries[rhs.position]
            if left.nameLength != right.nameLength { return left.nameLength < right.nameLength }
            return lhs.position < rhs.position
        }.map(\.position)
    }

    // MARK: - Words

    private static let stopWords: Set<String> = [
        "a", "an", "the", "to", "of", "for", "in", "on", "with", "by", "from", "and", "or", "my", "me", "i", "is", "it",
        "pipedrive", "please", "some", "this", "that", "be",
    ]

    /// Verbs and nouns an agent uses for the same operation.
    private static let synonymGroups: [Set<String>] = [
        ["add", "create", "new", "insert", "make"],
        ["delete", "remove", "erase", "destroy"],
        ["update", "edit", "modify", "change", "set", "rename"],
        ["get", "fetch", "retrieve", "show", "read", "detail", "view", "list", "all", "find"],
        ["search", "find", "lookup", "query"],
        ["person", "contact", "people"],
        ["organization", "company", "org", "account"],
        ["user", "owner", "member"],
        ["activity", "task", "call", "meeting"],
        ["file", "attachment", "upload", "document"],
    ]

    private struct Variants {
        var exact: Set<String>
        var synonyms: Set<String>
        var all: Set<String> { exact.union(synonyms) }
    }

    private static func variants(of term: String) -> Variants {
        var synonyms = Set<String>()
        for group in synonymGroups where group.contains(term) {
            synonyms.formUnion(group)
        }
        synonyms.remove(term)
        return Variants(exact: [term], synonyms: synonyms)
    }

    /// Lower-cased, stemmed words of `text`, split at punctuation, underscores and camelCase humps.
    static func words(in text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in text {
            if character.isLetter || character.isNumber {
                if character.isUppercase && previousWasLower {
                    words.append(current)
                    current = ""
                }
                current.append(character)
                previousWasLower = character.isLowercase
            } else {
                words.append(current)
                current = ""
                previousWasLower = false
            }
        }
        words.append(current)
        return words.map { stem($0.lowercased()) }.filter { !$0.isEmpty && !stopWords.contains($0) }
    }

    /// A light English stemmer: plural and a few verb endings, enough to match "deals" with "deal".
    static func stem(_ word: String) -> String {
        guard word.count > 3, word.allSatisfy(\.isLetter) else { return word }
        if word == "people" { return "person" }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("sses") || word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
        if word.hasSuffix("s") { return String(word.dropLast()) }
        return word
    }
}
