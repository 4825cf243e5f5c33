import Accounts
import Catalog
import Execution
import Foundation
import Hummingbird
import ProviderFormats
import Storage
import ToolportJSON

/// The session's tools: its meta tools and preloaded tools, search, and running them as the session's user.
extension SessionRoutes {
    // MARK: Tools

    func tools(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let session = try await load(context)
        let profile = try ToolRoutes.profile(of: request)
        let enabled = enabledTools(session, caller: context.caller)
        var items = SessionMetaTool.enabled(by: session.config).map(\.wireObject)
        let shaped = encoded.profiles[profile].shaped
        for position in SessionConfig.preloadedTools(session.config, enabled: enabled, catalog: catalog) {
            guard let tool = shaped[position] else { continue }
            items.append(EncodedCatalog.wireObject(for: catalog.tools[position], toolkit: catalog.toolkit, api: encoded.api, shaped: tool))
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

    /// A `tool_schemas` entry: the tool's description and input schema in `profile`, shaped once per profile.
    func toolSchema(at position: Int, profile: SchemaProfile) -> JSONValue? {
        guard let shaped = encoded.profiles[profile].shaped[position] else { return nil }
        return [
            "tool_slug": .string(catalog.tools[position].slug), "toolkit": .string(catalog.toolkit.slug), "description": .string(shaped.description),
            "input_schema": shaped.inputParameters, "hasFullSchema": true,
        ]
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
            let positions = catalog.search(useCase).filter(enabled.contains).prefix(8)
            for position in positions {
                schemas[catalog.tools[position].slug] = toolSchema(at: position, profile: profile)
            }
            let ranked = positions.map { catalog.tools[$0] }
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
                guard let position = catalog.position(of: slug), enabled.contains(position), let schema = toolSchema(at: position, profile: profile) else {
                    unknown.append(.string(slug))
                    continue
                }
                schemas[catalog.tools[position].slug] = schema
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
}
