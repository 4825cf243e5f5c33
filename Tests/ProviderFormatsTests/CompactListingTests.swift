import Catalog
import ProviderFormats
import Testing

/// `ProviderSchemas.compact`: one short line per tool for a prompt.
struct CompactListingTests {
    /// The size the listing of all 269 tools stays under (docs/providers.md reports the exact size).
    static let sizeLimit = 34_000

    @Test func listsEveryToolOnOneLineInOrder() {
        let lines = ProviderSchemas.compact(Fixtures.catalog.tools).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 270)
        #expect(lines.last == "")
        #expect(lines.dropLast().map { String($0.prefix { $0 != ":" }) } == Fixtures.slugs)
        #expect(lines.dropLast().allSatisfy { $0.contains(" | params: ") })
    }

    @Test func marksRequiredParametersAndToolsWithoutAny() {
        #expect(ProviderSchemas.compact([Fixtures.tool("PIPEDRIVE_ADD_GOAL")])
            == "PIPEDRIVE_ADD_GOAL: Adds a new goal. | params: assignee*, duration*, expected_outcome*, interval*, title, type*\n")
        #expect(ProviderSchemas.compact([Fixtures.tool("PIPEDRIVE_GET_ALL_USERS")])
            == "PIPEDRIVE_GET_ALL_USERS: Returns data about all users within the company. | params: (none)\n")
    }

    @Test func summariesAreTheFirstSentenceWithoutHTMLAndAtMost120Characters() {
        for tool in Fixtures.catalog.tools {
            let line = ProviderSchemas.compact([tool])
            let summary = line.dropFirst(tool.slug.count + 2).prefix { $0 != "|" }.dropLast()
            #expect(summary.count <= 120, "\(tool.slug): \(summary)")
            #expect(!summary.contains("<") && !summary.contains(">"), "\(tool.slug)")
        }
        #expect(ProviderSchemas.compact([Fixtures.tool("PIPEDRIVE_GET_ALL_TASKS")]).hasPrefix("PIPEDRIVE_GET_ALL_TASKS: Returns all tasks. |"))
        let person = ProviderSchemas.compact([Fixtures.tool("PIPEDRIVE_ADD_A_PERSON")])
        #expect(person.hasPrefix("PIPEDRIVE_ADD_A_PERSON: Add a new contact in Pipedrive with optional custom fields unique to each account found using the `personFields`… |"))
    }

    @Test func listingOfAllToolsStaysUnderItsSizeLimit() {
        #expect(ProviderSchemas.compact(Fixtures.catalog.tools).utf8.count < Self.sizeLimit)
    }
}
