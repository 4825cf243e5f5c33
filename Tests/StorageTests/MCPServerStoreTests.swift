import Foundation
import Storage
import Testing

/// MCP server configs keep their lists, list newest first, update all but their creation date, and delete; the same
/// behaviour on every engine.
struct MCPServerStoreTests {
    typealias Support = StorageTestSupport

    static func server(id: String, created: Int = 0) -> MCPServerRecord {
        MCPServerRecord(
            id: id, name: "Sales tools", toolkits: ["pipedrive"], authConfigIDs: ["ac_1", "ac_2"],
            allowedTools: ["PIPEDRIVE_ADD_A_DEAL", "PIPEDRIVE_GET_DEAL"], managedAuth: true,
            createdAt: Support.date(created), updatedAt: Support.date(created)
        )
    }

    @Test func storesAConfigAndReadsItBack() async throws {
        try await Support.forEachStorage { database in
            let store = database.mcpServers
            let record = Self.server(id: "mcp_one")
            try await store.insert(record)
            #expect(try await store.get(id: "mcp_one") == record)
            #expect(try await store.get(id: "mcp_missing") == nil)
            var empty = Self.server(id: "mcp_empty")
            empty.authConfigIDs = []
            empty.allowedTools = []
            empty.managedAuth = false
            try await store.insert(empty)
            #expect(try await store.get(id: "mcp_empty") == empty)
            let duplicate = await #expect(throws: StorageError.self) { try await store.insert(record) }
            #expect(duplicate?.kind == .queryFailed)
        }
    }

    @Test func listsNewestFirstThenByID() async throws {
        try await Support.forEachStorage { database in
            let store = database.mcpServers
            try await store.insert(Self.server(id: "mcp_b", created: 1))
            try await store.insert(Self.server(id: "mcp_c", created: 2))
            try await store.insert(Self.server(id: "mcp_a", created: 2))
            #expect(try await store.all().map(\.id) == ["mcp_a", "mcp_c", "mcp_b"])
        }
    }

    @Test func updateReplacesTheConfigButItsCreationDate() async throws {
        try await Support.forEachStorage { database in
            let store = database.mcpServers
            let original = Self.server(id: "mcp_one")
            try await store.insert(original)
            var changed = original
            changed.name = "Renamed"
            changed.toolkits = ["pipedrive", "gmail"]
            changed.authConfigIDs = []
            changed.allowedTools = ["PIPEDRIVE_GET_DEAL"]
            changed.managedAuth = false
            changed.createdAt = Support.date(999)
            #expect(try await store.update(changed))

            let stored = try #require(try await store.get(id: "mcp_one"))
            #expect(stored.name == "Renamed")
            #expect(stored.toolkits == ["pipedrive", "gmail"])
            #expect(stored.authConfigIDs == [])
            #expect(stored.allowedTools == ["PIPEDRIVE_GET_DEAL"])
            #expect(stored.managedAuth == false)
            #expect(stored.createdAt == original.createdAt)
            #expect(stored.updatedAt > original.updatedAt)

            changed.id = "mcp_missing"
            #expect(try await store.update(changed) == false)
        }
    }

    @Test func deleteRemovesTheConfigOnce() async throws {
        try await Support.forEachStorage { database in
            let store = database.mcpServers
            try await store.insert(Self.server(id: "mcp_one"))
            try await store.insert(Self.server(id: "mcp_two"))
            #expect(try await store.delete(id: "mcp_one"))
            #expect(try await store.delete(id: "mcp_one") == false)
            #expect(try await store.get(id: "mcp_one") == nil)
            #expect(try await store.all().map(\.id) == ["mcp_two"])
        }
    }

    @Test func aListThatIsNotJSONIsReportedNotGuessed() async throws {
        try await Support.forEachStorage { database, execute in
            try await database.mcpServers.insert(Self.server(id: "mcp_one"))
            try await execute("UPDATE mcp_servers SET toolkits = 'pipedrive' WHERE id = 'mcp_one'")
            let error = await #expect(throws: StorageError.self) { try await database.mcpServers.get(id: "mcp_one") }
            #expect(error?.kind == .queryFailed)
        }
    }
}
