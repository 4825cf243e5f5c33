import Foundation
import Storage
import Testing

@testable import Server

/// How a create or update body becomes a stored MCP server config, and how `GET /mcp/servers` filters, orders and
/// pages: pure decisions, one row per case.
struct MCPServerDraftTests {
    static let catalog = TestServer.catalog.catalog
    static let blank = MCPServerRecord(id: "mcp_1", name: "", toolkits: [], createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
    static let stored = MCPServerRecord(
        id: "mcp_1", name: "Stored", toolkits: ["pipedrive"], authConfigIDs: ["ac_1"], allowedTools: ["PIPEDRIVE_GET_DEAL"], managedAuth: true,
        createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0)
    )
    static let configs = ["ac_1": "pipedrive", "ac_2": "PIPEDRIVE", "ac_other": "gmail"]

    /// The stored record, or the error message.
    enum Outcome: Equatable, Sendable {
        case record(MCPServerRecord)
        case refused(String)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var draft: MCPServerDraft
        var base: MCPServerRecord
        var expected: Outcome
        var testDescription: String { name }
    }

    static func with(_ record: MCPServerRecord, _ change: (inout MCPServerRecord) -> Void) -> MCPServerRecord {
        var copy = record
        change(&copy)
        return copy
    }

    static let rows: [Row] = [
        Row(name: "a create with a name and a toolkit", draft: MCPServerDraft(name: " Sales ", toolkits: ["Pipedrive"]), base: blank,
            expected: .record(with(blank) { $0.name = "Sales"; $0.toolkits = ["pipedrive"] })),
        Row(name: "toolkits from the auth configs when none are named", draft: MCPServerDraft(name: "x", authConfigIDs: ["ac_1", "ac_2", "ac_1"]),
            base: blank, expected: .record(with(blank) { $0.name = "x"; $0.toolkits = ["pipedrive"]; $0.authConfigIDs = ["ac_1", "ac_2"] })),
        Row(name: "tool slugs as the catalog spells them, once each", draft: MCPServerDraft(name: "x", toolkits: ["pipedrive"],
            allowedTools: ["pipedrive_get_deal", "PIPEDRIVE_GET_DEAL", "PIPEDRIVE_ADD_A_DEAL"]), base: blank,
            expected: .record(with(blank) { $0.name = "x"; $0.toolkits = ["pipedrive"]; $0.allowedTools = ["PIPEDRIVE_GET_DEAL", "PIPEDRIVE_ADD_A_DEAL"] })),
        Row(name: "an update keeps what it does not name", draft: MCPServerDraft(managedAuth: false), base: stored,
            expected: .record(with(stored) { $0.managedAuth = false })),
        Row(name: "an update that names no auth config does not check the stored ones", draft: MCPServerDraft(name: "Renamed"),
            base: with(stored) { $0.authConfigIDs = ["ac_deleted"] },
            expected: .record(with(stored) { $0.authConfigIDs = ["ac_deleted"]; $0.name = "Renamed" })),
        Row(name: "an update may empty the tool list (every tool)", draft: MCPServerDraft(allowedTools: []), base: stored,
            expected: .record(with(stored) { $0.allowedTools = [] })),
        Row(name: "no name", draft: MCPServerDraft(toolkits: ["pipedrive"]), base: blank, expected: .refused("name must be 1 to 100 characters")),
        Row(name: "a long name", draft: MCPServerDraft(name: String(repeating: "n", count: 101), toolkits: ["pipedrive"]), base: blank,
            expected: .refused("name must be 1 to 100 characters")),
        Row(name: "no toolkit", draft: MCPServerDraft(name: "x"), base: blank, expected: .refused("toolkits must name at least one toolkit (pipedrive)")),
        Row(name: "a toolkit this server does not serve", draft: MCPServerDraft(name: "x", toolkits: ["pipedrive", "gmail"]), base: blank,
            expected: .refused("This server serves only the pipedrive toolkit; unknown: gmail")),
        Row(name: "an auth config that does not exist", draft: MCPServerDraft(name: "x", toolkits: ["pipedrive"], authConfigIDs: ["ac_9"]), base: blank,
            expected: .refused("Auth config ac_9 does not exist")),
        Row(name: "an auth config of another toolkit", draft: MCPServerDraft(authConfigIDs: ["ac_other"]), base: stored,
            expected: .refused("Auth config ac_other is for gmail, not one of the server's toolkits")),
        Row(name: "an unknown tool", draft: MCPServerDraft(allowedTools: ["PIPEDRIVE_GET_DEAL", "PIPEDRIVE_NOPE"]), base: stored,
            expected: .refused("Unknown tools for this server's toolkits: PIPEDRIVE_NOPE")),
    ]

    @Test(arguments: rows)
    func appliesTheDraft(_ row: Row) {
        let outcome: Outcome
        do {
            outcome = .record(try row.draft.applied(to: row.base, catalog: Self.catalog, authConfigToolkits: Self.configs))
        } catch {
            outcome = .refused(error.message)
        }
        #expect(outcome == row.expected)
    }

    static func server(_ id: String, name: String = "s", toolkits: [String] = ["pipedrive"], configs: [String] = [], created: Int, updated: Int) -> MCPServerRecord {
        MCPServerRecord(
            id: id, name: name, toolkits: toolkits, authConfigIDs: configs, createdAt: Date(timeIntervalSince1970: TimeInterval(created)),
            updatedAt: Date(timeIntervalSince1970: TimeInterval(updated))
        )
    }

    static let servers = [
        server("mcp_a", name: "Sales", configs: ["ac_1"], created: 1, updated: 5),
        server("mcp_b", name: "Support", toolkits: ["other"], created: 2, updated: 4),
        server("mcp_c", name: "sales reads", configs: ["ac_2"], created: 3, updated: 3),
        server("mcp_d", name: "Ops", created: 3, updated: 6),
    ]

    @Test(arguments: [
        (MCPServerListQuery(), ["mcp_c", "mcp_d", "mcp_b", "mcp_a"], 4, 1),
        (MCPServerListQuery(ascending: true), ["mcp_a", "mcp_b", "mcp_c", "mcp_d"], 4, 1),
        (MCPServerListQuery(order: .updatedAt), ["mcp_d", "mcp_a", "mcp_b", "mcp_c"], 4, 1),
        (MCPServerListQuery(name: "SALES"), ["mcp_c", "mcp_a"], 2, 1),
        (MCPServerListQuery(toolkits: ["PIPEDRIVE"]), ["mcp_c", "mcp_d", "mcp_a"], 3, 1),
        (MCPServerListQuery(authConfigIDs: ["ac_2", "ac_1"]), ["mcp_c", "mcp_a"], 2, 1),
        (MCPServerListQuery(page: 2, limit: 3), ["mcp_a"], 4, 2),
        (MCPServerListQuery(page: 9, limit: 3), [], 4, 2),
        (MCPServerListQuery(name: "nothing"), [], 0, 1),
    ])
    func listsFilteredOrderedAndPaged(query: MCPServerListQuery, ids: [String], total: Int, pages: Int) {
        let result = query.apply(to: Self.servers)
        #expect(result.items.map(\.id) == ids)
        #expect(result.totalItems == total)
        #expect(result.totalPages == pages)
    }
}

/// `GET /mcp/servers?name=…` as the SDK's HTTP client writes it: `+` for a space, percent-encoding for the rest.
struct MCPServerNameFilterTests {
    @Test(arguments: [
        ("name=deals+only&limit=5", "deals only"),
        ("limit=5&name=a%2Bb%20c", "a+b c"),
        ("name=caf%C3%A9", "café"),
        ("name=", nil),
        ("names=x&limit=5", nil),
        ("", nil),
    ] as [(String, String?)])
    func readsTheNameAsAFormValue(query: String, name: String?) {
        #expect(MCPServerRoutes.formValue("name", in: query) == name)
    }
}
