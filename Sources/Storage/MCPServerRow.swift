package import Foundation

/// An MCP server config as the `mcp_servers` table holds it: its lists as JSON arrays of strings.
package struct MCPServerRow: StoredRow {
    package static let table = "mcp_servers"

    package enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, toolkits
        case authConfigIDs = "auth_config_ids"
        case allowedTools = "allowed_tools"
        case managedAuth = "managed_auth"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    package var id: String
    package var name: String
    package var toolkits: String
    package var authConfigIDs: String
    package var allowedTools: String
    package var managedAuth: Bool
    package var createdAt: Date
    package var updatedAt: Date

    /// A row of these column values.
    package init(
        id: String, name: String, toolkits: String, authConfigIDs: String, allowedTools: String, managedAuth: Bool, createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.name = name
        self.toolkits = toolkits
        self.authConfigIDs = authConfigIDs
        self.allowedTools = allowedTools
        self.managedAuth = managedAuth
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// `record` as stored.
    package init(_ record: MCPServerRecord) throws(StorageError) {
        self.init(
            id: record.id, name: record.name, toolkits: try Self.text(record.toolkits), authConfigIDs: try Self.text(record.authConfigIDs),
            allowedTools: try Self.text(record.allowedTools), managedAuth: record.managedAuth, createdAt: record.createdAt,
            updatedAt: record.updatedAt
        )
    }

    /// The config.
    /// - Throws: `StorageError.queryFailed` when a stored list is not a JSON array of strings (only a manual edit
    ///   of the database can cause that).
    package func record() throws(StorageError) -> MCPServerRecord {
        MCPServerRecord(
            id: id, name: name, toolkits: try Self.list(toolkits), authConfigIDs: try Self.list(authConfigIDs),
            allowedTools: try Self.list(allowedTools), managedAuth: managedAuth, createdAt: createdAt, updatedAt: updatedAt
        )
    }

    /// What ``MCPServerStore/update(_:)`` writes over this stored row for `record` at `now`: every field of
    /// `record` but `createdAt`.
    package func updated(with record: MCPServerRecord, now: Date) throws(StorageError) -> MCPServerRow {
        var row = try MCPServerRow(record)
        row.createdAt = createdAt
        row.updatedAt = now
        return row
    }

    private static func text(_ list: [String]) throws(StorageError) -> String {
        do {
            return String(decoding: try JSONEncoder().encode(list), as: UTF8.self)
        } catch {
            throw .queryFailed(operation: "encode an MCP server's lists", reason: "a list cannot be written as JSON")
        }
    }

    private static func list(_ text: String) throws(StorageError) -> [String] {
        do {
            return try JSONDecoder().decode([String].self, from: Data(text.utf8))
        } catch {
            throw .queryFailed(operation: "read an MCP server", reason: "a stored list is not a JSON array of strings")
        }
    }
}
