import Foundation
import PostgresNIO
public import Storage

/// `MCPServerStore` over the `mcp_servers` table.
public struct PostgresMCPServerStore: MCPServerStore {
    let database: PostgresDatabase

    public func insert(_ record: MCPServerRecord) async throws(StorageError) {
        _ = try await database.count("store an MCP server", try MCPServerRow(record).insertQuery)
    }

    public func get(id: String) async throws(StorageError) -> MCPServerRecord? {
        try await records("read an MCP server", "\(unescaped: MCPServerRow.selectAll) WHERE id = \(id)").first
    }

    public func all() async throws(StorageError) -> [MCPServerRecord] {
        try await records("list MCP servers", "\(unescaped: MCPServerRow.selectAll) ORDER BY created_at DESC, id")
    }

    /// Reads the stored row and writes ``MCPServerRow/updated(with:now:)`` over it in one transaction.
    public func update(_ record: MCPServerRecord) async throws(StorageError) -> Bool {
        let now = Date().storedPrecision
        return try await database.replace("update an MCP server", key: record.id) { (stored: MCPServerRow) in
            try stored.updated(with: record, now: now)
        }
    }

    public func delete(id: String) async throws(StorageError) -> Bool {
        try await database.count("delete an MCP server", "DELETE FROM mcp_servers WHERE id = \(id) RETURNING 1") > 0
    }

    private func records(_ operation: String, _ query: PostgresQuery) async throws(StorageError) -> [MCPServerRecord] {
        try await database.rows(operation, query, as: MCPServerRow.self).map { row throws(StorageError) in try row.record() }
    }
}

extension MCPServerRow: PostgresStoredRow {
    init(_ row: PostgresRow) throws {
        let (id, name, toolkits, authConfigIDs, allowedTools, managedAuth, created, updated) = try row.decode(
            (String, String, String, String, String, Bool, Date, Date).self
        )
        self.init(
            id: id, name: name, toolkits: toolkits, authConfigIDs: authConfigIDs, allowedTools: allowedTools, managedAuth: managedAuth,
            createdAt: created, updatedAt: updated
        )
    }

    func bind(into bindings: inout PostgresBindings) {
        bindings.append(id)
        bindings.append(name)
        bindings.append(toolkits)
        bindings.append(authConfigIDs)
        bindings.append(allowedTools)
        bindings.append(managedAuth)
        bindings.append(createdAt.storedPrecision)
        bindings.append(updatedAt.storedPrecision)
    }
}
