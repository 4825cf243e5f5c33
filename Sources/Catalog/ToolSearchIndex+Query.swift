/// How a request is read (its words, what each matches, the operation it asks for, the records it points at) and
/// what the structural signals know about a tool.
extension ToolSearchIndex {
    /// What a tool does, from its slug's verb, and what a query asks for, from its first verb.
    enum Operation: Sendable, Hashable {
        case create, read, update, delete, merge, duplicate, archive, download, cancel, refresh

        /// The operations of the tool with this slug (`PIPEDRIVE_ADD_OR_UPDATE_ROLE_SETTING` → create, update); tools
        /// with another verb count as reads when tagged `read`.
        static func of(slug: String, tags: [String]) -> Set<Operation> {
            let words = slug.split(separator: "_").dropFirst().map(String.init)
            var operations: Set<Operation> = []
            for word in words.prefix(words.starts(with: ["ADD", "OR"]) ? 3 : 1) {
                switch word {
                case "ADD", "CREATE": operations.insert(.create)
                case "UPDATE": operations.insert(.update)
                case "DELETE": operations.insert(.delete)
                case "GET", "LIST", "FIND", "SEARCH", "ENUMERATE": operations.insert(.read)
                case "MERGE": operations.insert(.merge)
                case "DUPLICATE": operations.insert(.duplicate)
                case "ARCHIVE": operations.insert(.archive)
                case "DOWNLOAD": operations.insert(.download)
                case "CANCEL": operations.insert(.cancel)
                case "REFRESH": operations.insert(.refresh)
                default: break
                }
            }
            if operations.isEmpty && tags.contains("read") { operations.insert(.read) }
            return operations
        }
    }

    /// What the signals beyond BM25F know about a tool, read from its name, slug, tags and parameter names.
    struct ToolProfile: Equatable {
        var operations: Set<Operation>
        /// The name's words for `nameCoverageBonus` and `numberBonus`, stemmed, each with whether the name says it
        /// in the plural; without stop words and `relationWords`.
        var nameWords: [NameWord]
        /// Stems of the records whose id the tool takes: with an `id` or `ids` parameter, its resource's, named by a
        /// one-word first tag (`Deals` → deal), and its name's last noun's ("Get one mail thread" → thread); and those
        /// of its `*_id` parameters (`person_id` → person).
        var identifiedRecords: [String]
        /// The stem of the record a read reads whole by id: a name that says "Get", then only the record, perhaps
        /// with "one", "single" or "details of" ("Get details of a deal" → deal, "Get one mail thread" → thread).
        var readRecord: String?
        /// What the tool adds, deletes or reads: its slug's last word, by its synonym group ("ADD_DEAL_PRODUCT" →
        /// product, "ADD_A_PERSON" → person).
        var object: String?

        struct NameWord: Equatable {
            var stem: String
            var isPlural: Bool
        }

        init(name: String, slug: String, tags: [String], parameters: [String]) {
            operations = Operation.of(slug: slug, tags: tags)
            nameWords = []
            for word in ToolSearchIndex.rawWords(in: name) where !ToolSearchIndex.relationWords.contains(word) {
                guard let stem = ToolSearchIndex.normalise(word), !nameWords.contains(where: { $0.stem == stem }) else { continue }
                nameWords.append(NameWord(stem: stem, isPlural: ToolSearchIndex.isPlural(word)))
            }
            let resource = tags.first.map(ToolSearchIndex.terms(in:)) ?? []
            let lastNoun = nameWords.count > 1 ? nameWords.last?.stem : nil
            identifiedRecords = []
            if parameters.contains("id") || parameters.contains("ids") {
                if resource.count == 1 { identifiedRecords.append(resource[0]) }
                if let lastNoun, !identifiedRecords.contains(lastNoun) { identifiedRecords.append(lastNoun) }
            }
            for parameter in parameters where parameter.hasSuffix("_id") {
                let words = ToolSearchIndex.terms(in: String(parameter.dropLast(3)))
                if words.count == 1 && !identifiedRecords.contains(words[0]) { identifiedRecords.append(words[0]) }
            }
            let words = ToolSearchIndex.rawWords(in: name)
            let rest = words.dropFirst().filter { !["one", "single", "details", "of", "a", "an"].contains($0) }
            let readsOne = words.first == "get" && !rest.isEmpty && !rest.contains("all")
                && rest.allSatisfy { ToolSearchIndex.normalise($0) != nil }
            readRecord = operations == [.read] && parameters.contains("id") && readsOne ? lastNoun : nil
            object = slug.split(separator: "_").last.flatMap { ToolSearchIndex.normalise($0.lowercased()) }.map {
                ToolSearchIndex.synonymGroupKey[$0] ?? $0
            }
        }
    }

    /// One word of a query, expanded.
    struct QueryGroup {
        /// The word's stem and its synonyms' stems, with the share of a match each earns.
        var forms: [(term: String, weight: Double)]
        /// Words the query word suggests, scored separately.
        var related: [(term: String, weight: Double)]
        /// Whether the query said the word in the plural ("deals", "people").
        var isPlural: Bool
        /// Whether the query points at one record with it: "deal 12", "this contact".
        var isAnchored: Bool
        /// Whether it stands for a name the index does not know, the owner of what the request asks for
        /// ("Maria Lopez's deals"): tools named after such an owner gain `ownerBonus`.
        var isOwner = false
    }

    /// A parsed request: per word, the forms it matches, and the operations it asks for.
    struct Query {
        var groups: [QueryGroup]
        /// The operations the first verb asks for, the most fitting first; reading when the request has no verb;
        /// empty for verbs whose operation depends on the object ("assign", "set").
        var operations: [Operation]
        /// The group of the verb that asked for `operations`, if the verb is a word that matches at all.
        var verbGroup: Int?

        /// Term ids of the records a create or delete happens in rather than to: "take the package off deal 19",
        /// "add a note to deal 4" (see `containers(in:)`). Filled by the index.
        var containers: [String] = []

        /// `knows` tells whether a stemmed word is in the index; words it does not know may be names
        /// (see `namedRecords`).
        init(_ text: String, knows: (String) -> Bool = { _ in true }) {
            var raw: [String] = []
            /// Where each clause starts in `raw`: "the customer signed, mark deal 77 won" has a verb after a noun.
            var clauseStarts: Set<Int> = []
            let text = ToolSearchIndex.withoutAddresses(text)
            for clause in ToolSearchIndex.clauses(in: text) {
                clauseStarts.insert(raw.count)
                raw += ToolSearchIndex.readingPhrasalVerbs(ToolSearchIndex.rewritingPhrases(ToolSearchIndex.openingPhrase(clause)))
            }
            raw = ToolSearchIndex.readingCallsAsActivities(raw)
            let firstVerb = ToolSearchIndex.firstVerb(in: raw, clauseStarts: clauseStarts)
            operations = firstVerb.map { ToolSearchIndex.verbs[raw[$0]] ?? [] } ?? [.read]
            // "note on deal 71: budget approved": a record's kind, then what it says, is dictated to be written.
            if firstVerb == nil, text.utf8.contains(UInt8(ascii: ":")), let head = text.split(separator: ":", maxSplits: 1).first,
                head.count < text.count,
                let first = ToolSearchIndex.rawWords(in: String(head)).first, ToolSearchIndex.dictatedKinds.contains(first)
            {
                operations = [.create]
            }
            let asked = operations
            operations = ToolSearchIndex.operationsForParts(operations, words: raw)
            groups = []
            /// The position of the group of each synonym group (or word) already seen.
            var seen: [String: Int] = [:]
            for (index, word) in raw.enumerated() {
                // "the current value of deal 71", "its current stage": the record's, not the current user.
                if word == "current", index + 1 < raw.count, let next = ToolSearchIndex.normalise(raw[index + 1]),
                    ToolSearchIndex.synonymGroupKey[next] != "user", !next.contains(where: \.isNumber)
                {
                    continue
                }
                guard let term = ToolSearchIndex.normalise(word) else {
                    // "who", "everyone": no word to match, but people to look for.
                    if let suggested = ToolSearchIndex.related[word] {
                        let related = suggested.map { (term: $0, weight: ToolSearchIndex.relatedWeight) }
                        groups.append(QueryGroup(forms: [], related: related, isPlural: false, isAnchored: false))
                    }
                    continue
                }
                var forms: [(term: String, weight: Double)] = [(term, 1)]
                // An operation word past the verb, as a participle, describes rather than asks: "webhooks registered
                // for deals" matches only "register", and "products that were added" nothing at all.
                let isParticiple = index > firstVerb ?? -1 && word.hasSuffix("ed") && ToolSearchIndex.operationStems.contains(term)
                if isParticiple && index > 0 && ToolSearchIndex.auxiliaries.contains(raw[index - 1]) { continue }
                for synonym in isParticiple ? [] : ToolSearchIndex.synonyms[term] ?? [] {
                    forms.append((synonym, ToolSearchIndex.synonymWeight))
                }
                let isAnchored = (index > 0 && ["this", "that"].contains(raw[index - 1])) || ToolSearchIndex.isNumbered(raw, after: index)
                // "create a new deal": "new" means what "create" already said; "deals … deal 12" points at a deal.
                // Words of one synonym group have the same forms; a participle's are its own.
                let key = isParticiple ? "=" + term : ToolSearchIndex.synonymGroupKey[term] ?? term
                if let earlier = seen[key] {
                    groups[earlier].isAnchored = groups[earlier].isAnchored || isAnchored
                    continue
                }
                seen[key] = groups.count
                let suggested = (ToolSearchIndex.related[term] ?? []).filter { related in !forms.contains { $0.term == related } }.map {
                    (term: $0, weight: ToolSearchIndex.relatedWeight)
                }
                if index == firstVerb {
                    verbGroup = groups.count
                    // "move the meeting": a verb no tool is named after speaks through its operation and related
                    // words only, so "move" does not find "movements".
                    if !ToolSearchIndex.matchingVerbs.contains(term) { forms = [] }
                }
                let isPlural = ToolSearchIndex.isPlural(word)
                groups.append(QueryGroup(forms: forms, related: suggested, isPlural: isPlural, isAnchored: isAnchored))
            }
            // "make Jim the owner of lead 5": the verb no longer says what it would alone.
            if operations != asked, let verb = verbGroup { groups[verb].forms = [] }
            askingForSeveralRecords(raw)
            searchingSeveralKinds(raw)
            searchingByName(raw)
            namingRecords(text, knows: knows)
            if let firstVerb, operations.first == .create || operations.first == .delete {
                containers = ToolSearchIndex.containers(in: raw, after: firstVerb)
            }
        }

        /// "anybody named Priya", "deals whose title mentions migration": a question about a name or a text is a
        /// search, so the search tools' word is asked for too.
        private mutating func searchingByName(_ raw: [String]) {
            guard operations == [.read], raw.contains(where: ToolSearchIndex.searchCues.contains),
                !groups.contains(where: { $0.forms.contains { $0.term == "search" } })
            else { return }
            let forms = [("search", 1.0)] + (ToolSearchIndex.synonyms["search"] ?? []).map { ($0, ToolSearchIndex.synonymWeight) }
            groups.append(QueryGroup(forms: forms, related: [], isPlural: false, isAnchored: false))
        }

        /// "Maria Lopez's deals", "emails with Globex", "update Jane's phone": a name the index does not know, said
        /// as an owner or when the request asks for several things, is the person, organization or user they belong
        /// to, which the request points at.
        private mutating func namingRecords(_ text: String, knows: (String) -> Bool) {
            // Several of the things records have: "deals", "emails", "attachments", not "weeks".
            let asksForThings = groups.contains { group in
                guard group.isPlural, let term = group.forms.first?.term else { return false }
                return ToolSearchIndex.recordWords.contains(term) || ToolSearchIndex.ownedWords.contains(term)
            }
            guard asksForThings || text.utf8.contains(UInt8(ascii: "'")) || text.contains("\u{2019}") else { return }
            // A search over several kinds has replaced the kinds it lists with its own group.
            let saysKind = groups.contains { group in
                guard let term = group.forms.first?.term else { return false }
                return term == ToolSearchIndex.severalKinds[0].term
                    || ToolSearchIndex.ownerKinds.contains(ToolSearchIndex.synonymGroupKey[term] ?? term)
            }
            guard !saysKind, let name = ToolSearchIndex.ownerName(in: text, knows: knows), name.isPossessive || asksForThings else { return }
            // "Maria Lopez" is more likely a person than a company; "Globex" either.
            let related = ToolSearchIndex.ownerKinds.map { kind in
                (term: kind, weight: ToolSearchIndex.relatedWeight * (name.words > 1 && kind != "person" ? 0.7 : 1))
            }
            groups.append(QueryGroup(forms: [], related: related, isPlural: false, isAnchored: false, isOwner: true))
        }

        /// "delete persons 4, 5 and 6", "delete these 5 deals": several records at once, which bulk tools take.
        private mutating func askingForSeveralRecords(_ raw: [String]) {
            let numbers = raw.filter { $0.contains(where: \.isNumber) }.count
            guard groups.contains(where: \.isPlural), numbers > 1 || raw.contains(where: ["these", "those"].contains) else { return }
            groups.append(QueryGroup(forms: ToolSearchIndex.severalRecords, related: [], isPlural: true, isAnchored: false))
        }

        /// "search deals, people and organizations": a search over several kinds of records, which are then what it
        /// searches rather than what it is about.
        private mutating func searchingSeveralKinds(_ raw: [String]) {
            // Said in the plural, as a list: "contacts at Initech" reads "person organization", which is no list.
            let kinds = ToolSearchIndex.itemKinds.filter { kind in
                groups.contains { $0.isPlural && $0.forms.contains { $0.term == kind } }
            }
            guard kinds.count > 1, operations == [.read], raw.contains(where: ToolSearchIndex.searchWords.contains) else { return }
            let isKind = { (group: QueryGroup) in kinds.contains { kind in group.forms.contains { $0.term == kind } } }
            if let verb = verbGroup { verbGroup = verb - groups[..<verb].filter(isKind).count }
            groups.removeAll(where: isKind)
            groups.append(QueryGroup(forms: ToolSearchIndex.severalKinds, related: [], isPlural: true, isAnchored: false))
        }
    }

    /// The position of the first verb in `words`, whose operations the query asks for. Only a verb's bare, imperative
    /// form counts: "comment on a note" adds a comment, while "files uploaded to a contact" and "comments on a note" ask
    /// to see things, and so does a request without a verb ("emails linked to a deal"). A verb right after a noun, in
    /// the same clause, is part of a noun ("payment schedule", "deal fields list").
    /// A verb after "to" that follows a noun of its clause is an infinitive ("deals expected to close next month"),
    /// while "I need to create" still asks to create.
    static func firstVerb(in words: [String], clauseStarts: Set<Int> = [0]) -> Int? {
        words.indices.first { index in
            guard verbs[words[index]] != nil else { return false }
            if index == 0 || clauseStarts.contains(index) { return true }
            guard normalise(words[index - 1]) == nil else { return false }
            guard words[index - 1] == "to" else { return true }
            let start = clauseStarts.filter { $0 <= index }.max() ?? 0
            return words[start..<(index - 1)].allSatisfy { normalise($0) == nil }
        }
    }

    /// Whether the word at `index` is followed by a number, perhaps through "id" or "number": "deal 12", "the
    /// contact with id 310", "deal number 7".
    static func isNumbered(_ words: [String], after index: Int) -> Bool {
        var next = index + 1
        while next < words.count, next <= index + 2, numberingWords.contains(words[next]) { next += 1 }
        return next < words.count && words[next].utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
    }

    /// A name the index does not know, which a request asks about.
    struct OwnerName: Equatable {
        /// Said before "'s": "Jane's attachments".
        var isPossessive: Bool
        /// How many capitalised words it has: "Maria Lopez" is a person's name more often than a company's.
        var words: Int
    }

    /// The first name in `text` of someone or something the index does not know, other than as the name of a record
    /// ("the Hooli deal") or of what is searched ("a person named Oliver"): a capitalised word past the start of its
    /// clause, or any word before "'s".
    static func ownerName(in text: String, knows: (String) -> Bool) -> OwnerName? {
        for clause in text.split(whereSeparator: { ",;:.!?".contains($0) }) {
            let tokens = clause.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            // Capitalised, not an acronym: "the CRM", "the EMEA team".
            let capitalised = tokens.map { token in (token.first?.isUppercase ?? false) && token.contains(where: \.isLowercase) }
            for (index, token) in tokens.enumerated() {
                let possessive = token.hasSuffix("'s") || token.hasSuffix("\u{2019}s")
                guard (index > 0 && capitalised[index]) || possessive else { continue }
                let word = String(token.prefix { $0.isLetter }).lowercased()
                guard let term = normalise(word), !knows(term), verbs[word] == nil, synonyms[term] == nil, related[term] == nil else {
                    continue
                }
                var start = index
                while start > 0, capitalised[start - 1] { start -= 1 }
                // "a team called Inside Sales": the name of what is made or searched.
                if start > 0, ["named", "called", "titled"].contains(tokens[start - 1].lowercased()) { continue }
                var next = index + 1
                while next < tokens.count, capitalised[next] { next += 1 }
                // "the Hooli deal", "Wayne Enterprises deal": the name of a record the request names by its kind.
                if !possessive, next < tokens.count, let following = normalise(String(tokens[next].prefix { $0.isLetter }).lowercased()),
                    recordWords.contains(following) || ownerWords.contains(following)
                {
                    continue
                }
                return OwnerName(isPossessive: possessive, words: next - start)
            }
        }
        return nil
    }

    /// `text` without e-mail addresses, whose words ("sam@company.com") are not what the request is about, and with
    /// each web address read as "url".
    static func withoutAddresses(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }),
            text.contains("@") || text.contains("://") || text.contains("www.")
        else { return text }
        return text.split(separator: " ", omittingEmptySubsequences: false).map { token in
            if token.contains("://") || token.hasPrefix("www.") { return "url" }
            return token.contains("@") ? "" : String(token)
        }.joined(separator: " ")
    }

    /// `clause` with a split phrasal verb read as its meaning: "take the package off deal 19" removes it, "hand
    /// org 4 over to Maria" reassigns it. Only a clause's verb counts (after stop words alone, as in "please take").
    static func readingPhrasalVerbs(_ clause: [String]) -> [String] {
        guard let start = clause.firstIndex(where: { normalise($0) != nil }) else { return clause }
        let found = phrasalVerbs.lazy.filter { $0.verb == clause[start] }.compactMap { entry in
            clause[(start + 1)...].firstIndex(where: entry.particles.contains).map { (entry, $0) }
        }.first
        guard let (entry, particle) = found else { return clause }
        var result = clause
        result[start] = entry.meaning
        // The particle of a removal still says where from: "off deal 19" is "from deal 19".
        if entry.meaning == "remove" && ["off", "out"].contains(clause[particle]) {
            result[particle] = "from"
            if particle + 1 < result.count, result[particle + 1] == "of" { result.remove(at: particle + 1) }
        } else {
            result.remove(at: particle)
        }
        return result
    }

    /// The operations a request asks for when what it adds or removes is part of a record rather than a record:
    /// "add an option to deal field 12" changes the field.
    static func operationsForParts(_ operations: [Operation], words: [String]) -> [Operation] {
        guard let first = operations.first, first == .create || first == .delete, words.contains(where: partWords.contains) else {
            return operations
        }
        return [.update]
    }

    /// The records a create or delete happens in: the first singular record word after "from", "off", "to", "onto"
    /// or "on" ("take the package off deal 19", "add a note to deal 4"), when the verb at `verb` has an object
    /// before it, so the tool that creates or deletes such a record itself is not what is asked for.
    static func containers(in words: [String], after verb: Int) -> [String] {
        var result: [String] = []
        var hasObject = false
        for index in words.indices.dropFirst(verb + 1) {
            guard containerPrepositions.contains(words[index]) else {
                if normalise(words[index]) != nil { hasObject = true }
                continue
            }
            guard hasObject else { continue }
            // The record word within three words, stop words and names between: "off deal 19", "to the Umbrella deal".
            guard let next = words.indices.dropFirst(index + 1).prefix(3).first(where: { recordWords.contains(stem(words[$0])) }),
                !isPlural(words[next]), let term = normalise(words[next])
            else { continue }
            // "to the product catalog": a record word before another noun only qualifies it.
            if next + 1 < words.count, let after = normalise(words[next + 1]), !after.contains(where: \.isNumber) { continue }
            let key = synonymGroupKey[term] ?? term
            if !result.contains(key) { result.append(key) }
        }
        return result
    }

    /// `clause` with a yes-or-no question about existence turned into a search: "is there a company called Acme".
    static func openingPhrase(_ clause: [String]) -> [String] {
        guard clause.count > 2, ["is", "are"].contains(clause[0]), clause[1] == "there" else { return clause }
        return ["search"] + clause.dropFirst(2)
    }

    /// `words` with "call" read as an activity when the request speaks of the future ("schedule a call", "call Bob
    /// tomorrow"): a call to make is an activity, a call made is a call log.
    static func readingCallsAsActivities(_ words: [String]) -> [String] {
        guard words.contains(where: futureWords.contains) else { return words }
        return words.map { $0 == "call" || $0 == "calls" ? "activity" : $0 }
    }
}
