public import Accounts
public import Execution
public import Storage

/// Where and how the HTTP server listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8000) {
        self.host = host
        self.port = port
    }
}

/// What the server needs from the rest of Toolport, built once by the CLI or a test.
public struct ServerDependencies: Sendable {
    public var catalog: EncodedCatalog
    public var authenticator: APIKeyAuthenticator
    public var executor: ToolExecutor
    public var executionLogs: any ExecutionLogStore
    public var accounts: AccountServices

    public init(
        catalog: EncodedCatalog, authenticator: APIKeyAuthenticator, executor: ToolExecutor, executionLogs: any ExecutionLogStore,
        accounts: AccountServices
    ) {
        self.catalog = catalog
        self.authenticator = authenticator
        self.executor = executor
        self.executionLogs = executionLogs
        self.accounts = accounts
    }
}
