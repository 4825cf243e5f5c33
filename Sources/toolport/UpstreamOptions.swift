import ArgumentParser
import CurlHTTP
import Execution

/// Where Toolport's requests may go besides Pipedrive's own hosts, and whether new token connections
/// are checked with Pipedrive first; shared by `serve` and `mcp-stdio`.
struct UpstreamOptions: ParsableArguments {
    @Option(
        name: .customLong("allow-upstream"),
        help: "An origin requests may also go to, e.g. http://127.0.0.1:8001 for a sandbox (repeatable; --pipedrive-api-base and --pipedrive-oauth-base are allowed already)."
    )
    var allowUpstream: [String] = []
    @Option(
        name: .customLong("verify-connections"),
        help: "Check API-token and bearer connections with Pipedrive (GET /v1/users/me) before they become ACTIVE: true or false."
    )
    var verifyConnections = true

    /// The allow-list for `execution`'s bases plus `--allow-upstream` (and `more`, such as `mcp-stdio --url`).
    func allowList(for execution: ExecutionConfiguration, adding more: [String] = []) throws -> UpstreamAllowList {
        let origins = try (allowUpstream + more).map { text in
            do {
                return try Origin(parsing: text)
            } catch {
                throw ValidationError("\(text) is not an http(s) origin such as http://127.0.0.1:8001")
            }
        }
        return execution.upstreamAllowList(adding: origins)
    }
}
