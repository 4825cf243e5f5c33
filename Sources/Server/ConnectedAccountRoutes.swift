public import Accounts
import Foundation
public import Hummingbird
import NIOCore
import Storage
import ToolportJSON

/// `/connected_accounts` (Composio contract §4).
public struct ConnectedAccountRoutes: Sendable {
    let connections: ConnectedAccountService
    let links: ConnectLinkService
    let authConfigs: AuthConfigService

    public init(connections: ConnectedAccountService, links: ConnectLinkService, authConfigs: AuthConfigService) {
        self.connections = connections
        self.links = links
        self.authConfigs = authConfigs
    }

    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.post("connected_accounts") { request, context in try await self.create(request, context: context) }
        routes.post("connected_accounts/link") { request, context in try await self.link(request, context: context) }
        routes.get("connected_accounts") { request, _ in try await self.list(request) }
        routes.get("connected_accounts/{id}") { _, context in try await self.show(id: context.pathParameter("id")) }
        routes.delete("connected_accounts/{id}") { _, context in try await self.delete(id: context.pathParameter("id")) }
        routes.patch("connected_accounts/{id}") { request, context in
            try await self.update(request, context: context, id: context.pathParameter("id"))
        }
        routes.patch("connected_accounts/{id}/status") { request, context in
            try await self.setStatus(request, context: context, id: context.pathParameter("id"))
        }
        routes.post("connected_accounts/{id}/refresh") { _, context in try await self.refresh(id: context.pathParameter("id")) }
        routes.post("connected_accounts/{id}/revoke") { _, context in try await self.revoke(id: context.pathParameter("id")) }
        return routes
    }

    func create(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let body = try await request.jsonObject(context: context)
        guard let configID = body["auth_config"]?["id"]?.stringValue else {
            throw APIError(.badRequest, "auth_config.id is required", errors: ["auth_config.id"])
        }
        let connection = body["connection"]?.objectValue ?? [:]
        let userID = try connection.optionalString("user_id", in: "connection.") ?? body.optionalString("user_id") ?? ""
        try Self.checkTokenLifetime(in: connection["state"], field: "connection.state")
        let initiation = try await accountsCall { () throws(AccountsError) in
            try await links.initiate(
                authConfigID: configID, userID: userID, state: connection["state"],
                callbackURL: try? connection.optionalString("callback_url"), alias: try? connection.optionalString("alias")
            )
        }
        var value: [String: JSONValue] = ["status": AccountsWire.status(initiation.account.status)]
        if let url = initiation.redirectURL {
            // The SDK reads `redirect_url` through the OAuth model's alias `redirectUrl`; the token schemes' models
            // have no alias, so they need the name itself.
            value["redirectUrl"] = .string(url)
            value["redirect_url"] = .string(url)
        }
        if let callback = initiation.account.callbackURL { value["callback_url"] = .string(callback) }
        let answer: JSONValue = [
            "id": .string(initiation.account.id),
            "status": AccountsWire.status(initiation.account.status),
            "connectionData": ["authScheme": .string(initiation.authScheme), "val": .object(value)],
            "redirect_url": initiation.redirectURL.map(JSONValue.string) ?? .null,
        ]
        return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: answer.encoded())))
    }

    func link(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let body = try await request.jsonObject(context: context)
        guard let configID = try body.optionalString("auth_config_id") else { throw APIError(.badRequest, "auth_config_id is required", errors: ["auth_config_id"]) }
        guard let userID = try body.optionalString("user_id") else { throw APIError(.badRequest, "user_id is required", errors: ["user_id"]) }
        let created = try await accountsCall { () throws(AccountsError) in
            try await links.create(authConfigID: configID, userID: userID, callbackURL: try? body.optionalString("callback_url"), alias: try? body.optionalString("alias"))
        }
        let answer: JSONValue = [
            "connected_account_id": .string(created.account.id), "redirect_url": .string(created.url),
            "link_token": .string(created.token), "expires_at": AccountsWire.timestamp(created.expiresAt),
        ]
        return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: answer.encoded())))
    }

    func list(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let page = try PageRequest(query: query)
        let statuses = try query.list("statuses").map { name in
            guard let status = AccountsWire.status(named: name) else {
                throw APIError(.badRequest, "Unknown status \(name); use \(ConnectionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return status
        }
        let orderBy = query.nonEmpty("order_by") ?? "created_at"
        guard orderBy == "created_at" || orderBy == "updated_at" else { throw APIError(.badRequest, "order_by must be created_at or updated_at") }
        let direction = query.nonEmpty("order_direction")?.lowercased() ?? "desc"
        guard direction == "asc" || direction == "desc" else { throw APIError(.badRequest, "order_direction must be asc or desc") }
        let filter = ConnectedAccountFilter(
            userIDs: query.list("user_ids"), authConfigIDs: query.list("auth_config_ids"),
            statuses: statuses, accountIDs: query.list("connected_account_ids"),
            toolkits: query.list("toolkit_slugs"), orderBy: orderBy == "updated_at" ? .updatedAt : .createdAt, ascending: direction == "asc"
        )
        let accounts = try await accountsCall { () throws(AccountsError) in try await connections.list(filter) }
        let slice = page.page(total: accounts.count)
        var items: [ByteBuffer] = []
        var configs: [String: AuthConfigRecord] = [:]
        for account in accounts[slice.range] {
            if configs[account.authConfigID] == nil {
                configs[account.authConfigID] = try? await authConfigs.get(id: account.authConfigID)
            }
            items.append(ByteBuffer(bytes: AccountsWire.account(account, config: configs[account.authConfigID], includeParams: false).encoded()))
        }
        return Response.json(ListResponseWriter.write(items: items, page: slice))
    }

    func show(id: String) async throws -> Response {
        let account = try await accountsCall { () throws(AccountsError) in try await connections.get(id: id) }
        let config = try? await authConfigs.get(id: account.authConfigID)
        return Response.json(ByteBuffer(bytes: AccountsWire.account(account, config: config, includeParams: true).encoded()))
    }

    func delete(id: String) async throws -> Response {
        try await accountsCall { () throws(AccountsError) in try await connections.delete(id: id) }
        return Response.json(["success": true])
    }

    func setStatus(_ request: Request, context: ToolportRequestContext, id: String) async throws -> Response {
        let body = try await request.jsonObject(context: context)
        guard case .bool(let enabled)? = body["enabled"] else { throw APIError(.badRequest, "enabled must be true or false", errors: ["enabled"]) }
        try await accountsCall { () throws(AccountsError) in try await connections.setEnabled(id: id, enabled: enabled) }
        return Response.json(["success": true])
    }

    func update(_ request: Request, context: ToolportRequestContext, id: String) async throws -> Response {
        let body = try await request.jsonObject(context: context)
        if let acl = body["experimental"]?["acl_config_for_shared"], acl != .null {
            // The SDK's update_acl recognises this message (ComposioAclOnlyForSharedError).
            throw APIError(
                .badRequest, "acl_config_for_shared is only valid on SHARED connections: every Toolport connected account belongs to one user",
                errors: ["experimental.acl_config_for_shared"]
            )
        }
        let state = body["connection"]?["state"] ?? body["connection"]
        try Self.checkTokenLifetime(in: state, field: body["connection"]?["state"] == nil ? "connection" : "connection.state")
        let account = try await accountsCall { () throws(AccountsError) in
            try await connections.update(id: id, alias: body["alias"], connection: state)
        }
        return Response.json(["id": .string(account.id), "status": AccountsWire.status(account.status), "success": true])
    }

    /// Deprecated in Composio; refreshes an OAuth account's token now.
    func refresh(id: String) async throws -> Response {
        let account = try await accountsCall { () throws(AccountsError) in try await connections.refreshNow(id: id) }
        return Response.json(["id": .string(account.id), "status": AccountsWire.status(account.status), "redirect_url": .null])
    }

    /// Composio's `revoke`: `{revoked_tokens, connected_account: {id, status}}`; revoking again revokes nothing.
    func revoke(id: String) async throws -> Response {
        let revocation = try await accountsCall { () throws(AccountsError) in try await connections.revoke(id: id) }
        return Response.json([
            "revoked_tokens": .array(revocation.revokedTokens.map(JSONValue.string)),
            "connected_account": ["id": .string(revocation.account.id), "status": AccountsWire.status(revocation.account.status)],
        ])
    }

    /// The longest access-token lifetime a connection state may declare: ten years. Pipedrive's tokens live an
    /// hour; a longer one (or a negative one) is a mistake, and past the year 9999 its expiry date would be
    /// stored as a value the database cannot read back, breaking every read of the user's accounts.
    static let maximumTokenLifetime = 10 * 365 * 24 * 60 * 60

    /// Refuses a connection state whose `val.expires_in` is a number outside 0...`maximumTokenLifetime` seconds.
    /// - Parameters:
    ///   - field: where the state sits in the request body, for the error message.
    static func checkTokenLifetime(in state: JSONValue?, field: String) throws(APIError) {
        guard let lifetime = state?["val"]?["expires_in"], let seconds = lifetime.doubleValue else { return }
        guard seconds >= 0, seconds <= Double(maximumTokenLifetime) else {
            throw APIError(
                .badRequest, "\(field).val.expires_in must be from 0 to \(maximumTokenLifetime) seconds, got \(lifetime.briefDescription)",
                errors: ["\(field).val.expires_in"]
            )
        }
    }
}
