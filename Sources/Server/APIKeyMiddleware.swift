import Foundation
public import Hummingbird
public import Storage
import ToolportJSON

/// Requires a valid `x-api-key` on every `/api/...` route; other paths (health, connect pages) and the
/// OAuth callback pass.
public struct APIKeyMiddleware: RouterMiddleware {
    public typealias Context = ToolportRequestContext

    let authenticator: APIKeyAuthenticator
    let publicPaths: Set<String>
    let publicPrefixes: [String]

    /// - Parameters:
    ///   - publicPaths: `/api/...` paths a browser reaches without a key (the OAuth callback).
    ///   - publicPrefixes: `/api/...` path prefixes whose routes check credentials of their own (Pipedrive's webhook
    ///     receiver checks each webhook's Basic credentials).
    public init(authenticator: APIKeyAuthenticator, publicPaths: Set<String> = [], publicPrefixes: [String] = []) {
        self.authenticator = authenticator
        self.publicPaths = publicPaths
        self.publicPrefixes = publicPrefixes
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix("/api/"), !publicPaths.contains(path), !publicPrefixes.contains(where: path.hasPrefix) else {
            return try await next(request, context)
        }
        guard let key = request.headers[.xAPIKey], !key.isEmpty else {
            throw APIError(.unauthorized, "Missing API key", suggestedFix: "Send your Toolport API key in the x-api-key header.")
        }
        var context = context
        context.caller = try await authenticator.caller(for: key)
        if !context.caller.isAdmin, AccessPolicy.isAdminOnly(path: request.uri.path) {
            throw APIError(
                .forbidden, "This API key is scoped: it may not manage auth configs, connected accounts, connect links, MCP servers or keys",
                suggestedFix: "Use an admin key for this route."
            )
        }
        return try await next(request, context)
    }
}

/// Decides whether an API key may call the API: the bootstrap key from the environment or a stored key.
public struct APIKeyAuthenticator: Sendable {
    private let bootstrapKeyHash: String?
    let store: any APIKeyStore

    /// - Parameters:
    ///   - bootstrapKey: `TOOLPORT_API_KEY`, if set; compared by hash, never stored.
    ///   - store: the keys created by `toolport keys create` or generated on first start.
    public init(bootstrapKey: String?, store: any APIKeyStore) {
        self.bootstrapKeyHash = bootstrapKey.flatMap { $0.isEmpty ? nil : APIKeySecret.hash($0) }
        self.store = store
    }

    /// Who `key` belongs to.
    /// - Throws: `APIError` 401 for an unknown, revoked or expired key; 503 when the database cannot say.
    func caller(for key: String) async throws(APIError) -> Caller {
        let hash = APIKeySecret.hash(key)
        if hash == bootstrapKeyHash { return .admin }
        let record: APIKeyRecord?
        do {
            record = try await store.activeKey(hash: hash)
        } catch {
            throw APIError(.serviceUnavailable, "The API key could not be checked: the database is unavailable; try again shortly.")
        }
        guard let record else {
            throw APIError(.unauthorized, "Invalid API key", suggestedFix: "Check the key, or create one with `toolport keys create`.")
        }
        if let expiresAt = record.expiresAt, expiresAt <= Date() {
            throw APIError(.unauthorized, "This API key expired at \(AccountsWire.timestamp(expiresAt).stringValue ?? "")", suggestedFix: "Ask an admin for a new key.")
        }
        return Caller(keyID: record.id, scope: record.scope)
    }
}
