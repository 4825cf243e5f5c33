public import Accounts
public import Execution
public import Files
public import Storage
public import Telemetry
public import Triggers

/// Where and how the HTTP server listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// How long a connection may go without delivering a complete request head (or, between requests,
    /// any request): slow or stalled clients are closed after it, so they cannot hold connections open.
    /// A request being answered is never cut off.
    public var idleTimeout: Duration

    public init(host: String = "127.0.0.1", port: Int = 8000, idleTimeout: Duration = .seconds(15)) {
        self.host = host
        self.port = port
        self.idleTimeout = idleTimeout
    }
}

/// What the server needs from the rest of Toolport, built once by the CLI or a test.
public struct ServerDependencies: Sendable {
    public var catalog: EncodedCatalog
    public var authenticator: APIKeyAuthenticator
    public var executor: ToolExecutor
    public var executionLogs: any ExecutionLogStore
    public var accounts: AccountServices
    /// What `GET /readyz` asks whether the database answers.
    public var health: any StorageHealth
    /// Tool router sessions.
    public var sessions: any SessionStore
    /// Configured MCP servers (`/api/v3.1/mcp/…`, `/mcp/{id}`).
    public var mcpServers: any MCPServerStore
    /// Uploads and downloads at signed URLs (`/files/…`); nil: the server keeps no files.
    public var files: FileExchange?
    /// Triggers, webhook subscriptions and the receiver of Pipedrive's webhooks.
    public var triggers: TriggerService
    /// The admin console at `/admin`; nil: not served.
    public var adminConsole: AdminConsoleSettings?
    /// Metrics behind `GET /metrics` and the tracer, shared with the executor.
    public var telemetry: Telemetry
    /// With a token, `GET /metrics` answers only `Authorization: Bearer <token>` (`--metrics-token`).
    public var metricsToken: String?

    public init(
        catalog: EncodedCatalog, authenticator: APIKeyAuthenticator, executor: ToolExecutor, executionLogs: any ExecutionLogStore,
        accounts: AccountServices, health: any StorageHealth, sessions: any SessionStore, mcpServers: any MCPServerStore, files: FileExchange?,
        triggers: TriggerService,
        adminConsole: AdminConsoleSettings? = nil,
        telemetry: Telemetry = Telemetry(), metricsToken: String? = nil
    ) {
        self.catalog = catalog
        self.authenticator = authenticator
        self.executor = executor
        self.executionLogs = executionLogs
        self.accounts = accounts
        self.health = health
        self.sessions = sessions
        self.mcpServers = mcpServers
        self.files = files
        self.triggers = triggers
        self.adminConsole = adminConsole
        self.telemetry = telemetry
        self.metricsToken = metricsToken
    }
}
