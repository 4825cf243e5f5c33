import Foundation
import GRDB
public import Storage

/// `MCPServerStore` over the `mcp_servers` table.
public struct SQLiteMCPServerStore: MCPServerStore {
    let writer: any DatabaseWriter

    private typealias Columns = MCPServerRow.CodingKeys

    public func insert(_ record: MCPServerRecord) async throws(StorageError) {
        let row = try MCPServerRow(record)
        try await writer.write(for: "store an MCP server") { db in try row.insert(db) }
    }

    public func get(id: String) async throws(StorageError) -> MCPServerRecord? {
        try await writer.read(for: "read an MCP server") { db in try MCPServerRow.fetchOne(db, key: id) }?.record()
    }

    public func all() async throws(StorageError) -> [MCPServerRecord] {
        let rows = try await writer.read(for: "list MCP servers") { db in
            try MCPServerRow.order(Column(Columns.createdAt).desc, Column(Columns.id)).fetchAll(db)
        }
        return try rows.map { row throws(StorageError) in try row.record() }
    }

    public func update(_ record: MCPServerRecord) async throws(StorageError) -> Bool {
        try await writer.write(for: "update an MCP server") { db in
            try MCPServerRow.replace(key: record.id, in: db) { stored in try stored.updated(with: record, now: Date()) }
        }
    }

    public func delete(id: String) async throws(StorageError) -> Bool {
        try await writer.write(for: "delete an MCP server") { db in try MCPServerRow.deleteOne(db, key: id) }
    }
}
