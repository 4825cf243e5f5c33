public import Accounts
public import Catalog
import Foundation
public import Hummingbird
import NIOCore
public import Storage
import ToolportJSON

/// MCP server configs (Composio's `composio.mcp.*`, contract §6): `POST /mcp/servers/custom` (and `/mcp/servers`),
/// `GET /mcp/servers`, `GET|PATCH|DELETE /mcp/{id}`, and `POST /mcp/servers/generate`, which gives each user a URL
/// on Toolport's own `/mcp/{id}` that lists and runs only the server's tools, with accounts of its auth configs.
public struct MCPServerRoutes: Sendable {
    let store: any MCPServerStore
    let accounts: AccountServices
    let catalog: Catalog

    public init(store: any MCPServerStore, accounts: AccountServices, catalog: Catalog) {
        self.store = store
        self.accounts = accounts
        self.catalog = catalog
    }

    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.post("mcp/servers/custom") { request, context in try await self.create(request, context: context) }
        routes.post("mcp/servers") { request, context in try await self.create(request, context: context) }
        routes.get("mcp/servers") { request, _ in try await self.list(request) }
        routes.post("mcp/servers/generate") { request, context in try await self.generate(request, context: context) }
        routes.get("mcp/{id}") { _, context in try await self.show(id: context.pathParameter("id")) }
        routes.patch("mcp/{id}") { request, context in try await self.update(request, context: context, id: context.pathParameter("id")) }
        routes.delete("mcp/{id}") { _, context in try await self.delete(id: context.pathParameter("id")) }
        return routes
    }

    func create(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let draft = try MCPServerDraft(body: try await request.jsonObject(context: context))
        let now = Date()
        let blank = MCPServerRecord(id: RandomID.make(prefix: "mcp_"), name: "", toolkits: [], createdAt: now, updatedAt: now)
        let record = try draft.applied(to: blank, catalog: catalog, authConfigToolkits: try await authConfigToolkits(draft))
        try await storageCall("store the MCP server") { () throws(StorageError) in try await store.insert(record) }
        return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: wire(record).encoded())))
    }

    func list(_ request: Request) async throws -> Response {
        let parameters = request.uri.queryParameters
        var query = MCPServerListQuery()
        query.toolkits = parameters.list("toolkits")
        query.authConfigIDs = parameters.list("auth_config_ids")
        query.name = Self.formValue("name", in: request.uri.query)
        if let order = parameters.nonEmpty("order_by") {
            guard let parsed = MCPServerListQuery.Order(rawValue: order) else {
                throw APIError(.badRequest, "order_by must be created_at or updated_at, got \"\(order)\"", errors: ["order_by"])
            }
            query.order = parsed
        }
        if let direction = parameters.nonEmpty("order_direction") {
            guard ["asc", "desc"].contains(direction) else {
                throw APIError(.badRequest, "order_direction must be asc or desc, got \"\(direction)\"", errors: ["order_direction"])
            }
            query.ascending = direction == "asc"
        }
        query.page = try Self.positiveInteger(parameters.nonEmpty("page_no"), name: "page_no", maximum: 1_000_000) ?? 1
        query.limit = try Self.positiveInteger(parameters.nonEmpty("limit"), name: "limit", maximum: PageRequest.maximumLimit) ?? 10
        let records = try await storageCall("list MCP servers") { () throws(StorageError) in try await store.all() }
        let result = query.apply(to: records)
        let body: JSONValue = [
            "items": .array(result.items.map { wire($0) }), "current_page": .integer(query.page), "total_pages": .integer(result.totalPages),
            "total_items": .integer(result.totalItems),
        ]
        return Response.json(ByteBuffer(bytes: body.encoded()))
    }

    func show(id: String) async throws -> Response {
        Response.json(ByteBuffer(bytes: wire(try await record(id: id), deleted: false).encoded()))
    }

    func update(_ request: Request, context: ToolportRequestContext, id: String) async throws -> Response {
        let draft = try MCPServerDraft(body: try await request.jsonObject(context: context))
        let stored = try await record(id: id)
        let changed = try draft.applied(to: stored, catalog: catalog, authConfigToolkits: try await authConfigToolkits(draft))
        guard try await storageCall("update the MCP server", { () throws(StorageError) in try await store.update(changed) }) else {
            throw Self.notFound(id)
        }
        return Response.json(ByteBuffer(bytes: wire(try await record(id: id), deleted: false).encoded()))
    }

    func delete(id: String) async throws -> Response {
        guard try await storageCall("delete the MCP server", { () throws(StorageError) in try await store.delete(id: id) }) else {
            throw Self.notFound(id)
        }
        let body: JSONValue = ["id": .string(id), "deleted": true]
        return Response.json(ByteBuffer(bytes: body.encoded()))
    }

    /// `{mcp_url, user_ids_url, connected_account_urls}`: the server's URL, and one URL per user and per connected account.
    func generate(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let body = try await request.jsonObject(context: context)
        guard let id = try body.optionalString("mcp_server_id") else {
            throw APIError(.badRequest, "mcp_server_id is required", errors: ["mcp_server_id"])
        }
        let userIDs = try MCPServerDraft.strings(body, "user_ids") ?? []
        let accountIDs = try MCPServerDraft.strings(body, "connected_account_ids") ?? []
        guard !userIDs.isEmpty || !accountIDs.isEmpty else {
            throw APIError(.badRequest, "Pass user_ids or connected_account_ids: the users the URLs are for", errors: ["user_ids"])
        }
        let server = try await record(id: id)
        for accountID in accountIDs {
            let account: ConnectedAccountRecord
            do {
                account = try await accounts.connections.get(id: accountID)
            } catch .accountNotFound {
                throw APIError(.badRequest, "Connected account \(accountID) does not exist", errors: ["connected_account_ids"])
            } catch {
                throw APIError(error)
            }
            if !server.authConfigIDs.isEmpty, !server.authConfigIDs.contains(account.authConfigID) {
                throw APIError(
                    .badRequest, "Connected account \(accountID) was not made with one of the server's auth configs", errors: ["connected_account_ids"]
                )
            }
        }
        let urls = MCPServerURLs(base: accounts.configuration.publicURL, serverID: id)
        let answer: JSONValue = [
            "mcp_url": .string(urls.server),
            "user_ids_url": .array(userIDs.map { .string(urls.url(userID: $0)) }),
            "connected_account_urls": .array(accountIDs.map { .string(urls.url(connectedAccountID: $0)) }),
        ]
        return Response.json(ByteBuffer(bytes: answer.encoded()))
    }

    /// The config `id`; 404 when there is none.
    private func record(id: String) async throws(APIError) -> MCPServerRecord {
        guard let record = try await storageCall("read the MCP server", { () throws(StorageError) in try await store.get(id: id) }) else {
            throw Self.notFound(id)
        }
        return record
    }

    /// The toolkit of each auth config `draft` names that exists.
    private func authConfigToolkits(_ draft: MCPServerDraft) async throws(APIError) -> [String: String] {
        var toolkits: [String: String] = [:]
        for id in draft.authConfigIDs ?? [] {
            do {
                toolkits[id] = try await accounts.authConfigs.get(id: id).toolkit
            } catch .authConfigNotFound {
                continue
            } catch {
                throw APIError(error)
            }
        }
        return toolkits
    }

    /// The server as Composio's API gives it (`McpRetrieveResponse` with `deleted`, list items without); `allowed_tools`
    /// lists every tool of its toolkits when it names none.
    func wire(_ record: MCPServerRecord, deleted: Bool? = nil) -> JSONValue {
        let urls = MCPServerURLs(base: accounts.configuration.publicURL, serverID: record.id)
        let tools = record.allowedTools.isEmpty ? catalog.tools.filter { record.toolkits.contains($0.toolkit.lowercased()) }.map(\.slug) : record.allowedTools
        var object: [String: JSONValue] = [
            "id": .string(record.id), "name": .string(record.name),
            "toolkits": .array(record.toolkits.map(JSONValue.string)),
            "auth_config_ids": .array(record.authConfigIDs.map(JSONValue.string)),
            "allowed_tools": .array(tools.map(JSONValue.string)),
            "managed_auth_via_composio": .bool(record.managedAuth),
            "mcp_url": .string(urls.server),
            "commands": .object(urls.commands(name: record.name)),
            "toolkit_icons": .object(Dictionary(uniqueKeysWithValues: record.toolkits.map { ($0, JSONValue.string(catalog.toolkit.logo)) })),
            // Toolport keeps no per-user instances: a URL works for any user without being registered.
            "server_instance_count": 0,
            "created_at": AccountsWire.timestamp(record.createdAt), "updated_at": AccountsWire.timestamp(record.updatedAt),
        ]
        if let deleted { object["deleted"] = .bool(deleted) }
        return .object(object)
    }

    static func notFound(_ id: String) -> APIError {
        APIError(.mcpServerNotFound, "MCP server \(id) not found", suggestedFix: "List servers with GET /api/v3.1/mcp/servers.")
    }

    /// The query value `name` read as a form value, where `+` is a space (as the SDK's HTTP client writes one), or nil
    /// when absent or empty.
    static func formValue(_ name: String, in query: String?) -> String? {
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == name else { continue }
            let raw = parts[1].replacingOccurrences(of: "+", with: " ")
            let value = raw.removingPercentEncoding ?? raw
            return value.isEmpty ? nil : value
        }
        return nil
    }

    static func positiveInteger(_ raw: String?, name: String, maximum: Int) throws(APIError) -> Int? {
        guard let raw else { return nil }
        // The SDK's generated client sends numbers it typed as floats: accept 2 and 2.0.
        guard let value = Double(raw), value.rounded() == value, value >= 1, value <= Double(maximum) else {
            throw APIError(.badRequest, "\(name) must be a whole number from 1 to \(maximum), got \"\(raw)\"", errors: [name])
        }
        return Int(value)
    }
}

/// Runs a storage operation, answering 503 when the database cannot.
func storageCall<T>(_ operation: String, _ body: () async throws(StorageError) -> T) async throws(APIError) -> T {
    do {
        return try await body()
    } catch {
        throw APIError(.serviceUnavailable, "Could not \(operation): the database is unavailable; try again shortly.")
    }
}
