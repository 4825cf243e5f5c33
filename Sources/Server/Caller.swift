public import Catalog
public import Storage

/// Who is calling the API: the key's id and what its scope lets it do. Set by `APIKeyMiddleware`.
public struct Caller: Sendable, Equatable {
    /// The stored key's id; nil for the bootstrap key (`TOOLPORT_API_KEY`).
    public var keyID: String?
    public var scope: APIKeyScope

    public init(keyID: String?, scope: APIKeyScope) {
        self.keyID = keyID
        self.scope = scope
    }

    /// The bootstrap key, and every key created without restrictions.
    public static let admin = Caller(keyID: nil, scope: .admin)

    public var isAdmin: Bool { scope.isAdmin }

    /// The tools this caller may list and run.
    public var permission: ToolPermission { ToolPermission(patterns: scope.tools, readOnly: scope.readOnly) }

    /// Why this caller may not act as `userID`, or nil when it may. A scoped key must name one of its users.
    public func refusal(actingAs userID: String?) -> String? {
        guard let allowed = scope.userIDs else { return nil }
        guard let userID else { return "this API key acts only for \(allowed.joined(separator: ", ")): pass user_id" }
        return allowed.contains(userID) ? nil : "this API key may not act as user \(userID)"
    }
}

/// Which route families only admin keys may use.
enum AccessPolicy {
    /// Whether `path` manages auth configs, connected accounts, connect links, MCP servers, triggers, webhook
    /// subscriptions, deliveries or keys.
    static func isAdminOnly(path: String) -> Bool {
        let segments = path.split(separator: "/")
        guard segments.first == "api" else { return false }
        return segments.contains("auth_configs") || segments.contains("connected_accounts") || segments.contains("mcp")
            || segments.contains("trigger_instances") || segments.contains("webhook_subscriptions")
            || path.hasPrefix("/api/toolport/keys") || path.hasPrefix("/api/toolport/trigger_deliveries")
    }
}
