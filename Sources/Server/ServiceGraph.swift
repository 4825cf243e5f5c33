public import Accounts
import Foundation
public import Catalog
public import CurlHTTP
public import Execution
public import Files
public import Logging
public import Storage
public import Telemetry
public import Triggers

/// The services of one Toolport process, wired in one place for every command and test: the account
/// services over a database, and the executor that runs calls with their credentials.
///
/// ```swift
/// let graph = ServiceGraph(storage: database, box: box, toolkit: catalog.toolkit, client: curl)
/// let dependencies = graph.serverDependencies(catalog: EncodedCatalog(catalog: catalog), bootstrapKey: nil)
/// ```
public struct ServiceGraph: Sendable {
    public let accounts: AccountServices
    public let executor: ToolExecutor
    /// Where the executor writes its logs and the log routes read them.
    public let executionLogs: any ExecutionLogStore
    /// The stored API keys.
    public let apiKeys: any APIKeyStore
    /// What `GET /readyz` asks.
    public let health: any StorageHealth
    /// Tool router sessions.
    public let sessions: any SessionStore
    /// Configured MCP servers.
    public let mcpServers: any MCPServerStore
    /// Uploads the executor reads and downloads it publishes; nil: none kept.
    public let files: FileExchange?
    /// Trigger instances, webhook subscriptions and the receiving of Pipedrive's webhooks.
    public let triggers: TriggerService
    /// Wakes the delivery worker when the receiver queues deliveries.
    public let deliveryWake: DeliveryWake
    /// The admin console's session signing key, derived from the master key.
    let adminSessionKey: Data
    /// What the executor, the account services and the server count and trace with.
    public let telemetry: Telemetry

    /// - Parameters:
    ///   - box: the key account secrets are sealed with (checked with `storage.verify(_:)` beforehand).
    ///   - client: every request to Pipedrive, tool calls and token endpoints alike.
    ///   - credentials: the executor's accounts when not the connected accounts (single-account mode, tests).
    ///   - executionLogs: where logs go when not straight into `storage` (a batching buffer, a discarding store).
    ///   - files: where uploads are kept and downloads published (`--files-dir`); nil: file arguments must carry
    ///     their bytes.
    ///   - triggerTypes: the trigger types (`schemas/pipedrive/triggers`); none by default.
    ///   - triggerConfiguration: delivery targets and retries; by default `--public-url` with https targets only.
    ///   - telemetry: metrics and tracer; every request to Pipedrive (tool calls and token endpoints) is measured
    ///     through it, and carries `traceparent` when tracing is on.
    ///   - sleep: how the executor waits between attempts.
    public init(
        storage: some ToolportStorage, box: SecretBox, toolkit: Toolkit, client: any UpstreamClient,
        execution: ExecutionConfiguration = ExecutionConfiguration(), accounts configuration: AccountsConfiguration = AccountsConfiguration(),
        credentials: (any CredentialProvider)? = nil, executionLogs: (any ExecutionLogStore)? = nil, files: FileExchange? = nil,
        triggerTypes: TriggerCatalog = TriggerCatalog(types: []), triggerConfiguration: TriggerConfiguration? = nil,
        logger: Logger = Logger(label: "toolport"), telemetry: Telemetry = Telemetry(),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        let client = InstrumentedUpstreamClient(base: client, telemetry: telemetry)
        let accounts = AccountServices(
            database: storage, box: box, toolkit: toolkit, client: client, configuration: configuration, metrics: telemetry.metrics
        )
        let logs = executionLogs ?? storage.executionLogs
        self.accounts = accounts
        self.executionLogs = logs
        self.apiKeys = storage.apiKeys
        self.health = storage
        self.sessions = storage.sessions
        self.mcpServers = storage.mcpServers
        self.files = files
        self.adminSessionKey = box.derivedKey(purpose: AdminConsoleSettings.keyPurpose)
        self.telemetry = telemetry
        let executor = ToolExecutor(
            client: client, credentials: credentials ?? accounts.credentials, logs: logs, configuration: execution, files: files, logger: logger,
            telemetry: telemetry, sleep: sleep
        )
        self.executor = executor
        let wake = DeliveryWake()
        self.deliveryWake = wake
        self.triggers = TriggerService(
            catalog: triggerTypes, store: storage.triggers, box: box, connections: accounts.connections, executor: executor,
            configuration: triggerConfiguration ?? TriggerConfiguration(publicURL: configuration.publicURL), wake: wake,
            metrics: telemetry.metrics
        )
    }

    /// The worker that sends queued trigger deliveries with `client` (made with the configuration's
    /// `targets.addressRule`): a service to run beside the server.
    public func deliveryWorker(client: any UpstreamClient, pollInterval: Duration = .milliseconds(500)) -> DeliveryWorker {
        DeliveryWorker(triggers: triggers, client: client, wake: deliveryWake, pollInterval: pollInterval)
    }

    /// What `buildApplication` and `buildRouter` need, with `bootstrapKey` (if any) accepted beside the stored keys.
    /// - Parameters:
    ///   - adminConsole: whether `/admin` is served; its cookie is `Secure` when the public URL is https.
    ///   - metricsToken: when given, `GET /metrics` answers only `Authorization: Bearer <token>`.
    public func serverDependencies(catalog: EncodedCatalog, bootstrapKey: String?, adminConsole: Bool = true, metricsToken: String? = nil) -> ServerDependencies {
        ServerDependencies(
            catalog: catalog, authenticator: APIKeyAuthenticator(bootstrapKey: bootstrapKey, store: apiKeys), executor: executor,
            executionLogs: executionLogs, accounts: accounts, health: health, sessions: sessions, mcpServers: mcpServers, files: files,
            triggers: triggers,
            adminConsole: adminConsole
                ? AdminConsoleSettings(sessionKey: adminSessionKey, secureCookie: accounts.configuration.publicURL.lowercased().hasPrefix("https://")) : nil,
            telemetry: telemetry, metricsToken: metricsToken
        )
    }
}
