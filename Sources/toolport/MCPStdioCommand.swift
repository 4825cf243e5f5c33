import Accounts
import ArgumentParser
import Catalog
import CurlHTTP
import Execution
import Foundation
import Logging
import MCPBridge
import Storage

/// `toolport mcp-stdio`: the MCP tools over stdin/stdout, for desktop clients (Claude Desktop, Cursor).
struct MCPStdioCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp-stdio",
        abstract: "Serve the tools over MCP on stdin/stdout.",
        discussion: """
            Either forwards calls to a Toolport server (--url and --api-key, or env TOOLPORT_API_KEY), or runs them \
            in this process on a local database (--db, the server's database file and key).
            """
    )

    @Option(help: "A Toolport server to forward calls to, e.g. http://127.0.0.1:8000.") var url: String?
    @Option(name: .customLong("api-key"), help: "The server's API key (default: env TOOLPORT_API_KEY).") var apiKey: String?
    @Option(help: "Run calls locally on this database instead of a server.") var db = "./toolport.sqlite"
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
    @OptionGroup var schemas: SchemaOptions

    func run() async throws {
        // stdout carries the protocol: every log line goes to stderr.
        let logger = Logger(label: "toolport.mcp", factory: { label in StreamLogHandler.standardError(label: label) })
        let environment = ProcessInfo.processInfo.environment
        let catalog = try schemas.loadCatalog()
        let client = CurlHTTPClient(logger: logger)
        defer { client.shutdown() }

        let runner: any ToolRunner
        if let url {
            guard let key = apiKey ?? environment["TOOLPORT_API_KEY"], !key.isEmpty else {
                throw ValidationError("--url needs --api-key or env TOOLPORT_API_KEY")
            }
            runner = RemoteToolRunner(client: client, baseURL: url, apiKey: key)
        } else {
            let database = try ToolportDatabase.open(path: db)
            let box = try SecretBox.load(environment: environment, databasePath: db)
            try await database.verify(box)
            let accounts = AccountServices(
                database: database, box: box, toolkit: catalog.toolkit, client: client,
                configuration: AccountsConfiguration(oauthBase: pipedriveOAuthBase ?? catalog.toolkit.oauthBaseURL)
            )
            runner = ToolExecutor(
                client: client, credentials: accounts.credentials, logs: database.executionLogs,
                configuration: ExecutionConfiguration(apiBaseOverride: pipedriveAPIBase, oauthBaseOverride: pipedriveOAuthBase, api: pipedriveAPI),
                logger: logger
            )
        }
        func list(_ text: String?) -> [String] { text?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? [] }
        let session = MCPSession(
            mode: mode == "search" ? .search : .tools, userID: userID ?? environment["TOOLPORT_USER_ID"], connectedAccountID: connectedAccountID,
            tools: list(tools), tags: list(tags), search: search
        )
        try await MCPToolServer(catalog: catalog, executor: runner, logger: logger).runStdio(session: session)
    }
}
