import Accounts
import Catalog
import Execution
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ProviderFormats
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
        routes.get("tool_router/session/{id}") { request, context in try await self.answer(try await self.load(context), request: request) }
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

    // MARK: Tools

    func tools(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let session = try await load(context)
        let profile = try ToolRoutes.profile(of: request)
        let enabled = enabledTools(session, caller: context.caller)
        var items = SessionMetaTool.enabled(by: session.config).map(\.wireObject)
        for position in SessionConfig.preloadedTools(session.config, enabled: enabled, catalog: catalog) {
            let tool = catalog.tools[position]
            guard let shaped = try? profile.shape(tool) else { continue }
            items.append(EncodedCatalog.wireObject(for: tool, toolkit: catalog.toolkit, api: encoded.api, shaped: shaped))
        }
        return Response.json(ByteBuffer(bytes: Self.page(items, total: items.count, limit: max(items.count, 1), offset: 0).encoded()))
    }

    func search(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let session = try await load(context)
        let body = try await request.jsonObject(context: context)
        let result = try await searchResult(body["queries"], session: session, caller: context.caller, profile: try ToolRoutes.profile(of: request))
        return Response.json(ByteBuffer(bytes: result.encoded()))
    }

    /// The positions of the tools the session enables and the caller's key may run.
    func enabledTools(_ session: Loaded, caller: Caller) -> [Int] {
        let permission = caller.permission
        return SessionConfig.enabledTools(session.config, catalog: catalog, api: encoded.api)
            .filter { permission == .everything || permission.permits(catalog.tools[$0], api: encoded.api) }
    }

    /// `COMPOSIO_SEARCH_TOOLS`' answer: per use case the best tools (primary: the first three) and the next
    /// five, their schemas in the caller's profile, and the user's connection to the toolkit.
    func searchResult(_ queries: JSONValue?, session: Loaded, caller: Caller, profile: SchemaProfile) async throws -> JSONValue {
        guard let items = queries?.arrayValue, !items.isEmpty else {
            throw APIError(.badRequest, "queries must be a non-empty list of {\"use_case\": …}", errors: ["queries"])
        }
        let enabled = Set(enabledTools(session, caller: caller))
        var results: [JSONValue] = []
        var schemas: [String: JSONValue] = [:]
        for (index, item) in items.enumerated() {
            guard let useCase = item["use_case"]?.stringValue ?? item.stringValue, !useCase.isEmpty else {
                throw APIError(.badRequest, "queries[\(index)].use_case must be a non-empty string", errors: ["queries"])
            }
            let ranked = catalog.search(useCase).filter(enabled.contains).prefix(8).map { catalog.tools[$0] }
            for tool in ranked {
                guard let shaped = try? profile.shape(tool) else { continue }
                schemas[tool.slug] = [
                    "tool_slug": .string(tool.slug), "toolkit": .string(catalog.toolkit.slug), "description": .string(shaped.description),
                    "input_schema": shaped.inputParameters, "hasFullSchema": true,
                ]
            }
            results.append([
                "index": .integer(index), "use_case": .string(useCase),
                "primary_tool_slugs": .array(ranked.prefix(3).map { .string($0.slug) }),
                "related_tool_slugs": .array(ranked.dropFirst(3).map { .string($0.slug) }),
                "toolkits": ranked.isEmpty ? [] : [.string(catalog.toolkit.slug)],
                "execution_guidance": .string(ranked.isEmpty
                    ? "No tool of this session matches; rephrase the use case or widen the session's toolkits and tools."
                    : "Run \(ranked[0].slug) first with arguments that follow its input schema."),
            ])
        }
        let now = Date()
        return [
            "success": true, "results": .array(results), "tool_schemas": .object(schemas),
            "toolkit_connection_statuses": [try await connectionStatus(userID: session.record.userID)],
            "next_steps_guidance": [
                "Check toolkit_connection_statuses: if the toolkit is not connected, call COMPOSIO_MANAGE_CONNECTIONS first.",
                "Run the primary tools with COMPOSIO_MULTI_EXECUTE_TOOL, arguments following tool_schemas.",
            ],
            "session": ["id": .string(session.record.id), "generate_id": false, "instructions": "Reuse this session for the whole task."],
            "time_info": [
                "current_time_utc": AccountsWire.timestamp(now), "current_time_utc_epoch_seconds": .number(now.timeIntervalSince1970),
                "message": "Times are UTC.",
            ],
        ]
    }

    // MARK: Execution

    func execute(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let session = try await load(context)
        let body = try await request.jsonObject(context: context)
        guard let slug = try body.optionalString("tool_slug") else { throw APIError(.badRequest, "tool_slug is required", errors: ["tool_slug"]) }
        let result: JSONValue
        if let meta = SessionMetaTool(rawValue: slug.uppercased()) {
            result = try await runMeta(meta, arguments: body["arguments"] ?? [:], session: session, request: request, caller: context.caller)
        } else {
            if let tool = catalog.tool(named: slug), let refusal = context.caller.permission.refusal(of: tool, api: encoded.api) {
                throw APIError(.forbidden, "Tool \(tool.slug) is not available to this API key: \(refusal)")
            }
            result = await run(slug, arguments: body["arguments"] ?? [:], account: try body.optionalString("account"), session: session, caller: context.caller)
        }
        return Response.json(ByteBuffer(bytes: result.encoded()))
    }

    func executeMeta(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let session = try await load(context)
        let body = try await request.jsonObject(context: context)
        guard let slug = try body.optionalString("slug") else { throw APIError(.badRequest, "slug is required", errors: ["slug"]) }
        guard let meta = SessionMetaTool(rawValue: slug.uppercased()), SessionMetaTool.enabled(by: session.config).contains(meta) else {
            let available = SessionMetaTool.enabled(by: session.config).map(\.rawValue).joined(separator: ", ")
            throw APIError(.badRequest, "\(slug) is not a meta tool of this session; it has \(available)", errors: ["slug"])
        }
        let result = try await runMeta(meta, arguments: body["arguments"] ?? [:], session: session, request: request, caller: context.caller)
        return Response.json(ByteBuffer(bytes: result.encoded()))
    }

    /// A session execute answer: `{data, error, log_id, result_type}`.
    static func executeAnswer(data: JSONValue, error: String?, logID: String, successful: Bool) -> JSONValue {
        [
            "data": data.objectValue != nil ? data : ["result": data], "error": error.map(JSONValue.string) ?? .null,
            "log_id": .string(logID), "result_type": successful ? "completed" : "failed",
        ]
    }

    /// Runs one of the session's tools for its user (and chosen account).
    func run(_ slug: String, arguments: JSONValue, account: String?, session: Loaded, caller: Caller) async -> JSONValue {
        guard let position = catalog.position(of: slug) else {
            let reason = slug.uppercased().hasPrefix("LOCAL_")
                ? "\(slug) is a custom tool: it runs in the SDK's process, which knows it only when the session was created or attached with it"
                : "Tool \(slug) not found"
            return Self.executeAnswer(data: [:], error: reason, logID: "", successful: false)
        }
        let tool = catalog.tools[position]
        guard enabledTools(session, caller: caller).contains(position) else {
            return Self.executeAnswer(
                data: [:], error: "Tool \(tool.slug) is not enabled in session \(session.record.id) (see its toolkits, tools and tags)", logID: "", successful: false
            )
        }
        let selector = AccountSelector(
            userID: session.record.userID, connectedAccountID: account ?? SessionConfig.connectedAccount(session.config, toolkit: catalog.toolkit.slug)
        )
        let result = await executor.execute(tool: tool, arguments: arguments, selector: selector)
        return Self.executeAnswer(data: result.data, error: result.error, logID: result.logID, successful: result.successful)
    }

    /// Runs a meta tool; its result is the `data` of a completed (or failed) execute answer.
    func runMeta(_ meta: SessionMetaTool, arguments: JSONValue, session: Loaded, request: Request, caller: Caller) async throws -> JSONValue {
        switch meta {
        case .searchTools:
            let found = try await searchResult(arguments["queries"], session: session, caller: caller, profile: try ToolRoutes.profile(of: request))
            return Self.executeAnswer(data: found, error: nil, logID: "", successful: true)
        case .getToolSchemas:
            let profile = try ToolRoutes.profile(of: request)
            let enabled = Set(enabledTools(session, caller: caller))
            var schemas: [String: JSONValue] = [:]
            var unknown: [JSONValue] = []
            for slug in arguments["tool_slugs"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                guard let position = catalog.position(of: slug), enabled.contains(position), let shaped = try? profile.shape(catalog.tools[position]) else {
                    unknown.append(.string(slug))
                    continue
                }
                let tool = catalog.tools[position]
                schemas[tool.slug] = [
                    "tool_slug": .string(tool.slug), "toolkit": .string(catalog.toolkit.slug), "description": .string(shaped.description),
                    "input_schema": shaped.inputParameters, "hasFullSchema": true,
                ]
            }
            let error = unknown.isEmpty ? nil : "Not tools of this session: \(unknown.compactMap(\.stringValue).joined(separator: ", "))"
            return Self.executeAnswer(data: ["tool_schemas": .object(schemas), "not_found": .array(unknown)], error: error, logID: "", successful: !schemas.isEmpty)
        case .multiExecute:
            guard let calls = arguments["tools"]?.arrayValue, !calls.isEmpty, calls.count <= 20 else {
                return Self.executeAnswer(data: [:], error: "tools must list 1 to 20 {tool_slug, arguments} items", logID: "", successful: false)
            }
            let answers = await withTaskGroup(of: (Int, JSONValue).self) { group in
                for (index, call) in calls.enumerated() {
                    group.addTask {
                        let slug = call["tool_slug"]?.stringValue ?? ""
                        return (index, await run(slug, arguments: call["arguments"] ?? [:], account: call["account"]?.stringValue, session: session, caller: caller))
                    }
                }
                var answers: [(Int, JSONValue)] = []
                for await answer in group { answers.append(answer) }
                return answers.sorted { $0.0 < $1.0 }
            }
            let results: [JSONValue] = answers.map { index, answer in
                var item: [String: JSONValue] = [
                    "response": ["successful": .bool(answer["result_type"] == "completed"), "data": answer["data"] ?? [:], "error": answer["error"] ?? .null],
                    "tool_slug": calls[index]["tool_slug"] ?? .null, "index": .integer(index), "log_id": answer["log_id"] ?? "",
                ]
                if let error = answer["error"], error != .null { item["error"] = error }
                return .object(item)
            }
            let succeeded = answers.filter { $0.1["result_type"] == "completed" }.count
            return Self.executeAnswer(
                data: ["results": .array(results), "total_count": .integer(results.count), "success_count": .integer(succeeded), "error_count": .integer(results.count - succeeded)],
                error: succeeded == results.count ? nil : "\(results.count - succeeded) of \(results.count) tools failed", logID: "", successful: true
            )
        case .proxyExecute:
            do {
                let answer = try await proxy(arguments.objectValue ?? [:], session: session, caller: caller)
                let status = answer["status"]?.doubleValue.map { Int($0) } ?? 0
                return Self.executeAnswer(
                    data: answer, error: (200..<300).contains(status) ? nil : "Pipedrive answered HTTP \(status)", logID: answer["log_id"]?.stringValue ?? "",
                    successful: (200..<300).contains(status)
                )
            } catch let error as APIError {
                return Self.executeAnswer(data: [:], error: error.message, logID: "", successful: false)
            }
        case .manageConnections, .waitForConnections:
            var statuses: [String: JSONValue] = [:]
            for toolkit in arguments["toolkits"]?.arrayValue?.compactMap({ $0.stringValue?.lowercased() }) ?? [] {
                guard toolkit == catalog.toolkit.slug else {
                    statuses[toolkit] = ["status": "unavailable", "message": .string("Toolport serves only the \(catalog.toolkit.slug) toolkit")]
                    continue
                }
                let current = try await connectionStatus(userID: session.record.userID)
                if current["has_active_connection"] == true || meta == .waitForConnections {
                    statuses[toolkit] = current
                } else {
                    let link = try await connectLink(session: session, callbackURL: session.config["manage_connections"]?["callback_url"]?.stringValue, alias: nil)
                    statuses[toolkit] = [
                        "status": "initiated", "has_active_connection": false, "connected_account_id": .string(link.account.id),
                        "redirect_url": .string(link.url), "message": "Ask the user to open redirect_url to connect their Pipedrive account.",
                    ]
                }
            }
            return Self.executeAnswer(data: ["results": .object(statuses)], error: nil, logID: "", successful: true)
        }
    }

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
        let result = await executor.proxy(proxy, selector: selector)
        switch result.outcome {
        case .answered(let answer, _):
            var members = answer.json.objectValue ?? [:]
            members["log_id"] = .string(result.logID)
            members["result_type"] = "completed"
            return .object(members)
        case .invalid(let error):
            throw APIError(.badRequest, error.description)
        case .noCredential(let error):
            throw APIError(credential: error)
        case .unanswered(let error, let attempts):
            throw APIError(
                .upstreamUnreachable,
                "Could not reach Pipedrive: \(error)" + (attempts > 1 ? " (after \(attempts) attempts)" : "") + "; see execution log \(result.logID)"
            )
        }
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
    private func connectLink(session: Loaded, callbackURL: String?, alias: String?) async throws -> ConnectLinkService.Link {
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

    private func storage<T>(_ body: () async throws(StorageError) -> T) async throws(APIError) -> T {
        do {
            return try await body()
        } catch {
            throw APIError(.serviceUnavailable, "The session database is unavailable; try again shortly.")
        }
    }
}
