import Foundation

/// Ranked search over the catalog's tools: BM25F with CRM synonyms and two intent signals, built once in `Catalog.init`.
///
/// Every tool is a document with five fields: name, slug, tags, parameter names and description. A query word scores a
/// tool by BM25F: its occurrences in each field, weighted by `fieldWeights` and divided by the field's length relative
/// to that field's average (`lengthNormalisation`), add up to one pseudo-frequency, which `k1` saturates and the
/// word's inverse document frequency over all tools scales. Words are split at punctuation, underscores and camelCase,
/// lower-cased, stripped of stop words and lightly stemmed on both sides ("deals" → deal, "attached" → attach,
/// "assignments" → assign).
///
/// Each query word is expanded by CRM synonyms ("contact" ↔ person, "company" ↔ organization, "create" ↔ add), whose
/// occurrences count `synonymWeight` of the word's own; the word and its synonyms score as one term, with the IDF of
/// the most common of them, so a rare synonym cannot outweigh the word. One-way related words ("upload" → add, file)
/// score on their own at `relatedWeight`, where they beat the term. On top of the sum over the query's words:
///
/// - a tool whose short name the query covers completely gains `nameCoverageBonus` ("create deal" → "Add a deal");
/// - a tool whose operation (add, read, update, delete) is what the query's first verb asks for gains `intentBonus`,
///   so "mark deal as won" prefers "Update a deal" to "Delete a deal", whose description says "Marks a deal as deleted";
/// - a deprecated tool keeps `deprecatedFactor` of its score.
///
/// `docs/search.md` describes the method, the synonym table and the measured hit rates.
struct ToolSearchIndex: Sendable {
    // MARK: - Tuning

    enum Field: CaseIterable {
        case name, slug, tags, parameters, description
    }

    /// How much one occurrence in each field counts.
    static let fieldWeights: [Field: Double] = [.name: 3.0, .slug: 2.0, .tags: 1.5, .parameters: 0.8, .description: 0.7]
    /// BM25's length normalisation per field: 0 ignores length, 1 divides by length relative to the field's average.
    static let lengthNormalisation: [Field: Double] = [.name: 0.5, .slug: 0.5, .tags: 0.3, .parameters: 0.75, .description: 0.75]
    /// BM25's term-frequency saturation.
    static let k1 = 1.2
    /// The share of an exact match that a synonym (two-way) or related word (one-way) earns.
    static let synonymWeight = 0.7
    static let relatedWeight = 0.5
    static let nameCoverageBonus = 0.75
    /// Names up to this many words (after stop words) are short enough for `nameCoverageBonus`.
    static let shortNameWords = 4
    static let intentBonus = 1.0
    static let deprecatedFactor = 0.85

    // MARK: - Index

    private struct Document: Sendable {
        /// Term ids of the name's words.
        var nameTerms: [Int]
        var nameLength: Int
        var intent: Intent?
        var isDeprecated: Bool
    }

    private struct Posting: Sendable {
        var document: Int
        /// The BM25F pseudo-frequency: field-weighted, length-normalised occurrences summed over fields.
        var frequency: Double
    }

    private let termIDs: [String: Int]
    private let postings: [[Posting]]
    private let documents: [Document]

    init(tools: [Tool]) {
        let fieldsByTool: [[Field: [String]]] = tools.map { tool in
            [
                .name: Self.terms(in: tool.name),
                .slug: Self.terms(in: tool.slug.hasPrefix("PIPEDRIVE_") ? String(tool.slug.dropFirst("PIPEDRIVE_".count)) : tool.slug),
                .tags: tool.tags.flatMap { Self.terms(in: $0) },
                .parameters: tool.parameterNames.flatMap { Self.terms(in: $0) },
                .description: Self.terms(in: Self.plainText(tool.description)),
            ]
        }
        var averageLength: [Field: Double] = [:]
        for field in Field.allCases {
            let total = fieldsByTool.reduce(0) { $0 + ($1[field]?.count ?? 0) }
            averageLength[field] = max(Double(total) / Double(max(tools.count, 1)), 1)
        }

        var termIDs: [String: Int] = [:]
        var postings: [[Posting]] = []
        func id(of term: String) -> Int {
            if let id = termIDs[term] { return id }
            termIDs[term] = postings.count
            postings.append([])
            return postings.count - 1
        }
        var documents: [Document] = []
        for (position, fields) in fieldsByTool.enumerated() {
            var frequency: [Int: Double] = [:]
            for field in Field.allCases {
                let words = fields[field] ?? []
                guard !words.isEmpty else { continue }
                let b = Self.lengthNormalisation[field] ?? 0.75
                let norm = 1 - b + b * Double(words.count) / (averageLength[field] ?? 1)
                let weight = (Self.fieldWeights[field] ?? 1) / norm
                for word in words {
                    frequency[id(of: word), default: 0] += weight
                }
            }
            for (term, value) in frequency {
                postings[term].append(Posting(document: position, frequency: value))
            }
            let tool = tools[position]
            var nameTerms: [Int] = []
            for word in fields[.name] ?? [] where !nameTerms.contains(id(of: word)) {
                nameTerms.append(id(of: word))
            }
            documents.append(Document(nameTerms: nameTerms, nameLength: tool.name.count, intent: Intent(of: tool), isDeprecated: tool.isDeprecated))
        }
        self.termIDs = termIDs
        self.postings = postings
        self.documents = documents
    }

    // MARK: - Ranking

    /// Positions of matching tools, best first; empty when nothing matches.
    func rank(_ query: String) -> [Int] {
        scores(query).map(\.position)
    }

    /// Matching tools with their scores, best first.
    func scores(_ text: String) -> [(position: Int, score: Double)] {
        let query = Self.parse(text)
        guard !query.groups.isEmpty else { return [] }
        var total = [Double](repeating: 0, count: documents.count)
        var frequency = [Double](repeating: 0, count: documents.count)
        var best = [Double](repeating: 0, count: documents.count)
        var touched: [Int] = []
        var queryTerms = Set<Int>()
        for group in query.groups {
            // The word and its synonyms count as one term (like Lucene's SynonymQuery): their weighted frequencies
            // add up, and the rarest-looking of them does not inflate the IDF: the group takes the largest document
            // frequency among its forms.
            var documentFrequency = 0
            for (term, weight) in group.forms {
                guard let id = termIDs[term] else { continue }
                queryTerms.insert(id)
                documentFrequency = max(documentFrequency, postings[id].count)
                for posting in postings[id] {
                    if frequency[posting.document] == 0 { touched.append(posting.document) }
                    frequency[posting.document] += weight * posting.frequency
                }
            }
            let groupIDF = idf(documentFrequency: documentFrequency)
            for document in touched {
                best[document] = groupIDF * frequency[document] / (Self.k1 + frequency[document])
                frequency[document] = 0
            }
            // Related words score on their own, each with its own IDF, and only where they beat the group.
            for (term, weight) in group.related {
                guard let id = termIDs[term] else { continue }
                queryTerms.insert(id)
                let termIDF = idf(documentFrequency: postings[id].count)
                for posting in postings[id] {
                    if best[posting.document] == 0 { touched.append(posting.document) }
                    let score = weight * termIDF * posting.frequency / (Self.k1 + posting.frequency)
                    best[posting.document] = max(best[posting.document], score)
                }
            }
            for document in touched {
                total[document] += best[document]
                best[document] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }
        var scored: [(position: Int, score: Double)] = []
        for (position, document) in documents.enumerated() where total[position] > 0 {
            var score = total[position]
            if !document.nameTerms.isEmpty, document.nameTerms.count <= Self.shortNameWords,
                document.nameTerms.allSatisfy(queryTerms.contains)
            {
                score += Self.nameCoverageBonus
            }
            if let intent = query.intent, intent == document.intent { score += Self.intentBonus }
            if document.isDeprecated { score *= Self.deprecatedFactor }
            scored.append((position, score))
        }
        return scored.sorted { lhs, rhs in
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            let left = documents[lhs.position].nameLength, right = documents[rhs.position].nameLength
            if left != right { return left < right }
            return lhs.position < rhs.position
        }
    }

    private func idf(documentFrequency: Int) -> Double {
        let count = Double(documents.count), frequency = Double(documentFrequency)
        return log(1 + (count - frequency + 0.5) / (frequency + 0.5))
    }

    private struct QueryGroup {
        /// The word and its synonyms, with the share of a match each earns.
        var forms: [String: Double]
        /// Words the query word suggests, scored separately.
        var related: [(term: String, weight: Double)]
    }

    /// A query: per word, the stemmed forms it matches with their weights, and what the query wants done.
    private static func parse(_ text: String) -> (groups: [QueryGroup], intent: Intent?) {
        let raw = rewritingPhrases(rawWords(in: text))
        var intent: Intent?
        var foundVerb = false
        var groups: [QueryGroup] = []
        var seen: [Set<String>] = []
        for word in raw {
            // The first verb in its bare, imperative form says what to do: "comment on a note" adds a comment, while
            // "files uploaded to a contact" and "comments on a note" ask to see things.
            if !foundVerb {
                if let verb = intentWords[word] {
                    intent = verb
                    foundVerb = true
                } else if otherVerbs.contains(word) {
                    foundVerb = true
                }
            }
            guard let term = normalise(word) else { continue }
            var forms: [String: Double] = [term: 1]
            for synonym in synonyms[term] ?? [] where forms[synonym] == nil {
                forms[synonym] = synonymWeight
            }
            // "create a new deal": "new" means what "create" already said.
            let keys = Set(forms.keys)
            guard !seen.contains(keys) else { continue }
            seen.append(keys)
            let suggested = (related[term] ?? []).filter { forms[$0] == nil }.map { (term: $0, weight: relatedWeight) }
            groups.append(QueryGroup(forms: forms, related: suggested))
        }
        // A request without a verb ("emails linked to a deal") asks to see something.
        return (groups, foundVerb ? intent : .read)
    }

    // MARK: - Intent

    /// What a tool does, from its slug's verb, and what a query asks for, from its first verb.
    enum Intent: Sendable {
        case create, read, update, delete

        init?(of tool: Tool) {
            let verb = tool.slug.split(separator: "_").dropFirst().first.map(String.init) ?? ""
            switch verb {
            case "ADD", "CREATE": self = .create
            case "UPDATE": self = .update
            case "DELETE": self = .delete
            case "GET", "LIST", "FIND", "SEARCH", "ENUMERATE": self = .read
            default:
                guard tool.tags.contains("read") else { return nil }
                self = .read
            }
        }
    }

    /// Query verbs that say what the caller wants done; the first verb in the query decides.
    private static let intentWords: [String: Intent] = {
        let words: [Intent: [String]] = [
            .create: [
                "add", "create", "new", "insert", "make", "register", "attach", "link", "upload", "log", "write", "schedule", "invite",
                "follow", "comment",
            ],
            .update: ["update", "edit", "modify", "change", "rename", "mark", "move", "deactivate", "activate", "disable", "enable"],
            .delete: ["delete", "remove", "erase", "destroy", "cancel", "unfollow", "trash", "discard"],
            .read: [
                "get", "list", "show", "fetch", "retrieve", "view", "read", "display", "open", "check", "find", "search", "lookup",
                "who", "which", "what",
            ],
        ]
        var table: [String: Intent] = [:]
        for (intent, list) in words {
            for word in list { table[word] = intent }
        }
        return table
    }()

    /// Verbs for operations other than the four: they decide that the query has no intent bonus to give.
    private static let otherVerbs: Set<String> = [
        "merge", "combine", "duplicate", "copy", "clone", "archive", "download", "refresh", "subscribe", "assign", "convert", "send",
        "set",
    ]
}
