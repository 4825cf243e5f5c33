import Accounts
import ArgumentParser
import Catalog
import CurlHTTP
import Execution
import Foundation
import Logging
import MCPBridge
import Server
import SQLiteStorage
import Storage

/// `toolport mcp-stdio`: the MCP tools over stdin/stdout, for desktop clients (Claude Desktop, Cursor).
struct MCPStdioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp-stdio",
        abstract: "Serve the tools over MCP on stdin/stdout.",
        discussion: """
            Either forwards calls to a Toolport server (--url and --api-key, or env TOOLPORT_API_KEY), or runs them \
            in this process: with one Pipedrive API token (--pipedrive-api-token or env PIPEDRIVE_API_TOKEN; no \
            database needed), or on a local database's connected accounts (--db, the server's database file and key).
            """
    )

    @Option(help: "A Toolport server to forward calls to, e.g. http://127.0.0.1:8000.") var url: String?
    @Option(name: .customLong("api-key"), help: "The server's API key (default: env TOOLPORT_API_KEY).") var apiKey: String?
    @Option(help: "Run calls locally on this database instead of a server: a SQLite file or a postgres:// URL (default: ./toolport.sqlite; with --pipedrive-api-token, only its execution logs, none when omitted).")
    var db: String?
    @Option(name: .customLong("user-id"), help: "The end user calls run for (default: env TOOLPORT_USER_ID).") var userID: String?
    @Option(name: .customLong("connected-account-id"), help: "The connected account to use.") var connectedAccountID: String?
    @Option(help: "tools: every tool; search: three meta-tools that reach them all.") var mode = "tools"
    @Option(help: "Only these tools (comma-separated slugs).") var tools: String?
    @Option(help: "Only tools with one of these tags (comma-separated).") var tags: String?
    @Option(help: "Only tools matching this search.") var search: String?
    @Option(name: .customLong("pipedrive-api-base"), help: "Local mode: send Pipedrive API calls here instead.") var pipedriveAPIBase: String?
    @Option(name: .customLong("pipedrive-oauth-base"), help: "Local mode: send Pipedrive OAuth calls here instead.") var pipedriveOAuthBase: String?
    @Option(name: .customLong("pipedrive-api"), help: "Local mode: current (v2 where v1 is out of support) or v1-2024.")
    var pipedriveAPI: PipedriveAPI = .current
    @Option(name: .customLong("pipedrive-api-token"), help: "Local single-account mode: every call uses this Pipedrive API token (or env PIPEDRIVE_API_TOKEN).")
    var pipedriveAPIToken: String?
    @Option(help: "The company subdomain for --pipedrive-api-token (acme for acme.pipedrive.com).") var pipedriveSubdomain: String?
    @OptionGroup var upstreams: UpstreamOptions
    @OptionGroup var schemas: SchemaOptions

    func validate() throws {
        try SingleAccount.validate(subdomain: pipedriveSubdomain)
    }

    func run() async throws {
        // stdout carries the protocol: every log line goes to stderr.
        let logger = Logger(label: "toolport.mcp", factory: { label in StreamLogHandler.standardError(label: label) })
        let environment = ProcessInfo.processInfo.environment
        let catalog = try schemas.loadCatalog()
        let configuration = ExecutionConfiguration(apiBaseOverride: pipedriveAPIBase, oauthBaseOverride: pipedriveOAuthBase, api: pipedriveAPI)
        let client = CurlHTTPClient(allowing: try upstreams.allowList(for: configuration, adding: url.map { [$0] } ?? []), logger: logger)
        defer { client.shutdown() }

        if let url {
            guard pipedriveAPIToken == nil else {
                throw ValidationError("--pipedrive-api-token runs calls in this process; it cannot be combined with --url")
            }
            guard let key = apiKey ?? environment["TOOLPORT_API_KEY"], !key.isEmpty else {
                throw ValidationError("--url needs --api-key or env TOOLPORT_API_KEY")
            }
            let runner = RemoteToolRunner(client: client, baseURL: url, apiKey: key)
            // A scoped key lists only its tools: ask the server which ones, so the list matches what calls may do.
            let permitted = try await runner.permittedSlugs()
            return try await serve(runner, catalog: catalog, singleAccount: false, permission: ToolPermission(patterns: permitted), logger: logger)
        }
        let accounts = AccountsConfiguration(
            oauthBase: pipedriveOAuthBase ?? catalog.toolkit.oauthBaseURL, apiBaseOverride: pipedriveAPIBase,
            verifyConnections: upstreams.verifyConnections, upstreams: client.allowList
        )
        let singleAccount = try await SingleAccount.credentials(
            token: pipedriveAPIToken, subdomain: pipedriveSubdomain, environment: environment,
            verifier: upstreams.verifyConnections ? ConnectionVerifier(client: client, configuration: accounts) : nil, logger: logger
        )
        // One token for every call needs no database: an in-memory one holds nothing and the logs are dropped.
        if singleAccount != nil, db == nil {
            let graph = ServiceGraph(
                storage: try SQLiteStorage.inMemory(), box: SecretBox.ephemeral(), toolkit: catalog.toolkit, client: client,
                execution: configuration, accounts: accounts, credentials: singleAccount, executionLogs: DiscardedExecutionLogs(), logger: logger
            )
            return try await serve(graph.executor, catalog: catalog, singleAccount: true, logger: logger)
        }
        let db = db ?? "./toolport.sqlite"
        // With one token, a database only keeps the execution logs: its key is needed only for connected accounts.
        let box = try singleAccount == nil ? DatabaseOptions.masterKey(for: db, environment: environment) : SecretBox.ephemeral()
        try await DatabaseOptions.withStorage(db, poolSize: 2, timeout: 5, logger: logger) { storage in
            if singleAccount == nil { try await storage.verify(box) }
            let graph = ServiceGraph(
                storage: storage, box: box, toolkit: catalog.toolkit, client: client, execution: configuration, accounts: accounts,
                credentials: singleAccount, logger: logger
            )
            try await serve(graph.executor, catalog: catalog, singleAccount: singleAccount != nil, logger: logger)
        }
    }

    /// Answers MCP on stdin/stdout with `runner` until stdin closes.
    private func serve(
        _ runner: any ToolRunner, catalog: Catalog, singleAccount: Bool, permission: ToolPermission = .everything, logger: Logger
    ) async throws {
        let environment = ProcessInfo.processInfo.environment
        func list(_ text: String?) -> [String] { text?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? [] }
        let session = MCPSession(
            mode: mode == "search" ? .search : .tools,
            // The single account serves every user: one is named so that calls need no --user-id.
            userID: userID ?? environment["TOOLPORT_USER_ID"] ?? (singleAccount ? "default" : nil), connectedAccountID: connectedAccountID,
            tools: list(tools), tags: list(tags), search: search, permission: permission
        )
        try await MCPToolServer(catalog: catalog, executor: runner, logger: logger)
            .runStdio(session: session, transport: LineStdioTransport(logger: logger))
    }
}
