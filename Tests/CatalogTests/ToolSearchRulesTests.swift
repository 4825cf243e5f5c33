@testable import Catalog
import Testing

/// The decisions inside `ToolSearchIndex`, each a pure function, checked by tables.
struct ToolSearchRulesTests {
    typealias Index = ToolSearchIndex

    @Test(arguments: [
        ("deals", "deal", true), ("activities", "activity", true), ("matches", "match", true), ("people", "person", true),
        ("status", "status", false), ("address", "address", false), ("updated", "updat", false), ("updating", "updat", false),
        ("assignments", "assign", true), ("deal", "deal", false), ("org", "org", false), ("sold", "sell", false),
    ] as [(String, String, Bool)])
    func stemsAndNumber(word: String, stem: String, isPlural: Bool) {
        #expect(Index.stem(word) == stem)
        #expect(Index.isPlural(word) == isPlural)
    }

    @Test(arguments: [
        ("pinned_to_deal_flag", ["pinned", "to", "deal", "flag"]),
        ("OrganizationFields v2Beta", ["organization", "fields", "v2", "beta"]),
        ("what's on deal 12?", ["what", "s", "on", "deal", "12"]),
        ("Ändere den Deal für Müller", ["ändere", "den", "deal", "für", "müller"]),
        ("  ", []),
    ] as [(String, [String])])
    func wordsSplitAtPunctuationAndCamelCaseInAnyScript(text: String, words: [String]) {
        #expect(Index.rawWords(in: text) == words)
    }

    @Test(arguments: [
        ("remove several contacts at once", "remove several contacts bulk"),
        ("who are the contacts at acme", "who are the person organization acme"),
        ("stop following this deal", "unfollow this deal"),
        ("a company called acme", "a company named acme"),
        ("remind me to follow up with bob", "remind me to schedule activity with bob"),
        ("open a deal for acme", "add a deal for acme"),
        ("turn on deal probability", "enable deal probability"),
        ("what s my user id", "what s current user id"),
        ("change log of deal 5", "changelog of deal 5"),
        ("what am i allowed to do", "what am i permissions"),
        ("log that i called rachael", "log that i call rachael"),
        ("kick off a project", "start a project"),
        ("remind me to call bob", "remind me to activity bob"),
        ("set the value", "change the value"),
    ])
    func phrasesAreRewrittenEarlierFirst(text: String, rewritten: String) {
        #expect(Index.rewritingPhrases(Index.rawWords(in: text)).joined(separator: " ") == rewritten)
    }

    @Test(arguments: [
        ("PIPEDRIVE_ADD_A_DEAL", ["write"], [.create]),
        ("PIPEDRIVE_ADD_OR_UPDATE_ROLE_SETTING", ["write"], [.create, .update]),
        ("PIPEDRIVE_LIST_DEAL_FILES", ["read"], [.read]),
        ("PIPEDRIVE_ENUMERATE_ACCESSIBLE_USERS_FOR_LEAD", ["read"], [.read]),
        ("PIPEDRIVE_CANCEL_RECURRING_SUBSCRIPTION", ["write"], [.cancel]),
        ("PIPEDRIVE_DOWNLOAD_FILE", ["read"], [.download]),
        ("PIPEDRIVE_ORGANIZATION_ACCESSIBLE_USER_LIST", ["read"], [.read]),
        ("PIPEDRIVE_REFRESH_TOKENS", ["write"], [.refresh]),
    ] as [(String, [String], Set<Index.Operation>)])
    func aToolsOperationComesFromItsSlug(slug: String, tags: [String], operations: Set<Index.Operation>) {
        #expect(Index.Operation.of(slug: slug, tags: tags) == operations)
    }

    @Test(arguments: [
        ("mark deal as won", [.update]),
        ("emails linked to a deal", [.read]),
        ("files uploaded to a contact", [.read]),
        ("who owns this org", [.read]),
        ("open a new opportunity", [.create]),
        ("cancel a scheduled activity", [.cancel, .delete]),
        ("archive an email thread", [.archive, .update]),
        ("assign a user to a role", [.update, .create]),
        ("set a sales goal", [.create]),
        ("set the deal value to 20000", [.update]),
        ("payment schedule of a subscription", [.read]),
        ("send an email", []),
        ("please book a meeting", [.create]),
    ] as [(String, [Index.Operation])])
    func theFirstVerbAsksForTheOperation(text: String, operations: [Index.Operation]) {
        #expect(Index.Query(text).operations == operations)
    }

    @Test(arguments: [
        ("schedule a call with Bob", "schedule a activity with bob"),
        ("log a call", "log a call"),
        ("what calls did Tom make today", "what activity did tom make today"),
    ])
    func aCallInTheFutureIsAnActivity(text: String, read: String) {
        #expect(Index.readingCallsAsActivities(Index.rawWords(in: text)).joined(separator: " ") == read)
    }

    @Test(arguments: [
        ("the customer signed, mark deal 77 won", [Index.Operation.update]),
        ("is there a company called Acme", [.read]),
        ("what activity fields are there", [.read]),
    ] as [(String, [Index.Operation])])
    func eachClauseCanStartWithItsVerb(text: String, operations: [Index.Operation]) {
        #expect(Index.Query(text).operations == operations)
    }

    @Test func clausesAndTheirOpenings() {
        #expect(Index.clauses(in: "the customer signed, mark deal 77 won.") == [["the", "customer", "signed"], ["mark", "deal", "77", "won"]])
        #expect(Index.openingPhrase(["is", "there", "a", "deal"]) == ["search", "a", "deal"])
        #expect(Index.openingPhrase(["what", "fields", "are", "there"]) == ["what", "fields", "are", "there"])
        #expect(Index.firstVerb(in: ["payment", "schedule"]) == nil)
        #expect(Index.firstVerb(in: ["signed", "mark", "deal"], clauseStarts: [0, 1]) == 1)
    }

    @Test func aSearchOverSeveralKindsSearchesItemTypes() {
        let terms = Index.Query("search deals, people and organizations for Acme").groups.map { $0.forms.map(\.term) }
        #expect(terms == [["search", "find", "lookup", "query", "look"], ["acm"], Index.severalKinds.map(\.term)])
        #expect(Index.Query("search deals for Acme").groups.count == 3)
        // "contacts at" reads "person organization": two kinds, but no list of them.
        #expect(!Index.Query("find contacts at Initech named Michael").groups.contains { $0.forms.map(\.term) == Index.severalKinds.map(\.term) })
    }

    @Test func everyWordIsInOneSynonymGroup() {
        let stems = Index.synonymGroups.flatMap { Set($0.map(Index.stem)) }
        #expect(Set(stems).count == stems.count, "\(Dictionary(grouping: stems) { $0 }.filter { $0.value.count > 1 }.keys)")
    }

    @Test func everyVerbAsksForOneListOfOperations() {
        let words = Index.verbLists.flatMap(\.words)
        #expect(Set(words).count == words.count, "\(Dictionary(grouping: words) { $0 }.filter { $0.value.count > 1 }.keys)")
    }

    @Test func queryWordsKnowTheirNumberAndTheRecordTheyPointAt() {
        let flags = Index.Query("show deals of this org, not deal 12").groups.map { ($0.isPlural, $0.isAnchored) }
        // show, deals, org (after "this"), not; "deal 12" is the deals group again, now pointing at a record.
        #expect(flags.map(\.0) == [false, true, false, false])
        #expect(flags.map(\.1) == [false, true, true, false])
        // A participle of an operation word keeps only its own form; the bare verb brings its synonyms.
        #expect(Index.Query("which webhooks registered for deals").groups[1].forms.map(\.term) == ["register"])
        #expect(Index.Query("which webhooks are registered").groups.map(\.forms.first?.term) == ["webhook"])
        #expect(Index.Query("register a webhook").groups.first?.forms.first { $0.term == "add" }?.weight == Index.synonymWeight)
        // "who" matches no word but suggests users.
        #expect(Index.Query("who").groups.first?.related.map(\.term) == ["user"])
    }

    @Test(arguments: [
        ("Get details of a deal", "PIPEDRIVE_GET_DEAL", ["Deals", "read"], ["id"], ["deal"], "deal"),
        ("List deals associated with an organization", "PIPEDRIVE_LIST_ORGANIZATION_DEALS", ["Organizations", "read"], ["id", "limit"],
         ["organization"], nil),
        ("Get one deal field", "PIPEDRIVE_GET_DEAL_FIELD", ["DealFields", "read"], ["id"], ["field"], "field"),
        ("Get one mail thread", "PIPEDRIVE_GET_MAIL_THREAD", ["Mailbox", "read"], ["id"], ["mailbox", "thread"], "thread"),
        ("List followers of a deal", "PIPEDRIVE_LIST_DEAL_FOLLOWERS", ["Deals", "read"], ["id"], ["deal"], nil),
        ("Get all notes", "PIPEDRIVE_GET_ALL_NOTES", ["Notes", "read"], ["deal_id", "person_id", "org_id"], ["deal", "person", "org"], nil),
        ("Update a deal", "PIPEDRIVE_UPDATE_A_DEAL", ["Deals", "write"], ["id", "stage_id"], ["deal", "stag"], nil),
    ] as [(String, String, [String], [String], [String], String?)])
    func aToolsProfile(name: String, slug: String, tags: [String], parameters: [String], records: [String], readRecord: String?) {
        let profile = Index.ToolProfile(name: name, slug: slug, tags: tags, parameters: parameters)
        #expect(profile.identifiedRecords == records)
        #expect(profile.readRecord == readRecord)
    }

    @Test func relationWordsAreLeftOutOfTheNameAndTheNumberIsKept() {
        let profile = Index.ToolProfile(name: "List deals associated with an organization", slug: "PIPEDRIVE_LIST_ORGANIZATION_DEALS", tags: [], parameters: [])
        #expect(profile.nameWords == [.init(stem: "list", isPlural: false), .init(stem: "deal", isPlural: true), .init(stem: "organization", isPlural: false)])
    }

    @Test(arguments: [
        ([(1, true), (2, false)], [1: true, 2: false], 2),
        ([(1, true), (2, false)], [1: false, 2: false], 0),
        ([(1, false)], [1: true, 3: true], -1),
        ([(1, false)], [3: true, 4: true], 0),
    ] as [([(Int, Bool)], [Int: Bool], Int)])
    func numberAgreementCountsSameLessOther(name: [(Int, Bool)], query: [Int: Bool], agreement: Int) {
        #expect(Index.numberAgreement(name: name.map { ($0.0, $0.1) }) { query[$0] } == agreement)
    }

    @Test(arguments: [
        ("take product 5 off deal 30", "remove product 5 from deal 30"),
        ("please take me off the followers of deal 12", "please remove me from the followers of deal 12"),
        ("pull user 6 out of the manager role", "remove user 6 from the manager role"),
        ("hand org 4 over to maria", "reassign org 4 to maria"),
        ("can you pull up deal 88", "can you show deal 88"),
        ("deals we take off the board", "deals we take off the board"),
        ("take a look at deal 5", "take a look at deal 5"),
    ])
    func aSplitPhrasalVerbIsReadAsItsMeaning(text: String, read: String) {
        #expect(Index.readingPhrasalVerbs(Index.rawWords(in: text)).joined(separator: " ") == read)
    }

    @Test(arguments: [
        ("invite sam@company.com to our company", "invite  to our company"),
        ("notify https://hooks.example.com/pd when a deal is added", "notify url when a deal is added"),
        ("find deals for Acme", "find deals for Acme"),
    ])
    func addressesAreNotWhatARequestIsAbout(text: String, read: String) {
        #expect(Index.withoutAddresses(text) == read)
    }

    @Test(arguments: [
        ("add 'Referral' as an option to deal field 12", [Index.Operation.update]),
        ("remove the Legacy choice from product field 4", [.update]),
        ("make Jim the owner of lead 5", [.update]),
        ("what options does deal field 12 have", [.read]),
        ("add a deal field", [.create]),
    ] as [(String, [Index.Operation])])
    func addingOrRemovingAPartChangesTheRecord(text: String, operations: [Index.Operation]) {
        #expect(Index.Query(text).operations == operations)
    }

    @Test(arguments: [
        ("take the package off deal 19", ["deal"]),
        ("add a note to this contact", ["person"]),
        ("add product to the Umbrella deal at 49 each", ["deal"]),
        ("add a new item to the product catalog", []),
        ("remove a person from followers of a deal", []),
        ("remind me to call Bob", []),
        ("add a deal", []),
    ] as [(String, [String])])
    func aCreateOrDeleteHappensInTheRecordAfterFromOrTo(text: String, containers: [String]) {
        #expect(Index.Query(text).containers == containers)
    }

    @Test(arguments: [
        ("Maria Lopez's deals", Index.OwnerName(isPossessive: true, words: 2)),
        ("emails with Globex", Index.OwnerName(isPossessive: false, words: 1)),
        ("what opportunities is Maria Lopez involved in", Index.OwnerName(isPossessive: false, words: 2)),
        ("move the Wayne Enterprises deal into the Negotiation stage", nil),
        ("find a person named Oliver", nil),
        ("create a team called Inside Sales", nil),
        ("what changed in the CRM since yesterday", nil),
        ("list all deals", nil),
    ] as [(String, Index.OwnerName?)])
    func aNameTheIndexDoesNotKnowIsAnOwner(text: String, name: Index.OwnerName?) {
        let known: Set<String> = ["deal", "stag", "email"]
        #expect(Index.ownerName(in: text) { known.contains($0) } == name)
    }

    @Test(arguments: [
        (["deal", "12"], true), (["contact", "with", "id", "310"], true), (["deal", "number", "7"], true),
        (["deal", "with", "acme"], false), (["deal"], false),
    ] as [([String], Bool)])
    func aRecordIsNumberedByItsIdPerhapsThroughIdOrNumber(words: [String], numbered: Bool) {
        #expect(Index.isNumbered(words, after: 0) == numbered)
    }

    @Test func aRequestAboutANameSearches() {
        let terms = { (text: String) in Index.Query(text).groups.flatMap { $0.forms.map(\.term) } }
        #expect(terms("do we have anybody named Priya in our people").contains("search"))
        #expect(!terms("add an activity type named Site Visit").contains("search"))
        #expect(terms("which organization has the domain globex.com").contains("search"))
    }

    @Test func aDictatedRecordIsWritten() {
        #expect(Index.Query("note on deal 71: budget approved").operations == [.create])
        #expect(Index.Query("deals: which are open").operations == [.read])
    }

    @Test func currentBeforeAnotherNounIsTheRecords() {
        let terms = { (text: String) in Index.Query(text).groups.flatMap { $0.forms.map(\.term) } }
        #expect(!terms("what's the current value of deal 71").contains("current"))
        #expect(terms("current user").contains("current"))
        #expect(terms("who am I logged in as").contains("current"))
    }

    @Test func anInfinitiveAfterANounIsNotTheVerb() {
        #expect(Index.Query("deals expected to close next month").operations == [.read])
        #expect(Index.Query("I need to create an opportunity").operations == [.create])
        #expect(Index.Query("remind me to call Bob").operations == [.create])
    }

    @Test(arguments: [
        // The third matches nothing the first two don't; the fifth does and is close enough: it moves up.
        ([0b01, 0b01, 0b01, 0b01, 0b10], [9.0, 8.0, 7.0, 6.5, 6.0], [0, 1, 4, 2, 3]),
        // Too far below the third.
        ([0b01, 0b01, 0b01, 0b01, 0b10], [9.0, 8.0, 7.0, 6.5, 5.0], [0, 1, 2, 3, 4]),
        // The third already adds something.
        ([0b01, 0b01, 0b10, 0b01, 0b100], [9.0, 8.0, 7.0, 6.5, 6.0], [0, 1, 2, 3, 4]),
    ] as [([UInt64], [Double], [Int])])
    func theThirdPlaceMatchesWhatTheFirstTwoLeaveOut(covered: [UInt64], scores: [Double], order: [Int]) {
        let ranked = scores.enumerated().map { (position: $0.offset, score: $0.element) }
        #expect(Index.diversified(ranked) { covered[$0] }.map(\.position) == order)
    }
}
