import Foundation

/// Ranked search over the catalog's tools: BM25F with CRM synonyms and a few structural signals, built once in
/// `Catalog.init`.
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
/// the most common of them, so a rare synonym cannot outweigh the word. One-way related words ("upload" → file,
/// "book" → activity) score on their own at `relatedWeight`, where they beat the term. The nouns so decide the
/// resource; what is done to it is left to the verb. On top of the sum over the query's words:
///
/// - a tool whose short name the query covers completely gains `nameCoverageBonus` ("create deal" → "Add a deal"; a
///   plural covers "all");
/// - a tool whose operation is what the query's first verb asks for gains `intentBonus`, so "mark deal as won" prefers
///   "Update a deal" to "Delete a deal", whose description says "Marks a deal as deleted";
/// - a tool whose name says a query word in the same number gains `numberBonus`, and loses it for the other number:
///   "bulk delete deals" prefers "Delete multiple deals in bulk" to "Delete multiple deal fields in bulk";
/// - a tool that takes the id of a record the query points at ("deal 12", "this org") gains `anchorBonus`, and one
///   that reads that record whole gains `recordBonus` when the query asks to read ("which stage is deal 5 in");
/// - a tool named after what an unknown name in the query may be gains `ownerBonus` ("Maria Lopez's deals" → the
///   person's deals), and a tool that creates or deletes the record a request works in gets no intent bonus ("take
///   the package off deal 19" does not delete the deal);
/// - a deprecated tool keeps `deprecatedFactor` of its score.
///
/// The third place then goes to a tool that matches a query word the first two leave out, when the third matches none
/// (`diversified`): agents show the top three, and three near-identical tools offer one reading only.
///
/// `docs/search.md` describes the method, the word tables and the measured hit rates.
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
    /// For a short name whose every word the query says (`relationWords` aside).
    static let nameCoverageBonus = 0.75
    /// Names up to this many words (after stop words) are short enough for `nameCoverageBonus`.
    static let shortNameWords = 4
    /// For a tool whose operation the query's first verb asks for.
    static let intentBonus = 1.5
    /// The share of `intentBonus` for an operation the query's verb allows but does not name first ("cancel" → delete).
    static let fallbackIntentShare = 0.8
    /// Per query word that the name says in the same number, and taken off per word in the other number.
    static let numberBonus = 0.3
    /// For a tool that takes the id of a record the query points at ("deal 12", "this org").
    static let anchorBonus = 0.5
    /// For a tool that reads that one record, when the query asks to read ("which stage is deal 5 in").
    static let recordBonus = 1.0
    static let deprecatedFactor = 0.85
    /// For a tool named after what an unknown name in the query may be ("Maria Lopez's deals" → person).
    static let ownerBonus = 0.5
    /// A query word matched with at least this score counts as matched for the third place's diversity.
    static let coverageScore = 0.5
    /// How far below the third place, and how many places down, a tool may come from to take it (see `diversified`).
    static let diversityShare = 0.8
    static let diversityReach = 7

    // MARK: - Index

    private struct Document: Sendable {
        /// Term ids of the name's words, each with whether the name says it in the plural.
        var nameTerms: [(id: Int, isPlural: Bool)]
        var nameLength: Int
        var operations: Set<Operation>
        /// Term ids of the records whose id the tool takes.
        var identifiedRecords: Set<Int>
        /// Term id of the record the tool reads by id, for one-record reads ("Get details of a deal").
        var readRecord: Int?
        /// What the tool adds, deletes or reads (see `ToolProfile.object`).
        var object: Int?
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
    /// Each tool's name length, for ties.
    private let nameLengths: [Int]
    /// The term ids of every tool's name, one tool after another: tool `i`'s are at
    /// `nameTermStarts[i]..<nameTermStarts[i + 1]` (flat, so reading them retains nothing).
    private let nameTermIDs: [Int]
    private let nameTermStarts: [Int]
    /// Term ids of the words tools' names say: the things tools are about, and their verbs.
    private let nameTerms: Set<Int>

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
            let profile = ToolProfile(name: tool.name, slug: tool.slug, tags: tool.tags, parameters: tool.parameterNames)
            documents.append(
                Document(
                    nameTerms: profile.nameWords.map { (id(of: $0.stem), $0.isPlural) }, nameLength: tool.name.count,
                    operations: profile.operations, identifiedRecords: Set(profile.identifiedRecords.map(id(of:))),
                    readRecord: profile.readRecord.map(id(of:)),
                    object: profile.object.map(id(of:)), isDeprecated: tool.isDeprecated
                )
            )
        }
        self.termIDs = termIDs
        self.postings = postings
        self.documents = documents
        self.nameLengths = documents.map(\.nameLength)
        self.nameTermIDs = documents.flatMap { $0.nameTerms.map(\.id) }
        self.nameTermStarts = documents.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.nameTerms.count) }
        self.nameTerms = Set(documents.flatMap { $0.nameTerms.map(\.id) })
    }

    // MARK: - Ranking

    /// Positions of matching tools, best first; empty when nothing matches.
    func rank(_ query: String) -> [Int] {
        scores(query).map(\.position)
    }

    /// Matching tools with their scores, best first.
    func scores(_ text: String) -> [(position: Int, score: Double)] {
        let vocabulary = termIDs
        let query = Query(text) { vocabulary[$0] != nil }
        guard !query.groups.isEmpty else { return [] }
        var total = [Double](repeating: 0, count: documents.count)
        var frequency = [Double](repeating: 0, count: documents.count)
        var best = [Double](repeating: 0, count: documents.count)
        /// Per tool, the query words (by group, up to 64) its name says, or says what they suggest, and that score
        /// well: what the third place may add (see `diversified`).
        var covered = [UInt64](repeating: 0, count: documents.count)
        /// Whether a term id is a form or related word of the group being scored.
        var inGroup = [Bool](repeating: false, count: postings.count)
        var touched: [Int] = []
        var signals = Signals(query: query, documentCount: documents.count, termCount: postings.count)
        signals.containers = query.containers.compactMap { termIDs[$0] }
        for (groupIndex, group) in query.groups.enumerated() {
            // The word and its synonyms count as one term (like Lucene's SynonymQuery): their weighted frequencies
            // add up, and the rarest-looking of them does not inflate the IDF: the group takes the largest document
            // frequency among its forms.
            var documentFrequency = 0
            var ids: [Int] = []
            for (term, weight) in group.forms {
                guard let id = termIDs[term] else { continue }
                ids.append(id)
                documentFrequency = max(documentFrequency, postings[id].count)
                for posting in postings[id] {
                    if frequency[posting.document] == 0 { touched.append(posting.document) }
                    frequency[posting.document] += weight * posting.frequency
                }
            }
            let relatedIDs = group.related.compactMap { termIDs[$0.term] }
            for id in ids { inGroup[id] = true }
            for id in relatedIDs { inGroup[id] = true }
            defer {
                for id in ids { inGroup[id] = false }
                for id in relatedIDs { inGroup[id] = false }
            }
            signals.add(group, ids: ids, relatedIDs: relatedIDs, nameTerms: nameTerms)
            let groupIDF = idf(documentFrequency: documentFrequency)
            for document in touched {
                best[document] = groupIDF * frequency[document] / (Self.k1 + frequency[document])
                frequency[document] = 0
            }
            // Related words score on their own, each with its own IDF, and only where they beat the group.
            for (term, weight) in group.related {
                guard let id = termIDs[term] else { continue }
                let termIDF = idf(documentFrequency: postings[id].count)
                for posting in postings[id] {
                    if best[posting.document] == 0 { touched.append(posting.document) }
                    let score = weight * termIDF * posting.frequency / (Self.k1 + posting.frequency)
                    best[posting.document] = max(best[posting.document], score)
                }
            }
            for document in touched {
                if groupIndex != query.verbGroup && best[document] > 0 { signals.objectMatched[document] = true }
                if groupIndex < 64, best[document] >= Self.coverageScore,
                    nameTermIDs[nameTermStarts[document]..<nameTermStarts[document + 1]].contains(where: { inGroup[$0] })
                {
                    covered[document] |= 1 << UInt64(groupIndex)
                }
                total[document] += best[document]
                best[document] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }
        if query.groups.contains(where: \.isPlural) {
            for id in Self.quantityWords.compactMap({ termIDs[$0] }) where signals.said[id] == .no { signals.said[id] = .related }
        }
        var scored: [(position: Int, score: Double)] = []
        for position in documents.indices where total[position] > 0 {
            var score = total[position] + bonus(for: documents[position], at: position, signals)
            if documents[position].isDeprecated { score *= Self.deprecatedFactor }
            scored.append((position, score))
        }
        let sorted = scored.sorted { lhs, rhs in
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            let left = nameLengths[lhs.position], right = nameLengths[rhs.position]
            if left != right { return left < right }
            return lhs.position < rhs.position
        }
        return Self.diversified(sorted) { covered[$0] }
    }

    /// `ranked` with the third place given to the best tool, among the next few and not far below, that matches a
    /// query word the first two leave unmatched, when the third matches none: "remind me to follow up with Bob" shows
    /// an activity next to two followers, instead of a third follower. The first two places never change.
    static func diversified(_ ranked: [(position: Int, score: Double)], covered: (Int) -> UInt64) -> [(position: Int, score: Double)] {
        guard ranked.count > 3 else { return ranked }
        let shown = covered(ranked[0].position) | covered(ranked[1].position)
        guard covered(ranked[2].position) & ~shown == 0 else { return ranked }
        let floor = ranked[2].score * diversityShare
        guard let pick = ranked.indices.dropFirst(3).prefix(diversityReach).first(where: { index in
            ranked[index].score >= floor && covered(ranked[index].position) & ~shown != 0
        }) else { return ranked }
        var result = ranked
        let moved = result.remove(at: pick)
        result.insert(moved, at: 2)
        return result
    }

    /// What the structural signals need to know about a query, gathered while its words are scored.
    private struct Signals {
        let query: Query
        /// Per term id, how the query says it: for name coverage any way counts, for number agreement only a word
        /// or its synonym, the first to say it deciding.
        var said: [Said]
        /// Per record the query points at ("deal 12", "this contact"), the ids of its word and synonyms.
        var anchors: [[Int]] = []
        /// The ids of what a name the index does not know may be (person, organization, user).
        var owners: [Int] = []
        /// Term ids of `Query.containers`.
        var containers: [Int] = []
        /// Whether the query asks for several of something tools are named after, or for what such a word suggests:
        /// "notes on organization 4", "team members of team 6". Then a record named by id is not what it wants read.
        var asksForMany = false
        /// Per tool, whether it matches a query word other than the verb.
        var objectMatched: [Bool]
        /// Whether the query has a word other than its verb.
        let hasObject: Bool

        enum Said: UInt8 {
            case no, related, singular, plural
        }

        init(query: Query, documentCount: Int, termCount: Int) {
            self.query = query
            said = [Said](repeating: .no, count: termCount)
            objectMatched = [Bool](repeating: false, count: documentCount)
            hasObject = query.groups.count > (query.verbGroup == nil ? 0 : 1)
        }

        mutating func add(_ group: QueryGroup, ids: [Int], relatedIDs: [Int], nameTerms: Set<Int>) {
            for id in ids where said[id] == .no || said[id] == .related { said[id] = group.isPlural ? .plural : .singular }
            for id in relatedIDs where said[id] == .no { said[id] = .related }
            if group.isPlural && (ids + relatedIDs).contains(where: nameTerms.contains) { asksForMany = true }
            // "this customer" points at a person or an organization.
            if group.isAnchored { anchors.append(ids + relatedIDs) }
            if group.isOwner { owners += relatedIDs }
        }
    }

    /// The structural bonuses of one tool for one query, on top of its BM25F sum.
    private func bonus(for document: Document, at position: Int, _ signals: Signals) -> Double {
        var bonus = 0.0
        // A plural covers "all", "multiple" and "bulk" (see `quantityWords`): "show deals" asks for all of them.
        if !document.nameTerms.isEmpty, document.nameTerms.count <= Self.shortNameWords,
            document.nameTerms.allSatisfy({ signals.said[$0.id] != .no })
        {
            bonus += Self.nameCoverageBonus
        }
        // The verb picks the operation among the tools its object picked: "archive a lead" updates a lead rather than
        // archive a project.
        let operations = signals.query.operations
        // "take the package off deal 19": deleting the deal itself is not what is asked.
        let isContainer = document.object.map(signals.containers.contains) ?? false
        if let first = operations.first, signals.objectMatched[position] || !signals.hasObject, !isContainer {
            if document.operations.contains(first) {
                bonus += Self.intentBonus
            } else if operations.dropFirst().contains(where: document.operations.contains) {
                bonus += Self.intentBonus * Self.fallbackIntentShare
            }
        }
        let agreement = Self.numberAgreement(name: document.nameTerms) { id in
            switch signals.said[id] {
            case .singular: false
            case .plural: true
            case .no, .related: nil
            }
        }
        bonus += Self.numberBonus * Double(agreement)
        // "Maria Lopez's deals": a tool named after a kind of owner lists what that owner has.
        if !signals.owners.isEmpty, document.nameTerms.contains(where: { signals.owners.contains($0.id) }) {
            bonus += Self.ownerBonus
        }
        for anchor in signals.anchors where anchor.contains(where: document.identifiedRecords.contains) {
            bonus += Self.anchorBonus
            if operations.first == .read, let record = document.readRecord, anchor.contains(record), !signals.asksForMany {
                bonus += Self.recordBonus
            }
        }
        return bonus
    }

    /// Name words the query says in the same number (singular or plural), less those it says in the other;
    /// `saidInPlural` tells, for a term id, whether the query said it in the plural, or nil when it did not say it.
    static func numberAgreement(name: [(id: Int, isPlural: Bool)], saidInPlural: (Int) -> Bool?) -> Int {
        var agreement = 0
        for word in name {
            guard let isPlural = saidInPlural(word.id) else { continue }
            agreement += word.isPlural == isPlural ? 1 : -1
        }
        return agreement
    }

    private func idf(documentFrequency: Int) -> Double {
        let count = Double(documents.count), frequency = Double(documentFrequency)
        return log(1 + (count - frequency + 0.5) / (frequency + 0.5))
    }
}
