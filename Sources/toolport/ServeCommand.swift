import Accounts
import ArgumentParser
import Catalog
import CurlHTTP
import Execution
import Files
import Foundation
import Hummingbird
import Logging
import Server
import ServiceLifecycle
import Storage
import Telemetry
import Triggers
import UnixSignals

/// `toolport serve`: the Composio-compatible HTTP API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the Toolport server.")

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8000
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @Option(name: .customLong("pipedrive-api-base"), help: "Send every Pipedrive API call to this base URL instead (e.g. a sandbox).") var pipedriveAPIBase: String?
    @Option(name: .customLong("pipedrive-oauth-base"), help: "Send every Pipedrive OAuth call to this base URL instead.") var pipedriveOAuthBase: String?
    @Option(name: .customLong("pipedrive-api-token"), help: "Single-account mode: every user's calls use this Pipedrive API token (or env PIPEDRIVE_API_TOKEN).")
    var pipedriveAPIToken: String?
    @Option(help: "The company subdomain for --pipedrive-api-token (acme for acme.pipedrive.com).") var pipedriveSubdomain: String?
    @Option(help: "Seconds to wait for a connection to Pipedrive.") var connectTimeout = 10
    @Option(help: "Seconds to wait for a whole Pipedrive call.") var requestTimeout = 60
    @Option(name: .customLong("max-response-mb"), help: "Largest Pipedrive response accepted, in megabytes.") var maxResponseMB = 20
    @Option(help: "Days to keep execution logs and finished trigger deliveries.") var logRetentionDays = 30
    @Option(help: "Seconds a client connection may take to send a request head, or sit idle between requests, before it is closed.")
    var idleTimeout = 15
    @Option(name: .customLong("pipedrive-api"), help: "Which Pipedrive API tools call: current (v2 where v1 is out of support) or v1-2024.")
    var pipedriveAPI: PipedriveAPI = .current
    @Option(name: .customLong("public-url"), help: "The externally visible base URL, for OAuth redirects, connect links, file URLs and MCP server URLs (default: http://HOST:PORT).")
    var publicURL: String?
    @Flag(
        name: .customLong("admin-console"), inversion: .prefixedNo,
        help: "Serve the admin console at /admin (sign in with an admin API key); --no-admin-console turns it off."
    )
    var adminConsole = true
    @OptionGroup var upstreams: UpstreamOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var files: FileOptions
    @OptionGroup var schemas: SchemaOptions
    @OptionGroup var triggers: TriggerOptions
    @OptionGroup var observability: ObservabilityOptions

    func validate() throws {
        try SingleAccount.validate(subdomain: pipedriveSubdomain)
    }

    func run() async throws {
        observability.bootstrapLogging()
        var logger = Logger(label: "toolport")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let environment = ProcessInfo.processInfo.environment

        let catalog = try schemas.loadCatalog()
        let triggerTypes = try TriggerOptions.loadTypes(schemas: schemas.directory())
        let box = try database.masterKey(environment: environment)
        try await database.withStorage(logger: logger) { storage in
            try await serve(storage: storage, box: box, catalog: catalog, triggerTypes: triggerTypes, environment: environment, logger: logger)
        }
    }

    /// Runs the server on `storage` until SIGTERM or SIGINT; the storage closes after it.
    private func serve(
        storage: some ToolportStorage, box: SecretBox, catalog: Catalog, triggerTypes: TriggerCatalog, environment: [String: String], logger: Logger
    ) async throws {
        try await storage.verify(box)
        let bootstrapKey = environment["TOOLPORT_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        if bootstrapKey == nil, try await !storage.apiKeys.hasActiveKeys() {
            let key = APIKeySecret.generate()
            _ = try await storage.apiKeys.insert(name: "admin (generated on first start)", plaintext: key)
            // Written once, to the terminal only: the database keeps just its hash.
            FileHandle.standardOutput.write(Data("Generated an admin API key. It is shown only now; store it safely:\n\n    \(key)\n\n".utf8))
        }
        logger.info("catalog loaded", metadata: ["tools": "\(catalog.tools.count)", "database": "\(database.location)", "pipedrive_api": "\(pipedriveAPI.rawValue)"])
        if publicURL == nil, host == "0.0.0.0" || host == "::" {
            logger.warning("no --public-url: OAuth redirects, connect links and file URLs will name http://\(host):\(port), which browsers and SDKs cannot reach")
        }

        let execution = ExecutionConfiguration(apiBaseOverride: pipedriveAPIBase, oauthBaseOverride: pipedriveOAuthBase, api: pipedriveAPI)
        let client = CurlHTTPClient(allowing: try upstreams.allowList(for: execution), configuration: .init(
            connectTimeout: .seconds(connectTimeout),
            totalTimeout: .seconds(requestTimeout),
            maxResponseSize: maxResponseMB * 1024 * 1024
        ))
        let exchange = try files.exchange(db: database.db, box: box, publicURL: publicURL ?? "http://\(host):\(port)")
        logger.info("files kept in \(exchange.store.directory.path)")
        let accounts = AccountsConfiguration(
            publicURL: publicURL ?? "http://\(host):\(port)",
            oauthBase: pipedriveOAuthBase ?? catalog.toolkit.oauthBaseURL,
            apiBaseOverride: pipedriveAPIBase,
            verifyConnections: upstreams.verifyConnections,
            upstreams: client.allowList
        )
        let singleAccount = try await SingleAccount.credentials(
            token: pipedriveAPIToken, subdomain: pipedriveSubdomain, environment: environment,
            verifier: upstreams.verifyConnections ? ConnectionVerifier(client: client, configuration: accounts) : nil, logger: logger
        )
        // Logs are queued and written in batches by `ExecutionLogFlusher`, off the request path.
        let executionLogs = BufferedExecutionLogStore(base: storage.executionLogs)
        let (telemetry, spanExporter) = try observability.telemetry(logger: logger)
        let graph = ServiceGraph(
            storage: storage, box: box, toolkit: catalog.toolkit, client: client, execution: execution, accounts: accounts,
            credentials: singleAccount, executionLogs: executionLogs, files: exchange, triggerTypes: triggerTypes,
            triggerConfiguration: try triggers.configuration(publicURL: accounts.publicURL), logger: logger, telemetry: telemetry
        )
        // Deliveries go to URLs API-key holders choose: any origin, but only public addresses unless the operator
        // allows the origin (checked on the address connected to).
        let deliveryClient = CurlHTTPClient(
            allowing: .anyOrigin,
            configuration: .init(connectTimeout: .seconds(10), totalTimeout: .seconds(15), maxResponseSize: 1 << 20, userAgent: "toolport-webhooks/1.0",
                addresses: graph.triggers.configuration.targets.addressRule)
        )
        let dependencies = graph.serverDependencies(
            catalog: EncodedCatalog(catalog: catalog, api: pipedriveAPI), bootstrapKey: bootstrapKey, adminConsole: adminConsole,
            metricsToken: observability.token(environment: environment)
        )
        // Stopped in reverse order, after the HTTP server: the flusher writes the last logs before the client goes,
        // and the span exporter sends the last spans after both.
        let services: [any Service] = [spanExporter].compactMap { $0 } + [
            client,
            ExecutionLogFlusher(logs: executionLogs, logger: logger, metrics: telemetry.metrics),
            RetentionSweep.executionLogs(executionLogs, retention: .seconds(logRetentionDays * 86_400), logger: logger),
            RetentionSweep.files(exchange.store, retention: files.retention, logger: logger),
            RetentionSweep.triggers(storage.triggers, deliveryRetention: .seconds(logRetentionDays * 86_400), logger: logger),
            deliveryClient,
            graph.deliveryWorker(client: deliveryClient),
        ]
        let app = buildApplication(
            configuration: .init(host: host, port: port, idleTimeout: .seconds(idleTimeout)),
            dependencies: dependencies, services: services, logger: logger
        )
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
