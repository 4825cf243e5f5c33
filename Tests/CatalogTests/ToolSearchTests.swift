import Catalog
import Foundation
import Testing

/// `Catalog.search` ranks what an agent means first.
struct ToolSearchTests {
    func slugs(_ query: String, in catalog: Catalog = Fixtures.catalog) -> [String] {
        catalog.search(query).map { catalog.tools[$0].slug }
    }

    @Test(arguments: [
        ("create deal", "PIPEDRIVE_ADD_A_DEAL"),
        ("add a deal", "PIPEDRIVE_ADD_A_DEAL"),
        ("delete person", "PIPEDRIVE_DELETE_A_PERSON"),
        ("search organizations", "PIPEDRIVE_SEARCH_ORGANIZATIONS"),
        ("list all deals", "PIPEDRIVE_GET_ALL_DEALS"),
        ("update deal", "PIPEDRIVE_UPDATE_A_DEAL"),
        ("add note", "PIPEDRIVE_ADD_A_NOTE"),
        ("create lead", "PIPEDRIVE_ADD_LEAD"),
        ("current user", "PIPEDRIVE_GET_CURRENT_USER_DATA"),
        ("who am i", "PIPEDRIVE_GET_CURRENT_USER_DATA"),
    ])
    func ranksTheIntendedToolFirst(query: String, expected: String) {
        let ranked = slugs(query)
        #expect(ranked.first == expected, "\(query) → \(ranked.prefix(5))")
    }

    @Test(arguments: [
        ("remove contact", "PIPEDRIVE_DELETE_A_PERSON"),
        ("new company", "PIPEDRIVE_ADD_AN_ORGANIZATION"),
        ("find opportunities", "PIPEDRIVE_SEARCH_DEALS"),
        ("edit an org", "PIPEDRIVE_UPDATE_AN_ORGANIZATION"),
        ("erase a lead", "PIPEDRIVE_DELETE_LEAD"),
        ("insert a product", "PIPEDRIVE_ADD_PRODUCT"),
    ])
    func crmSynonymsReachTheCanonicalTool(query: String, expected: String) {
        let ranked = slugs(query)
        #expect(ranked.first == expected, "\(query) → \(ranked.prefix(5))")
    }

    @Test func exactWordsOutrankSynonyms() throws {
        let ranked = slugs("create")
        // "Create …" names match the word itself; the "Add …" names of the same shape match through the synonym.
        #expect(ranked.first == "PIPEDRIVE_CREATE_WEBHOOK", "\(ranked.prefix(5))")
        let create = try #require(ranked.firstIndex(of: "PIPEDRIVE_CREATE_ORGANIZATION_RELATIONSHIP"))
        let add = try #require(ranked.firstIndex(of: "PIPEDRIVE_ADD_AN_ORGANIZATION"))
        #expect(create < add)
        #expect(slugs("add").first?.hasPrefix("PIPEDRIVE_ADD_") == true)
    }

    @Test func pluralsAndVerbFormsMatchTheirStem() {
        // The same tools match; the number only reorders them (see `theNumberOfTheNounPicksOneOrMany`).
        #expect(Set(slugs("persons")) == Set(slugs("person")))
        #expect(Set(slugs("update deals")) == Set(slugs("update deal")))
        #expect(slugs("deleted activities").first == "PIPEDRIVE_DELETE_AN_ACTIVITY")
        #expect(slugs("updating a deal").prefix(3).contains("PIPEDRIVE_UPDATE_A_DEAL"))
        // -ment: "assign" finds the role assignments.
        #expect(slugs("assign a user to a role").prefix(3).contains("PIPEDRIVE_ADD_ROLE_ASSIGNMENT"))
    }

    @Test func theFirstVerbDecidesTheOperation() {
        // The description of "Delete a deal" says "Marks a deal as deleted"; marking is an update.
        #expect(slugs("mark deal as won").first == "PIPEDRIVE_UPDATE_A_DEAL")
        // A participle is not a command: this asks to see files, not to upload one.
        #expect(slugs("files uploaded to a contact").first == "PIPEDRIVE_LIST_PERSON_FILES")
        #expect(slugs("which webhooks are registered").first == "PIPEDRIVE_GET_ALL_WEBHOOKS")
        // Verbs beyond the four operations: "cancel" cancels where it can and deletes elsewhere.
        #expect(slugs("stop the monthly subscription").first == "PIPEDRIVE_CANCEL_RECURRING_SUBSCRIPTION")
        #expect(slugs("book a meeting with Jane next Tuesday").first == "PIPEDRIVE_ADD_AN_ACTIVITY")
    }

    @Test func theNumberOfTheNounPicksOneOrMany() {
        #expect(slugs("show deals").first == "PIPEDRIVE_GET_ALL_DEALS")
        #expect(slugs("get a product field").first == "PIPEDRIVE_GET_PRODUCT_FIELD")
        #expect(slugs("product custom fields").first == "PIPEDRIVE_GET_ALL_PRODUCT_FIELDS")
        // "deal" is a modifier in "Delete multiple deal fields in bulk"; "deals" is what the request deletes.
        #expect(slugs("bulk delete deals").first == "PIPEDRIVE_DELETE_DEALS_BULK")
    }

    @Test func aRecordNamedByIdOrThisIsReadWhole() {
        #expect(slugs("which stage is deal 5 in").first == "PIPEDRIVE_GET_DEAL")
        #expect(slugs("who owns this org").first == "PIPEDRIVE_GET_DETAILS_OF_AN_ORGANIZATION")
        #expect(slugs("who is following deal 7").first == "PIPEDRIVE_LIST_DEAL_FOLLOWERS")
    }

    @Test func matchesParameterNamesAndIgnoresNonsense() {
        #expect(slugs("pinned_to_deal_flag").contains("PIPEDRIVE_GET_ALL_NOTES"))
        #expect(Fixtures.catalog.search("zzqx").isEmpty)
        #expect(Fixtures.catalog.search("  ").isEmpty)
        #expect(Fixtures.catalog.search("").isEmpty)
        #expect(Fixtures.catalog.search("the of a, 42?").isEmpty)
    }

    @Test func resultsAreDistinctPositionsInTools() {
        for query in ["deal", "create a new deal for Acme", "list all contacts", "PIPEDRIVE_GET_ALL_DEALS"] {
            let positions = Fixtures.catalog.search(query)
            #expect(!positions.isEmpty, "\(query)")
            #expect(Set(positions).count == positions.count, "\(query)")
            #expect(positions.allSatisfy(Fixtures.catalog.tools.indices.contains), "\(query)")
        }
        #expect(slugs("PIPEDRIVE_GET_ALL_DEALS").first == "PIPEDRIVE_GET_ALL_DEALS")
    }

    /// Two tools alike but for the slug: the deprecated one, whose shorter slug would otherwise win, ranks second.
    @Test func deprecatedToolsAreDemotedButStillFound() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "toolport-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: Fixtures.schemas.appending(path: "toolkit.json"), to: directory.appending(path: "toolkit.json"))
        let original = try Data(contentsOf: Fixtures.schemas.appending(path: "PIPEDRIVE_ADD_A_DEAL.json"))
        for (slug, deprecated) in [("PIPEDRIVE_ADD_A_DEAL", true), ("PIPEDRIVE_ADD_A_DEAL_COPY", false)] {
            var json = try #require(try JSONSerialization.jsonObject(with: original) as? [String: Any])
            json["slug"] = slug
            json["aliases"] = [String]()
            json["is_deprecated"] = deprecated
            try JSONSerialization.data(withJSONObject: json).write(to: directory.appending(path: "\(slug).json"))
        }
        let catalog = try Catalog.load(from: directory)
        #expect(slugs("add a deal", in: catalog) == ["PIPEDRIVE_ADD_A_DEAL_COPY", "PIPEDRIVE_ADD_A_DEAL"])
    }
}
