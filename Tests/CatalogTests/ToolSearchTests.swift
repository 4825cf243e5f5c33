import Catalog
import Testing

/// `Catalog.search` ranks what an agent means first.
struct ToolSearchTests {
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
    ])
    func ranksTheIntendedToolFirst(query: String, expected: String) {
        let ranked = Fixtures.catalog.search(query).map { Fixtures.catalog.tools[$0].slug }
        #expect(ranked.first == expected, "\(query) → \(ranked.prefix(5))")
    }

    @Test func matchesParameterNamesAndIgnoresNonsense() {
        let ranked = Fixtures.catalog.search("pinned_to_deal_flag").map { Fixtures.catalog.tools[$0].slug }
        #expect(ranked.contains("PIPEDRIVE_GET_ALL_NOTES"))
        #expect(Fixtures.catalog.search("zzqx").isEmpty)
        #expect(Fixtures.catalog.search("  ").isEmpty)
    }
}
