/// Everything Toolport keeps, behind one engine: SQLite (`SQLiteStorage`) on one machine, PostgreSQL
/// (`PostgresStorage`) for several replicas sharing one database.
///
/// Both engines apply the same ``SchemaMigration``s and give the stores the same behaviour; the storage
/// test suite runs against each.
public protocol ToolportStorage: StorageHealth {
    associatedtype APIKeys: APIKeyStore
    associatedtype ExecutionLogs: ExecutionLogStore
    associatedtype AuthConfigs: AuthConfigStore
    associatedtype ConnectedAccounts: ConnectedAccountStore
    associatedtype OAuthStates: OAuthStateStore
    associatedtype ConnectLinks: ConnectLinkStore
    associatedtype Sessions: SessionStore
    associatedtype MCPServers: MCPServerStore
    associatedtype Triggers: TriggerStore

    /// The API keys that may call `/api/...`.
    var apiKeys: APIKeys { get }
    /// The record of every tool execution.
    var executionLogs: ExecutionLogs { get }
    /// Auth configs, their secret fields sealed with `box`.
    func authConfigs(_ box: SecretBox) -> AuthConfigs
    /// Connected accounts, their secrets sealed with `box`.
    func connectedAccounts(_ box: SecretBox) -> ConnectedAccounts
    /// Single-use OAuth states.
    var oauthStates: OAuthStates { get }
    /// Single-use connect links.
    var connectLinks: ConnectLinks { get }
    /// Tool router sessions and their configuration history.
    var sessions: Sessions { get }
    /// Configured MCP servers.
    var mcpServers: MCPServers { get }
    /// Triggers, the Pipedrive webhooks behind them, webhook subscriptions and the delivery outbox.
    var triggers: Triggers { get }

    /// Checks that `box` holds the key this database's secrets are sealed with. The first call seals a
    /// known text into the database; later calls, from any process, open it again.
    /// - Throws: `StorageError.wrongMasterKey` when another key sealed it.
    func verify(_ box: SecretBox) async throws(StorageError)
}

/// Whether the database answers: what a readiness probe asks.
public protocol StorageHealth: Sendable {
    /// Runs a trivial query, or answers at once from what the engine already knows when the database was
    /// unreachable at the latest attempt.
    /// - Throws: `StorageError` when the database cannot be reached in time.
    func ping() async throws(StorageError)
}
