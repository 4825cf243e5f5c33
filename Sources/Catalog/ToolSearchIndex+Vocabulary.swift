import Foundation

/// The words search understands: CRM synonyms, related terms, phrases, verbs, stop words and stemming.
extension ToolSearchIndex {
    // MARK: - Synonyms

    /// Words that name the same thing in a CRM; each matches every other in its group at `synonymWeight`.
    static let synonymGroups: [[String]] = [
        ["add", "create", "new", "insert", "make", "register"],
        ["delete", "remove", "erase", "destroy", "trash", "discard", "purge", "wipe"],
        ["update", "edit", "modify", "change", "amend", "adjust", "alter"],
        ["get", "fetch", "retrieve", "show", "view", "read", "display", "list", "return"],
        ["search", "find", "lookup", "query", "look"],
        ["all", "every", "each"],
        ["person", "contact", "people", "individual"],
        ["organization", "company", "org", "business", "firm", "corporation", "corp"],
        ["deal", "opportunity", "opp"],
        ["user", "colleague", "teammate", "coworker", "salesperson", "rep"],
        ["activity", "meeting", "appointment", "reminder"],
        ["file", "attachment", "document", "doc"],
        ["email", "mail"],
        ["mailbox", "inbox"],
        ["follower", "follow", "watcher", "watch"],
        ["picture", "photo", "image", "avatar", "headshot", "portrait"],
        ["type", "kind", "category"],
        ["bulk", "multiple", "several", "many", "batch", "mass"],
        ["duplicate", "copy", "clone"],
        ["merge", "combine", "dedupe", "deduplicate", "consolidate"],
        ["goal", "target", "quota", "objective"],
        ["pipeline", "funnel"],
        ["label", "tag"],
        ["current", "authorized"],
        ["currency", "currencies", "money"],
        ["relationship", "hierarchy"],
        ["associate", "attach", "link", "connect"],
        ["permission", "access", "right"],
        ["note", "memo"],
        ["recent", "recently", "latest"],
        ["result", "progress"],
        ["connection", "integration"],
        ["one", "single", "detail"],
        ["source", "origin"],
    ]

    /// One-way expansions at `relatedWeight`: the key suggests these words, but not the other way round.
    static let relatedTerms: [String: [String]] = [
        "attach": ["file"],
        "upload": ["file"],
        "schedule": ["activity"],
        "book": ["activity"],
        "arrange": ["activity"],
        "remind": ["activity"],
        "reschedule": ["activity"],
        "invite": ["user"],
        "write": ["note"],
        "record": ["log"],
        "list": ["all"],
        "rename": ["name"],
        "close": ["status"],
        "complete": ["done"],
        "finish": ["done"],
        "reassign": ["owner"],
        "deactivate": ["active"],
        "activate": ["active"],
        "stop": ["cancel"],
        "unfollow": ["follower"],
        "call": ["activity"],
        "phone": ["person"],
        "address": ["person", "organization"],
        "already": ["search"],
        "event": ["activity"],
        "client": ["person", "organization"],
        "customer": ["person", "organization"],
        "account": ["organization"],
        "prospect": ["lead"],
        "inquiry": ["lead"],
        "enquiry": ["lead"],
        "employee": ["person", "user"],
        "staff": ["person", "user"],
        "seat": ["user"],
        "license": ["user"],
        "todo": ["task", "activity"],
        "message": ["mail"],
        "email": ["message"],
        "thread": ["mail"],
        "conversation": ["mail"],
        "history": ["update", "flow"],
        "happen": ["update", "flow"],
        "changelog": ["update"],
        "audit": ["update"],
        "parent": ["relationship"],
        "subsidiary": ["relationship"],
        "child": ["relationship"],
        "won": ["status"],
        "lost": ["status"],
        "open": ["status"],
        "member": ["user"],
        "owner": ["user"],
        "own": ["owner"],
        "participant": ["person"],
        "see": ["access", "permit"],
        "visible": ["access", "visibility"],
        "sell": ["product"],
        "catalog": ["product", "all"],
        "price": ["product"],
        "everything": ["multiple", "type"],
        "everywhere": ["multiple", "type"],
        "anything": ["multiple", "type"],
        "global": ["multiple", "type"],
        "across": ["multiple", "type"],
        "operator": ["helper"],
        "condition": ["filter"],
        "calendar": ["activity"],
        "track": ["result"],
        "monthly": ["recurring"],
        "yearly": ["recurring"],
        "annual": ["recurring"],
        "endpoint": ["webhook"],
        "url": ["webhook"],
        "notify": ["webhook"],
        "notification": ["webhook"],
        "callback": ["webhook"],
        "chat": ["channel", "conversation"],
        "messaging": ["channel"],
        "connect": ["connection"],
        "inbox": ["folder", "thread"],
        "total": ["summary"],
        "today": ["activity"],
        "tomorrow": ["activity"],
        "upcoming": ["activity"],
        "agenda": ["activity"],
        "due": ["activity"],
        "monday": ["activity"],
        "tuesday": ["activity"],
        "wednesday": ["activity"],
        "thursday": ["activity"],
        "friday": ["activity"],
        "next": ["activity"],
        "who": ["user"],
        "my": ["user"],
        "i": ["user"],
        "everyone": ["person", "user"],
        "everybody": ["person", "user"],
        "someone": ["person"],
        "somebody": ["person"],
        "anyone": ["person"],
        "anybody": ["person"],
        "ping": ["activity"],
        "postpone": ["activity"],
        "transfer": ["owner"],
        "login": ["user"],
        "admin": ["user"],
        "hire": ["user"],
        "onboard": ["user"],
        "correspondence": ["mail"],
        "buy": ["product"],
        "bought": ["product"],
        "purchase": ["product"],
        "package": ["product"],
        "sku": ["product"],
        "pdf": ["file"],
        "spreadsheet": ["file"],
        "unsubscribe": ["follower"],
        "content": ["download"],
        "revenue": ["deal", "summary"],
        "planned": ["activity"],
        "win": ["status"],
    ]

    /// Multi-word expressions rewritten before anything else.
    static let phrases: [(words: [String], replacement: [String])] = [
        (["logged", "in"], ["current"]),
        (["signed", "in"], ["current"]),
        (["who", "am", "i"], ["current", "user"]),
        (["my", "account"], ["current", "user"]),
        (["get", "rid", "of"], ["delete"]),
        (["allowed", "to", "do"], ["permissions"]),
        (["look", "up"], ["search"]),
        (["set", "up"], ["create"]),
        // "set a goal" makes one; "set the deal value" changes one.
        (["set", "a"], ["add", "a"]),
        (["set", "an"], ["add", "an"]),
        (["set", "the"], ["change", "the"]),
        // "open a deal" makes one; "open email 4411" and "open an email message" read one.
        (["open", "a"], ["add", "a"]),
        (["give", "me"], ["show"]),
        (["recording"], ["audio", "file"]),
        (["recordings"], ["audio", "file"]),
        (["kick", "off"], ["start"]),
        (["jot", "down"], ["write", "note"]),
        (["write", "down"], ["write", "note"]),
        (["note", "down"], ["write", "note"]),
        (["at", "once"], ["bulk"]),
        (["how", "many"], ["count"]),
        (["e", "mail"], ["email"]),
        (["e", "mails"], ["email"]),
        (["stop", "following"], ["unfollow"]),
        (["stop", "watching"], ["unfollow"]),
        (["come", "from"], ["source"]),
        (["contacts", "at"], ["person", "organization"]),
        (["people", "at"], ["person", "organization"]),
        (["employees", "at"], ["person", "organization"]),
        (["employees", "of"], ["person", "organization"]),
        (["people", "from"], ["person", "organization"]),
        (["contacts", "from"], ["person", "organization"]),
        (["my", "profile"], ["current", "user"]),
        (["my", "user"], ["current", "user"]),
        (["to", "do"], ["todo"]),
        (["to", "dos"], ["todo"]),
        (["link", "between"], ["relationship"]),
        (["to", "call"], ["to", "activity"]),
        (["what", "changed"], ["updates"]),
        (["what", "has", "changed"], ["updates"]),
        (["what", "s", "changed"], ["updates"]),
        (["comes", "from"], ["source"]),
        // "I called Rachael" phoned her; "a company called Acme" is named so.
        (["i", "called"], ["i", "call"]),
        (["we", "called"], ["we", "call"]),
        (["called"], ["named"]),
        (["who", "can"], ["user", "access"]),
        (["works", "at"], ["person", "organization"]),
        (["work", "at"], ["person", "organization"]),
        (["works", "for"], ["person", "organization"]),
        (["line", "item"], ["product"]),
        (["line", "items"], ["product"]),
        (["price", "list"], ["product", "catalog"]),
        (["phone", "call"], ["call"]),
        (["audit", "log"], ["history"]),
        (["audit", "trail"], ["history"]),
        (["change", "log"], ["changelog"]),
        (["change", "logs"], ["changelog"]),
        (["turn", "on"], ["enable"]),
        (["turn", "off"], ["disable"]),
        (["follow", "up"], ["schedule", "activity"]),
        (["follow", "ups"], ["activities"]),
    ]

    /// Stemmed word → the stemmed words of its `synonymGroups`.
    static let synonyms: [String: [String]] = {
        var table: [String: [String]] = [:]
        for group in synonymGroups {
            let stems = group.map(stem)
            for word in stems {
                table[word, default: []].append(contentsOf: stems.filter { $0 != word && !(table[word] ?? []).contains($0) })
            }
        }
        return table
    }()

    /// The stems of the four operations' synonym groups (add, delete, update, get and theirs).
    static let operationStems: Set<String> = Set(synonymGroups.prefix(4).joined().map(stem))

    /// Stemmed word → the first stem of its synonym group, which stands for the group.
    static let synonymGroupKey: [String: String] = {
        var table: [String: String] = [:]
        for group in synonymGroups {
            let stems = group.map(stem)
            for word in stems where table[word] == nil { table[word] = stems[0] }
        }
        return table
    }()

    /// Stemmed word → the stemmed words of its `relatedTerms`.
    static let related: [String: [String]] = Dictionary(
        relatedTerms.map { (stem($0.key), $0.value.map(stem)) },
        uniquingKeysWith: +
    )

    // MARK: - Verbs

    /// Query verbs in their bare form, with the operations they ask for, the most fitting first. Question words ask
    /// to read. A word is in one list only.
    static let verbLists: [(operations: [Operation], words: [String])] = [
        (
            [.create],
            [
                "add", "create", "new", "insert", "make", "register", "attach", "link", "upload", "log", "write", "schedule", "invite",
                "follow", "watch", "comment", "book", "arrange", "organize", "organise", "remind", "start", "launch", "record", "put",
                "save", "notify", "alert", "give", "turn", "leave", "plan", "ping", "onboard", "store",
            ]
        ),
        (
            [.update],
            [
                "update", "edit", "modify", "change", "amend", "adjust", "rename", "mark", "move", "deactivate", "activate", "disable",
                "enable", "apply", "bump", "raise", "increase", "decrease", "lower", "reduce", "reschedule", "complete", "finish",
                "close", "reassign", "fix", "correct", "hide", "pin", "unpin", "reopen", "push", "postpone", "delay", "transfer",
            ]
        ),
        (
            [.delete],
            [
                "delete", "remove", "erase", "destroy", "unfollow", "unwatch", "trash", "discard", "purge", "wipe", "drop", "unlink", "detach",
                "clear", "unsubscribe",
            ]
        ),
        (
            [.read],
            [
                "get", "list", "show", "fetch", "retrieve", "view", "read", "display", "check", "find", "search", "lookup", "see",
                "tell", "count", "who", "which", "what", "whose", "where", "when", "how", "does", "do", "is", "are",
            ]
        ),
        ([.cancel, .delete], ["cancel", "stop"]),
        ([.merge], ["merge", "combine", "dedupe", "deduplicate", "consolidate"]),
        ([.duplicate], ["duplicate", "copy", "clone"]),
        ([.archive, .update], ["archive"]),
        ([.download, .read], ["download"]),
        ([.refresh], ["refresh", "renew"]),
        // The object decides: "set a goal" and "assign a user to a role" add, "assign the deal to Ann" updates.
        ([.update, .create], ["set", "assign"]),
        // Operations no tool has.
        ([], ["send", "convert", "subscribe"]),
    ]

    /// Each verb of `verbLists` → its operations.
    static let verbs: [String: [Operation]] = Dictionary(
        verbLists.flatMap { list in list.words.map { ($0, list.operations) } },
        uniquingKeysWith: { first, _ in first }
    )

    // MARK: - Reading the request

    /// Verbs whose meaning a particle later in the clause changes: "take X off", "hand X over", "pull up".
    static let phrasalVerbs: [(verb: String, particles: Set<String>, meaning: String)] = [
        ("take", ["off", "out", "away"], "remove"),
        ("pull", ["off", "out"], "remove"),
        ("kick", ["off", "out"], "remove"),
        ("pull", ["up"], "show"),
        ("hand", ["over"], "reassign"),
        ("push", ["back", "out"], "reschedule"),
    ]

    /// Words that ask for a search when a request reads: "anybody named Priya", "leads titled webinar".
    static let searchCues: Set<String> = [
        "named", "titled", "mention", "mentions", "mentioning", "containing", "anybody", "anyone", "domain", "website",
    ]

    /// What an unknown name a request asks about may be: "Maria Lopez's deals", "emails with Globex".
    static let ownerKinds: [String] = ["person", "organization", "user"]

    /// Words after a name that make it the name of a record of that kind: "the Acme account".
    static let ownerWords: Set<String> = ["account", "customer", "client"].map(stem).reduce(into: []) { $0.insert($1) }

    /// Stems of what records have, besides records: "Maria's emails", "Acme's followers".
    static let ownedWords: Set<String> = Set(
        ["email", "mail", "message", "follower", "participant", "update", "call", "attachment"].map(stem)
    )

    /// Words between a record and its number: "the contact with id 310", "deal number 7".
    static let numberingWords: [String] = ["with", "id", "number", "no", "nr"]

    /// Records a request can dictate, "note on deal 71: budget approved".
    static let dictatedKinds: Set<String> = [
        "note", "task", "activity", "meeting", "call", "reminder", "comment", "lead", "deal", "contact", "person",
    ]

    /// Parts of a record that no tool adds or removes: adding or removing one changes the record.
    static let partWords: Set<String> = ["option", "options", "choice", "choices", "owner"]

    /// Prepositions before the record a create or delete happens in (see `containers(in:)`).
    static let containerPrepositions: Set<String> = ["from", "off", "to", "onto", "on"]

    /// Stems of the words that name records a request can put things in or take them from.
    static let recordWords: Set<String> = Set(
        ["deal", "person", "organization", "product", "lead", "project", "activity", "note", "file", "pipeline", "stage", "team",
         "role", "user", "filter", "goal", "field", "thread", "task"].flatMap { [stem($0)] + (synonyms[stem($0)] ?? []) }
    )

    // MARK: - Words

    /// Stems of the name words a plural request covers: "show deals" asks for all of them.
    static let quantityWords: [String] = ["all", "multiple", "bulk"].map(stem)

    /// The kinds of records a search can span, and what a search over several of them matches.
    static let itemKinds: [String] = ["deal", "person", "organization", "product", "lead", "file", "project"].map(stem)
    /// Words that make a request a search.
    static let searchWords: Set<String> = ["search", "find", "look", "lookup", "query"]
    static let severalKinds: [(term: String, weight: Double)] = [
        (stem("multiple"), 1), (stem("item"), synonymWeight), (stem("types"), synonymWeight),
    ]
    /// What a request for several records at once matches.
    static let severalRecords: [(term: String, weight: Double)] = [(stem("bulk"), 1), (stem("multiple"), synonymWeight)]

    /// Stems of the verbs that match tools by their own word, when they are the request's verb: the five operation
    /// groups' words and the verbs tools are named after (follow, merge, download…). Any other verb ("move", "plan",
    /// "book") speaks through its operation and related words only.
    static let matchingVerbs: Set<String> = Set(
        (synonymGroups.prefix(5).joined() + [
            "follow", "watch", "comment", "attach", "link", "upload", "merge", "combine", "dedupe", "duplicate", "copy",
            "clone", "archive", "download", "cancel", "refresh",
        ]).map(stem)
    )

    /// Words that put a request in the future, where a call is an activity to plan rather than a call log.
    static let futureWords: Set<String> = [
        "schedule", "scheduled", "book", "arrange", "remind", "reschedule", "plan", "planned", "today", "tomorrow", "tonight", "next",
        "upcoming", "due",
        "agenda", "calendar", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]

    /// Words before a participle that make it describe a state ("were added", "is archived").
    static let auxiliaries: Set<String> = ["was", "were", "is", "are", "been", "be", "being", "got", "get", "has", "have", "had"]

    /// Name words that only relate the name's nouns ("List deals associated with an organization"): a request need
    /// not say them to cover the name.
    static let relationWords: Set<String> = ["associated", "attached", "assigned", "particular"]

    /// Words that match nothing by themselves (`normalise` drops them); some still suggest `related` words ("who").
    static let stopWords: Set<String> = [
        "a", "an", "the", "to", "of", "for", "in", "on", "at", "with", "by", "from", "into", "about", "as", "and", "or",
        "my", "me", "i", "we", "our", "you", "your", "it", "its", "this", "that", "these", "those", "there", "their",
        "is", "are", "was", "be", "been", "do", "does", "did", "have", "has", "had", "can", "could", "would", "should", "will",
        "please", "some", "any",
        "what", "which", "who", "whom", "whose", "where", "when", "how", "pipedrive", "named",
        // Light verbs: they say what to do (see `verbs`), but their own word would only match by accident ("set" in
        // "permission set").
        "set", "give", "put", "turn", "leave", "need", "want",
        // Numbers in words, like numbers in digits, count rather than name: "in two weeks" is not "merge two deals".
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ]

    /// Stemmed terms of `text`, without stop words, for indexing.
    static func terms(in text: String) -> [String] {
        rawWords(in: text).compactMap(normalise)
    }

    /// The term a raw word stands for, or nil for stop words, numbers and single letters.
    static func normalise(_ word: String) -> String? {
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            guard word.utf8.count > 1, !word.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), !stopWords.contains(word) else { return nil }
            return stem(word)
        }
        guard word.count > 1, !stopWords.contains(word), !word.allSatisfy(\.isNumber) else { return nil }
        return stem(word)
    }

    /// Whether `word` is made of ASCII letters only, the words the stemmer changes.
    private static func isASCIIWord(_ word: String) -> Bool {
        word.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) }
    }

    /// Lower-cased words of `text`, split at punctuation, underscores and camelCase humps.
    static func rawWords(in text: String) -> [String] {
        Array(clauses(in: text).joined())
    }

    /// The words of each clause of `text` (see `rawWords`), split at commas, semicolons, colons, full stops, and
    /// question and exclamation marks.
    static func clauses(in text: String) -> [[String]] {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.split(whereSeparator: { ",;:.!?".contains($0) }).map { unicodeWords(in: String($0)) }.filter { !$0.isEmpty }
        }
        return asciiClauses(in: text)
    }

    /// `clauses` for ASCII text, byte by byte: what a request usually is, and several times faster.
    private static func asciiClauses(in text: String) -> [[String]] {
        var clauses: [[String]] = []
        var words: [String] = []
        var current: [UInt8] = []
        var previousWasLower = false
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            let isUpper = byte >= 0x41 && byte <= 0x5A, isLower = byte >= 0x61 && byte <= 0x7A, isDigit = byte >= 0x30 && byte <= 0x39
            if isUpper || isLower || isDigit {
                if isUpper && previousWasLower { flush() }
                current.append(isUpper ? byte + 0x20 : byte)
                previousWasLower = isLower || isDigit
            } else {
                flush()
                previousWasLower = false
                switch byte {
                case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"):
                    if !words.isEmpty { clauses.append(words) }
                    words.removeAll()
                default: break
                }
            }
        }
        flush()
        if !words.isEmpty { clauses.append(words) }
        return clauses
    }

    private static func unicodeWords(in text: String) -> [String] {
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
                previousWasLower = character.isLowercase || character.isNumber
            } else {
                words.append(current)
                current = ""
                previousWasLower = false
            }
        }
        words.append(current)
        return words.filter { !$0.isEmpty }.map { $0.lowercased() }
    }

    /// `words` with every phrase of `phrases` replaced, one phrase after another in the table's order, so an earlier
    /// phrase wins where two overlap ("remove several contacts at once": "at once", not "contacts at").
    static func rewritingPhrases(_ words: [String]) -> [String] {
        phrases.reduce(words) { words, phrase in
            guard words.contains(phrase.words[0]) else { return words }
            var result: [String] = []
            var index = 0
            while index < words.count {
                if words[index...].starts(with: phrase.words) {
                    result.append(contentsOf: phrase.replacement)
                    index += phrase.words.count
                } else {
                    result.append(words[index])
                    index += 1
                }
            }
            return result
        }
    }

    /// `text` without HTML tags and URLs, which only add noise like "href", "https" and "readme".
    static func plainText(_ text: String) -> String {
        var result = ""
        var inTag = false
        var inURL = false
        var rest = Substring(text)
        while let character = rest.first {
            if inTag {
                if character == ">" { inTag = false }
            } else if inURL {
                if character.isWhitespace || character == "\"" || character == ")" || character == "<" {
                    inURL = false
                    continue
                }
            } else if character == "<" {
                inTag = true
                result.append(" ")
            } else if rest.hasPrefix("http://") || rest.hasPrefix("https://") {
                inURL = true
                result.append(" ")
            } else {
                result.append(character)
            }
            rest = rest.dropFirst()
        }
        return result
    }

    /// Whether the stemmer takes a plural ending off `word` ("deals", "activities", "matches", "people").
    static func isPlural(_ word: String) -> Bool {
        guard word.utf8.count > 3, isASCIIWord(word) else { return false }
        if irregularStems[word] != nil { return pluralIrregulars.contains(word) }
        return pluralEnding(word) != nil
    }

    /// A light, symmetric English stemmer: plurals, -ment, -ing and -ed, and a final silent e, so that "deals",
    /// "updated", "updating" and "update" meet at "deal" and "updat", and "assignments" at "assign". Stems only need
    /// to agree, not to be words.
    static func stem(_ word: String) -> String {
        guard word.utf8.count > 3, isASCIIWord(word) else { return word }
        if let irregular = irregularStems[word] { return irregular }
        var word = pluralEnding(word) ?? word
        if word.hasSuffix("ment") && word.count > 7 {
            word = String(word.dropLast(4))
        } else if word.hasSuffix("ing") && word.count > 5 {
            word = String(word.dropLast(3))
        } else if word.hasSuffix("ed") && word.count > 4 && !word.hasSuffix("eed") {
            word = String(word.dropLast(2))
        }
        if word.hasSuffix("e") && word.count > 3 && !word.hasSuffix("ee") {
            word = String(word.dropLast())
        }
        return word
    }

    /// `word` without its plural ending, or nil when it has none.
    private static func pluralEnding(_ word: String) -> String? {
        if word.hasSuffix("ies") && word.count > 4 {
            return String(word.dropLast(3)) + "y"
        } else if word.hasSuffix("sses") || word.hasSuffix("ches") || word.hasSuffix("shes") || word.hasSuffix("xes") {
            return String(word.dropLast(2))
        } else if word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us") && !word.hasSuffix("is") {
            return String(word.dropLast())
        }
        return nil
    }

    static let irregularStems: [String: String] = [
        "people": "person", "children": "child", "sold": "sell", "attachment": "attachment", "attachments": "attachment",
    ]
    private static let pluralIrregulars: Set<String> = ["people", "children", "attachments"]
}
