import Accounts
import Catalog
import Execution
import Hummingbird
import Storage
import ToolportJSON

/// The session's user and Pipedrive: raw proxy requests, the connection status, toolkits and connect links.
extension SessionRoutes {
    // MARK: Proxy

    func proxyExecute(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let session = try await load(context)
        let body = try await request.jsonObject(context: context)
        let answer = try await proxy(body, session: session, caller: context.caller)
        return Response.json(ByteBuffer(bytes: answer.encoded()))
    }

    /// Sends a raw Pipedrive request (`toolkit_slug` or `toolkit`, `endpoint`, `method`, `parameters`, `body`)
    /// as the session's user, through the proxy path tools use; answers `{status, data, headers, log_id,
    /// result_type}`.
    func proxy(_ arguments: [String: JSONValue], session: Loaded, caller: Caller) async throws -> JSONValue {
        let toolkit = try arguments.optionalString("toolkit_slug") ?? arguments.optionalString("toolkit") ?? catalog.toolkit.slug
        guard toolkit.lowercased() == catalog.toolkit.slug else {
            throw APIError(.badRequest, "toolkit: Toolport serves only the \(catalog.toolkit.slug) toolkit, got \"\(toolkit)\"", errors: ["toolkit_slug"])
        }
        guard let endpoint = try arguments.optionalString("endpoint"), let method = try arguments.optionalString("method") else {
            throw APIError(.badRequest, "endpoint and method are required: a Pipedrive path such as /v1/deals and GET, POST, PUT, PATCH or DELETE", errors: ["endpoint", "method"])
        }
        let proxy: ProxyRequest
        do {
            proxy = try ProxyRequest(method: method, endpoint: endpoint, parameters: try ExecuteRoutes.proxyParameters(arguments["parameters"]), body: arguments["body"])
        } catch let error as ProxyError {
            throw APIError(.badRequest, error.description)
        }
        if let refusal = caller.permission.proxyRefusal(method: proxy.method.rawValue) {
            throw APIError(.forbidden, "The proxy is not available to this API key: \(refusal)")
        }
        let selector = AccountSelector(userID: session.record.userID, connectedAccountID: SessionConfig.connectedAccount(session.config, toolkit: catalog.toolkit.slug))
        var answer = try ExecuteRoutes.proxyAnswer(await executor.proxy(proxy, selector: selector)).objectValue ?? [:]
        answer["result_type"] = "completed"
        return .object(answer)
    }

    // MARK: Connections

    /// The user's connection to the toolkit, as `toolkit_connection_statuses` items show it.
    func connectionStatus(userID: String) async throws -> JSONValue {
        let toolkit = catalog.toolkit.slug
        let found = try await accountsCall { () throws(AccountsError) in try await accounts.connections.list(ConnectedAccountFilter(userIDs: [userID], toolkits: [toolkit])) }
        let active = found.filter { $0.status == .active && !$0.isDisabled }
        return [
            "toolkit": .string(toolkit), "description": .string(catalog.toolkit.description),
            "has_active_connection": .bool(!active.isEmpty),
            "status_message": .string(active.isEmpty ? "No active Pipedrive connection for \(userID): use COMPOSIO_MANAGE_CONNECTIONS." : "Connected."),
            "accounts": .array(found.enumerated().map { index, account in
                var item: [String: JSONValue] = [
                    "id": .string(account.id), "created_at": AccountsWire.timestamp(account.createdAt), "is_default": .bool(index == 0),
                    "status": .string(account.status.rawValue),
                ]
                if let alias = account.alias { item["alias"] = .string(alias) }
                return .object(item)
            }),
        ]
    }

    func toolkits(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let session = try await load(context)
        let query = request.uri.queryParameters
        let toolkit = catalog.toolkit
        let wanted = query.list("toolkits").map { $0.lowercased() }
        let found = try await accountsCall { () throws(AccountsError) in
            try await accounts.connections.list(ConnectedAccountFilter(userIDs: [session.record.userID], toolkits: [toolkit.slug]))
        }
        let account = found.first { $0.status == .active && !$0.isDisabled } ?? found.first
        var item: [String: JSONValue] = [
            "slug": .string(toolkit.slug), "name": .string(toolkit.name), "is_no_auth": false, "enabled": true, "composio_managed_auth_schemes": [],
            "meta": ["logo": .string(toolkit.logo), "description": .string(toolkit.description)],
        ]
        if let account {
            let config = try? await accounts.authConfigs.get(id: account.authConfigID)
            item["connected_account"] = [
                "id": .string(account.id), "status": .string(account.status.rawValue), "user_id": .string(account.userID),
                "created_at": AccountsWire.timestamp(account.createdAt),
                "auth_config": ["id": .string(account.authConfigID), "auth_scheme": .string(config?.authScheme ?? ""), "is_composio_managed": false],
            ]
        }
        var items: [JSONValue] = [.object(item)]
        if !wanted.isEmpty, !wanted.contains(toolkit.slug) { items = [] }
        if let search = query.nonEmpty("search"), !toolkit.name.lowercased().contains(search.lowercased()), !toolkit.slug.contains(search.lowercased()) { items = [] }
        if let connected = try query.bool("is_connected") { items = items.filter { ($0["connected_account"]?["status"] == "ACTIVE") == connected } }
        return Response.json(ByteBuffer(bytes: Self.page(items, total: items.count, limit: max(items.count, 1), offset: 0).encoded()))
    }

    func link(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let session = try await load(context)
        let body = try await request.jsonObject(context: context)
        if let toolkit = try body.optionalString("toolkit"), toolkit.lowercased() != catalog.toolkit.slug {
            throw APIError(.badRequest, "toolkit: Toolport serves only the \(catalog.toolkit.slug) toolkit, got \"\(toolkit)\"", errors: ["toolkit"])
        }
        let link = try await connectLink(session: session, callbackURL: try body.optionalString("callback_url"), alias: try body.optionalString("alias"))
        let answer: JSONValue = ["connected_account_id": .string(link.account.id), "redirect_url": .string(link.url), "link_token": .string(link.token)]
        return Response.json(ByteBuffer(bytes: answer.encoded()))
    }

    /// A connect link for the session's user, with the session's auth config or else the newest enabled one.
    func connectLink(session: Loaded, callbackURL: String?, alias: String?) async throws -> ConnectLinkService.Link {
        let toolkit = catalog.toolkit.slug
        var configID = session.config["auth_configs"]?[toolkit]?.stringValue
        if configID == nil {
            configID = try await accountsCall { () throws(AccountsError) in
                try await accounts.authConfigs.list(toolkit: toolkit, includeDisabled: false, search: nil).first?.id
            }
        }
        guard let configID else {
            throw APIError(.badRequest, "No enabled \(toolkit) auth config to connect with", suggestedFix: "An admin creates one with POST /api/v3.1/auth_configs.")
        }
        return try await accountsCall { () throws(AccountsError) in
            try await accounts.links.create(authConfigID: configID, userID: session.record.userID, callbackURL: callbackURL, alias: alias)
        }
    }
}
