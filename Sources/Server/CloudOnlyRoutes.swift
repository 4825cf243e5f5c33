public import Hummingbird

/// Composio routes for features of Composio's cloud that a self-hosted Pipedrive executor has no
/// counterpart for. Each answers 501 with Composio's error envelope naming why (and `x-should-retry:
/// false`, so the SDK does not retry), never a bare 404.
public struct CloudOnlyRoutes: Sendable {
    public init() {}

    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        func refuse(_ feature: Feature) -> @Sendable (Request, ToolportRequestContext) async throws -> Response {
            { _, _ in throw APIError(.notImplemented, "Not available in Toolport: " + feature.reason) }
        }
        routes.get("keyring/transfer_keys", use: refuse(.keyring))
        routes.post("project/usage/summary", use: refuse(.usage))
        routes.post("project/usage/{entity_type}", use: refuse(.usage))
        routes.post("org/usage/summary", use: refuse(.usage))
        routes.post("org/usage/{entity_type}", use: refuse(.usage))
        routes.post("custom/toolkits/upsert", use: refuse(.customToolkits))
        routes.post("custom/toolkits/sync", use: refuse(.customToolkits))
        routes.delete("custom/toolkits/{slug}", use: refuse(.customToolkits))
        routes.post("connected_accounts/complete_auth", use: refuse(.deferredOAuth))
        routes.post("tools/execute/{slug}/input", use: refuse(.argumentsFromText))
        routes.get("org/list", use: refuse(.organizations))
        routes.get("org/project/list", use: refuse(.organizations))
        routes.get("org/owner/project/list", use: refuse(.organizations))
        routes.post("org/owner/project/new", use: refuse(.organizations))
        routes.get("org/owner/project/{nano_id}", use: refuse(.organizations))
        routes.delete("org/owner/project/{nano_id}", use: refuse(.organizations))
        routes.post("org/owner/project/{nano_id}/regenerate_api_key", use: refuse(.organizations))
        routes.get("org/consumer/connected_toolkits", use: refuse(.organizations))
        routes.post("org/consumer/project/resolve", use: refuse(.organizations))
        routes.post("org/clanker/create_claim", use: refuse(.organizations))
        routes.get("auth/session/info", use: refuse(.organizations))
        routes.post("cli/create-session", use: refuse(.cliSessions))
        routes.get("cli/get-session", use: refuse(.cliSessions))
        routes.post("cli/codact_failures", use: refuse(.cliSessions))
        routes.get("cli/realtime/credentials", use: refuse(.cliSessions))
        routes.post("cli/realtime/auth", use: refuse(.cliSessions))
        routes.post("api_key_revocation", use: refuse(.keyRevocationReports))
        routes.get("internal/sdk/realtime/credentials", use: refuse(.realtime))
        routes.post("internal/sdk/realtime/auth", use: refuse(.realtime))
        return routes
    }
}

extension CloudOnlyRoutes {
    /// A cloud feature, and why Toolport does not serve it.
    enum Feature: Sendable {
        case keyring
        case usage
        case customToolkits
        case deferredOAuth
        case argumentsFromText
        case organizations
        case cliSessions
        case keyRevocationReports
        case realtime

        var reason: String {
            switch self {
            case .keyring:
                "Composio's customer-managed keyring seals secrets for Composio's cloud; Toolport seals them itself with TOOLPORT_MASTER_KEY (docs/accounts.md)."
            case .usage:
                "Usage metering and Instant charges are Composio billing; Toolport bills nothing. Count calls with logs.search (POST /api/v3.1/logs/tool_execution)."
            case .customToolkits:
                "Custom toolkits are registered in Composio's cloud from your own app or MCP server; Toolport serves the pipedrive toolkit only."
            case .deferredOAuth:
                "Deferred OAuth completion belongs to Composio's callback verifier; Toolport completes OAuth on its own callback (docs/accounts.md)."
            case .argumentsFromText:
                "Composio writes tool arguments from text with a language model; Toolport runs no model: pass arguments."
            case .organizations:
                "Organizations, projects and their API keys are Composio cloud accounts; Toolport's keys are managed with toolport keys or /api/toolport/keys."
            case .cliSessions:
                "Composio CLI sessions log in to Composio's cloud; use a Toolport API key instead."
            case .keyRevocationReports:
                "Leaked Composio keys are reported to Composio; revoke a Toolport key with toolport keys revoke or DELETE /api/toolport/keys/{id}."
            case .realtime:
                "triggers.subscribe() listens on Pusher's cloud: the SDK's Pusher client connects to wss://ws-{cluster}.pusher.com only, "
                    + "which a self-hosted server cannot stand in for. Receive trigger events by webhook instead: "
                    + "composio.triggers.set_webhook_subscription(url), then composio.triggers.verify_webhook(...) in your handler (docs/triggers.md)."
            }
        }
    }
}
