import Accounts
import Catalog
import Execution
import Foundation
import Hummingbird
import Storage
import ToolportJSON

/// Composio's tool router sessions (`composio.create(user_id=…)`, `composio.use(id)` and the session's
/// methods) under `/tool_router/session`: stored configurations with their history, the session's meta tools
/// run on Toolport's own search and executor, connections for its user, and its MCP URL on Toolport's `/mcp`.
struct SessionRoutes: Sendable {
    let encoded: EncodedCatalog
    let executor: ToolExecutor
    let sessions: any SessionStore
    let accounts: AccountServices

    init(encoded: EncodedCatalog, executor: ToolExecutor, sessions: any SessionStore, accounts: AccountServices) {
        self.encoded = encoded
        self.executor = executor
        self.sessions = sessions
        self.accounts = accounts
    }

    var catalog: Catalog { encoded.catalog }

    func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.post("tool_router/session") { request, context in try await self.create(request, context: context) }
        routes.get("tool_router/session/{id}") { request, context in try self.answer(try await self.load(context), request: request) }
        routes.post("tool_router/session/{id}/attach") { request, context in try await self.attach(request, context: context) }
        routes.patch("tool_router/session/{id}") { request, context in try await self.update(request, context: context) }
        routes.delete("tool_router/session/{id}") { _, context in try await self.delete(context) }
        routes.get("tool_router/session/{id}/config_history") { request, context in try await self.history(request, context: context) }
        routes.get("tool_router/session/{id}/tools") { request, context in try await self.tools(request, context: context) }
        routes.post("tool_router/session/{id}/search") { request, context in try await self.search(request, context: context) }
        routes.post("tool_router/session/{id}/execute") { request, context in try await self.execute(request, context: context) }
        routes.post("tool_router/session/{id}/execute_meta") { request, context in try await self.executeMeta(request, context: context) }
        routes.get("tool_router/session/{id}/toolkits") { request, context in try await self.toolkits(request, context: context) }
        routes.post("tool_router/session/{id}/link") { request, context in try await self.link(request, context: context) }
        routes.post("tool_router/session/{id}/proxy_execute") { request, context in try await self.proxyExecute(request, context: context) }
        routes.get("tool_router/session/{id}/mounts/{mount}/items") { _, _ -> Response in throw Self.noMounts }
        routes.post("tool_router/session/{id}/mounts/{mount}/{action}") { _, _ -> Response in throw Self.noMounts }
        return routes
    }

    /// Session file mounts are Composio's cloud workbench.
    static let noMounts = APIError(
        .notImplemented, "Session file mounts live in Composio's cloud workbench; Toolport runs no workbench",
        suggestedFix: "Pass files to tools as arguments instead (see docs/sessions.md)."
    )

    /// A stored session with its configuration parsed.
    struct Loaded {
        var record: SessionRecord
        var config: JSONValue
    }

    // MARK: Configuration

    func create(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let body = try await request.jsonObject(context: context)
        guard let userID = try body.optionalString("user_id") else {
            throw APIError(.badRequest, "user_id is required", errors: ["user_id"])
        }
        if let refusal = context.caller.refusal(actingAs: userID) { throw APIError(.forbidden, "Refused: \(refusal)", errors: ["user_id"]) }
        var settings = body
        settings["user_id"] = nil
        let custom = CustomTools(settings["experimental"])
        settings["experimental"] = custom.remainder
        let config = try SessionConfig.make(userID: userID, request: settings, catalog: catalog)
        try await checkChoices(config, userID: userID)
        let now = Date()
        let record = SessionRecord(
            id: RandomID.make(prefix: "trs_"), userID: userID, configVersion: 1, config: String(decoding: config.encoded(), as: UTF8.self),
            createdAt: now, updatedAt: now
        )
        try await storage { () throws(StorageError) in try await sessions.insert(record) }
        return try answer(Loaded(record: record, config: config), request: request, custom: custom)
    }

    func attach(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let session = try await load(context)
        let body = try await request.jsonObject(context: context)
        return try answer(session, request: request, custom: CustomTools(body["experimental"]))
    }

    func update(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let session = try await load(context)
        var patch = try await request.jsonObject(context: context)
        let expected: Int?
        switch patch.removeValue(forKey: "expected_config_version") {
        case nil, .null?: expected = nil
        case .integer(let version)?: expected = version
        case let other?: throw APIError(.badRequest, "expected_config_version must be an integer, got \(other.briefDescription)", errors: ["expected_config_version"])
        }
        if patch["hooks"] == .null { patch["hooks"] = nil }
        let config = try SessionConfig.applying(patch, to: session.config, catalog: catalog)
        try await checkChoices(config, userID: session.record.userID)
        let text = String(decoding: config.encoded(), as: UTF8.self)
        let outcome = try await storage { () throws(StorageError) in
            try await sessions.update(id: session.record.id, config: text, expectedVersion: expected, now: Date())
        }
        switch outcome {
        case .updated(let record): return try answer(Loaded(record: record, config: config), request: request)
        case .notFound: throw APIError(.sessionNotFound, "Session \(session.record.id) not found")
        case .conflict(let current):
            throw APIError(
                .conflict, "The session's configuration is at version \(current), not \(expected.map(String.init) ?? "?"): it was changed meanwhile",
                suggestedFix: "Read the session again and retry with expected_config_version=\(current)."
            )
        }
    }

    func delete(_ context: ToolportRequestContext) async throws -> Response {
        let session = try await load(context)
        _ = try await storage { () throws(StorageError) in try await sessions.delete(id: session.record.id) }
        return Response.json(ByteBuffer(bytes: JSONValue.object(["session_id": .string(session.record.id), "deleted": true]).encoded()))
    }

    func history(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let session = try await load(context)
        let page = try PageRequest(query: request.uri.queryParameters)
        let limit = page.limit ?? 20
        let offset = page.offset
        let found = try await storage { () throws(StorageError) in try await sessions.history(id: session.record.id, limit: limit, offset: offset) }
        let items: [JSONValue] = found.versions.map { version in
            [
                "config": (try? JSONValue(parsing: Data(version.config.utf8))) ?? [:], "created_at": AccountsWire.timestamp(version.createdAt),
                "is_current": .bool(version.version == session.record.configVersion), "version": .integer(version.version),
            ]
        }
        return Response.json(ByteBuffer(bytes: Self.page(items, total: found.total, limit: limit, offset: offset).encoded()))
    }

    /// Refuses an account or auth config choice that is not the session user's or does not exist.
    private func checkChoices(_ config: JSONValue, userID: String) async throws {
        let toolkit = catalog.toolkit.slug
        if let accountID = SessionConfig.connectedAccount(config, toolkit: toolkit) {
            let account = try await accountsCall { () throws(AccountsError) in try await accounts.connections.get(id: accountID) }
            guard account.userID == userID else {
                throw APIError(.badRequest, "connected_accounts: \(accountID) belongs to another user", errors: ["connected_accounts"])
            }
        }
        if let configID = config["auth_configs"]?[toolkit]?.stringValue {
            _ = try await accountsCall { () throws(AccountsError) in try await accounts.authConfigs.get(id: configID) }
        }
    }

    // MARK: Answers

    /// The session `{id}` of the path, if the caller may act for its user.
    func load(_ context: ToolportRequestContext) async throws -> Loaded {
        let id = try context.pathParameter("id")
        guard let record = try await storage({ () throws(StorageError) in try await sessions.get(id: id) }) else {
            throw APIError(.sessionNotFound, "Session \(id) not found", suggestedFix: "Create one with composio.create(user_id=...).")
        }
        if context.caller.refusal(actingAs: record.userID) != nil {
            throw APIError(.forbidden, "Session \(id) belongs to a user this API key does not act for")
        }
        let config = (try? JSONValue(parsing: Data(record.config.utf8))) ?? [:]
        return Loaded(record: record, config: config)
    }

    /// The session as Composio answers it (`SessionCreateResponse`), its MCP URL on the origin the request used.
    func answer(_ session: Loaded, request: Request, custom: CustomTools = CustomTools(nil)) throws -> Response {
        var object: [String: JSONValue] = [
            "session_id": .string(session.record.id),
            "mcp": ["type": "http", "url": .string(SessionMCPURL.url(sessionID: session.record.id, host: request.head.authority, publicURL: accounts.configuration.publicURL))],
            "tool_router_tools": .array(SessionMetaTool.enabled(by: session.config).map { .string($0.rawValue) }),
            "config_version": .integer(session.record.configVersion),
            "config": session.config,
        ]
        if let echo = custom.echo(toolkitSlug: { $0 }) { object["experimental"] = echo }
        return Response.json(ByteBuffer(bytes: JSONValue.object(object).encoded()))
    }

    /// A Composio list page: `{items, next_cursor, total_items, total_pages, current_page}`.
    static func page(_ items: [JSONValue], total: Int, limit: Int, offset: Int) -> JSONValue {
        let next = offset + items.count < total ? JSONValue.string(PageRequest.encode(offset + items.count)) : .null
        return [
            "items": .array(items), "next_cursor": next, "total_items": .integer(total),
            "total_pages": .integer(max(1, (total + max(limit, 1) - 1) / max(limit, 1))), "current_page": .integer(offset / max(limit, 1) + 1),
        ]
    }

    func storage<T>(_ body: () async throws(StorageError) -> T) async throws(APIError) -> T {
        do {
            return try await body()
        } catch {
            throw APIError(.serviceUnavailable, "The session database is unavailable; try again shortly.")
        }
    }
}
