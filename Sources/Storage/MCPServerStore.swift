public import Foundation

/// A configured MCP server (`mcp_…`, Composio's `composio.mcp.create`): a name, the toolkits and auth configs its
/// calls use, and the tools it offers. Each user reaches it at a URL of its own (`/mcp/{id}?user_id=…`).
public struct MCPServerRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Toolkit slugs, lowercase.
    public var toolkits: [String]
    /// The auth configs whose connected accounts its calls may use; empty: any of the user's accounts.
    public var authConfigIDs: [String]
    /// The tool slugs it lists and runs; empty: every tool of its toolkits.
    public var allowedTools: [String]
    /// Composio's `managed_auth_via_composio`, kept as the caller set it.
    public var managedAuth: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, name: String, toolkits: [String], authConfigIDs: [String] = [], allowedTools: [String] = [], managedAuth: Bool = false,
        createdAt: Date, updatedAt: Date
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
}

/// Where MCP server configs live. Stored dates keep millisecond precision.
public protocol MCPServerStore: Sendable {
    /// Stores a new config.
    /// - Throws: `StorageError.queryFailed` when `record.id` is taken.
    func insert(_ record: MCPServerRecord) async throws(StorageError)
    /// The config `id`, if any.
    func get(id: String) async throws(StorageError) -> MCPServerRecord?
    /// Every config, newest first (then by id).
    func all() async throws(StorageError) -> [MCPServerRecord]
    /// Replaces the stored config `record.id` with `record` (all but `createdAt`) and sets `updatedAt` to now;
    /// returns false when there is no such config.
    func update(_ record: MCPServerRecord) async throws(StorageError) -> Bool
    /// Deletes the config; returns false when there is no such config.
    func delete(id: String) async throws(StorageError) -> Bool
}
