import ArgumentParser
import Catalog
import Foundation
import Hummingbird
import Logging
import NIOCore
import Sandbox
import UnixSignals

/// `toolport sandbox`: an in-memory emulator of Pipedrive's v1 API and OAuth server, for tests and demos.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a Pipedrive v1 API and OAuth emulator with in-memory state.",
        discussion: """
            Serves the API under /api/v1/... and /v1/... (auth: x-api-token, Authorization: Bearer, or ?api_token=), \
            OAuth at /oauth/authorize and /oauth/token, and unauthenticated control endpoints: GET and DELETE \
            /_sandbox/requests, PUT /_sandbox/faults (a JSON array of rules), POST /_sandbox/oauth/revoke, GET /_sandbox/stats.

            Fault specs (--fault, repeatable): \(FaultRule.specHelp)
            """
    )

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0 picks a free port, printed at start).") var port = 8001
    @Option(name: .customLong("api-token"), help: "The personal API token the sandbox accepts.") var apiToken = "sandbox-api-token"
    @Option(name: .customLong("oauth-client-id"), help: "The OAuth client id.") var oauthClientID = "sandbox-client-id"
    @Option(name: .customLong("oauth-client-secret"), help: "The OAuth client secret.") var oauthClientSecret = "sandbox-client-secret"
    @Option(name: .customLong("token-lifetime"), help: ArgumentHelp("Seconds an issued access token lives.", valueName: "SECONDS"))
    var tokenLifetime = 3600
    @Option(name: .customLong("api-domain"), help: "The api_domain returned with tokens (default: http:// and the token request's Host).")
    var apiDomain: String?
    @Option(name: .customLong("latency-ms"), help: ArgumentHelp("Milliseconds added to every request.", valueName: "N")) var latencyMS = 0
    @Option(
        name: .customLong("fault"),
        parsing: .singleValue,
        help: ArgumentHelp("A fault rule, e.g. rate-limit:path=/deals,every=3,retry-after=1 (repeatable; see above).", valueName: "SPEC"),
        transform: { spec in
            do {
                return try FaultRule(spec: spec)
            } catch {
                throw ValidationError("\(error)")
            }
        }
    )
    var faults: [FaultRule] = []
    @Flag(
        name: .customLong("rate-limit"),
        help: "Refuse requests over the burst limit or the daily token budget with 429 (the headers are always sent)."
    )
    var rateLimit = false
    @Option(name: .customLong("burst-limit"), help: ArgumentHelp("Requests per 2-second window (search: 10).", valueName: "N"))
    var burstLimit = 40
    @Option(name: .customLong("daily-tokens"), help: ArgumentHelp("The daily token budget (UTC day).", valueName: "N"))
    var dailyTokens = 30_000
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @OptionGroup var schemas: SchemaOptions

    func validate() throws {
        guard tokenLifetime > 0 else { throw ValidationError("--token-lifetime must be at least 1 second") }
        guard latencyMS >= 0 else { throw ValidationError("--latency-ms cannot be negative") }
        guard burstLimit > 0, dailyTokens > 0 else { throw ValidationError("--burst-limit and --daily-tokens must be at least 1") }
    }

    func run() async throws {
        var logger = Logger(label: "toolport.sandbox")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let configuration = SandboxConfiguration(
            apiToken: apiToken,
            oauthClientID: oauthClientID,
            oauthClientSecret: oauthClientSecret,
            accessTokenLifetime: tokenLifetime,
            apiDomain: apiDomain,
            latency: .milliseconds(latencyMS),
            faults: faults,
            rateLimit: RateLimitPolicy(burstLimit: burstLimit, dailyTokens: dailyTokens, enforced: rateLimit)
        )
        let sandbox = Sandbox(configuration: configuration, catalog: try schemas.loadCatalog())
        let app = Application(
            router: sandbox.router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "toolport-sandbox"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port.map(String.init) ?? "?"
                FileHandle.standardOutput.write(Data("Pipedrive sandbox listening on http://\(host):\(port)\n".utf8))
            },
            logger: logger
        )
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
