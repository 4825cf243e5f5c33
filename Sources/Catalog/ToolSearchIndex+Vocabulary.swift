import Foundation

/// The words search understands: CRM synonyms, related terms, phrases, stop words and stemming.
extension ToolSearchIndex {
    // MARK: - Synonyms

    /// Words that name the same thing in a CRM; each matches every other in its group at `synonymWeight`.
    static let synonymGroups: [[String]] = [
        ["add", "create", "new", "insert", "make", "register"],
        ["delete", "remove", "erase", "destroy", "trash", "discard"],
        ["update", "edit", "modify", "change", "amend"],
        ["get", "fetch", "retrieve", "show", "view", "read", "display", "detail", "list", "return"],
        ["search", "find", "lookup", "query", "look"],
        ["all", "every", "each"],
        ["person", "contact", "people", "individual"],
        ["organization", "company", "org", "business", "firm"],
        ["deal", "opportunity"],
        ["user", "colleague", "teammate"],
        ["file", "attachment", "document", "doc"],
        ["email", "mail"],
        ["mailbox", "inbox"],
        ["follower", "follow", "watcher"],
        ["picture", "photo", "image", "avatar"],
        ["bulk", "multiple", "several", "many", "batch", "mass"],
        ["duplicate", "copy", "clone"],
        ["merge", "combine"],
        ["goal", "target", "quota", "objective"],
        ["pipeline", "funnel"],
        ["label", "tag"],
        ["current", "authorized"],
        ["currency", "currencies", "money"],
        ["relationship", "hierarchy"],
        ["associate", "attach", "link", "connect"],
        ["permission", "access", "right"],
    ]

    /// One-way expansions at `relatedWeight`: the key suggests these words, but not the other way round.
    static let relatedTerms: [String: [String]] = [
        "attach": ["add", "file"],
        "upload": ["add", "file"],
        "schedule": ["add", "activity"],
        "invite": ["add", "user"],
        "log": ["add"],
        "list": ["all"],
        "follow": ["add"],
        "write": ["add"],
        "rename": ["update"],
        "mark": ["update"],
        "move": ["update"],
        "deactivate": ["update", "active"],
        "activate": ["update", "active"],
        "cancel": ["delete"],
        "unfollow": ["delete", "follower"],
        "meeting": ["activity"],
        "call": ["activity"],
        "appointment": ["activity"],
        "event": ["activity"],
        "todo": ["activity"],
        "client": ["person", "organization"],
        "customer": ["person", "organization"],
        "prospect": ["lead"],
        "message": ["mail"],
        "email": ["message"],
        "thread": ["mail"],
        "conversation": ["mail"],
        "history": ["update", "flow"],
        "parent": ["relationship"],
        "subsidiary": ["relationship"],
        "child": ["relationship"],
        "won": ["status"],
        "lost": ["status"],
        "member": ["user"],
        "owner": ["user"],
        "participant": ["person"],
    ]

    /// Multi-word expressions rewritten before anything else.
    static let phrases: [(words: [String], replacement: [String])] = [
        (["logged", "in"], ["current"]),
        (["signed", "in"], ["current"]),
        (["who", "am", "i"], ["current", "user"]),
        (["my", "account"], ["current", "user"]),
        (["get", "rid", "of"], ["delete"]),
        (["look", "up"], ["search"]),
        (["set", "up"], ["create"]),
        (["at", "once"], ["bulk"]),
        (["how", "many"], ["count"]),
        (["e", "mail"], ["email"]),
        (["e", "mails"], ["email"]),
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

    /// Stemmed word → the stemmed words of its `relatedTerms`.
    static let related: [String: [String]] = Dictionary(
        relatedTerms.map { (stem($0.key), $0.value.map(stem)) },
        uniquingKeysWith: +
    )

    // MARK: - Words

    static let stopWords: Set<String> = [
        "a", "an", "the", "to", "of", "for", "in", "on", "at", "with", "by", "from", "into", "about", "as", "and", "or",
        "my", "me", "i", "we", "our", "you", "your", "it", "its", "this", "that", "these", "those", "there", "their",
        "is", "are", "was", "be", "been", "do", "does", "can", "could", "would", "should", "will", "please", "some", "any",
        "what", "which", "who", "whom", "where", "when", "how", "pipedrive",
    ]

    /// Stemmed terms of `text`, without stop words, for indexing.
    static func terms(in text: String) -> [String] {
        rawWords(in: text).compactMap(normalise)
    }

    /// The term a raw word stands for, or nil for stop words, numbers and single letters.
    static func normalise(_ word: String) -> String? {
        guard word.count > 1, !stopWords.contains(word), !word.allSatisfy(\.isNumber) else { return nil }
        return stem(word)
    }

    /// Lower-cased words of `text`, split at punctuation, underscores and camelCase humps.
    static func rawWords(in text: String) -> [String] {
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

    static func rewritingPhrases(_ words: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        outer: while index < words.count {
            for phrase in phrases where words[index...].starts(with: phrase.words) {
                result.append(contentsOf: phrase.replacement)
                index += phrase.words.count
                continue outer
            }
            result.append(words[index])
            index += 1
        }
        return result
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

    /// A light, symmetric English stemmer: plurals, -ment, -ing and -ed, and a final silent e, so that "deals",
    /// "updated", "updating" and "update" meet at "deal" and "updat", and "assignments" at "assign". Stems only need
    /// to agree, not to be words.
    static func stem(_ word: String) -> String {
        guard word.count > 3, word.allSatisfy({ $0.isLetter && $0.isASCII }) else { return word }
        if let irregular = irregularStems[word] { return irregular }
        var word = word
        if word.hasSuffix("ies") && word.count > 4 {
            word = String(word.dropLast(3)) + "y"
        } else if word.hasSuffix("sses") || word.hasSuffix("ches") || word.hasSuffix("shes") || word.hasSuffix("xes") {
            word = String(word.dropLast(2))
        } else if word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us") && !word.hasSuffix("is") {
            word = String(word.dropLast())
        }
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

    static let irregularStems: [String: String] = ["people": "person", "children": "child"]
}
