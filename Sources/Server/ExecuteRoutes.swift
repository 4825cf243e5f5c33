import Catalog
public import Execution
import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore
public import Storage
import ToolportJSON

/// `POST /tools/execute/{slug}` (contract §2.3) and `GET /logs/{log_id}`.
public struct ExecuteRoutes: Sendable {
    let catalog: EncodedCatalog
    let executor: ToolExecutor
    let logs: any ExecutionLogStore
    /// The user a connected account belongs to (nil when there is no such account), to hold a scoped key
    /// to its users before anything is sent.
    let accountOwner: @Sendable (String) async throws -> String?

    public init(
        catalog: EncodedCatalog, executor: ToolExecutor, logs: any ExecutionLogStore,
        accountOwner: @escaping @Sendable (String) async throws -> String?
    ) {
        self.catalog = catalog
        self.executor = executor
        self.logs = logs
        self.accountOwner = accountOwner
    }

    /// Whether `headers` ask for a dry run (`x-toolport-dry-run: 1` or `true`).
    static func asksForDryRun(_ headers: HTTPFields) -> Bool {
        ["1", "true"].contains(headers[HTTPField.Name("x-toolport-dry-run")!]?.lowercased() ?? "")
    }

    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.post("tools/execute/{slug}") { request, context in
            try await self.execute(request, context: context, slug: context.pathParameter("slug"))
        }
        routes.get("logs/{id}") { _, context in try await self.log(id: context.pathParameter("id"), caller: context.caller) }
        return routes
    }

    func execute(_ request: Request, context: ToolportRequestContext, slug: String) async throws -> Response {
        guard let tool = catalog.catalog.tool(named: slug) else {
            throw APIError(.toolNotFound, "Tool \(slug) not found", suggestedFix: "List tools with GET /api/v3.1/tools?query=...")
        }
        let body = try await request.jsonObject(context: context)
        if let version = body["version"], version != .null {
            guard let text = version.stringValue else { throw APIError(.badRequest, "version must be a string") }
            if text.lowercased() != "latest", !catalog.availableVersions.contains(text) {
                throw APIError(.versionNotFound, "Tool \(tool.slug) has no version \(text); available: latest, \(catalog.availableVersions.joined(separator: ", "))")
            }
        }
        let selector = AccountSelector(
            userID: try body.optionalString("user_id"),
            connectedAccountID: try body.optionalString("connected_account_id")
        )
        try await authorize(context.caller, tool: tool, selector: selector)
        let dryRun: Bool
        switch body["dry_run"] {
        case nil, .null: dryRun = Self.asksForDryRun(request.headers)
        case .bool(let flag): dryRun = flag
        case let other?: throw APIError(.badRequest, "dry_run must be a boolean, got \(other.briefDescription)", errors: ["dry_run"])
        }
        let result = await executor.execute(tool: tool, arguments: body["arguments"] ?? .object([:]), selector: selector, dryRun: dryRun)
        return Response.json(ByteBuffer(bytes: result.json.encoded()))
    }

    /// Refuses, before validation and before anything is sent, a call the caller's key may not make: a
    /// tool outside its permission, another user, or another user's connected account.
    func authorize(_ caller: Caller, tool: Tool, selector: AccountSelector) async throws {
        if let refusal = caller.permission.refusal(of: tool, api: catalog.api) {
            throw APIError(.forbidden, "Tool \(tool.slug) is not available to this API key: \(refusal)")
        }
        if let refusal = caller.refusal(actingAs: selector.userID) {
            throw APIError(.forbidden, "Refused: \(refusal)", errors: ["user_id"])
        }
        guard !caller.isAdmin, let accountID = selector.connectedAccountID else { return }
        let owner: String?
        do {
            owner = try await accountOwner(accountID)
        } catch {
            throw APIError(.serviceUnavailable, "The connected account could not be checked: the database is unavailable; try again shortly.")
        }
        if let owner, caller.refusal(actingAs: owner) != nil || owner != selector.userID {
            throw APIError(.forbidden, "Refused: connected account \(accountID) belongs to another user", errors: ["connected_account_id"])
        }
    }

    func log(id: String, caller: Caller) async throws -> Response {
        let record: ExecutionLogRecord?
        do {
            record = try await logs.record(id: id)
        } catch {
            throw APIError(.serviceUnavailable, "The execution log could not be read: the database is unavailable; try again shortly.")
        }
        guard let record else { throw APIError(.logNotFound, "Execution log \(id) not found") }
        if !caller.isAdmin, caller.refusal(actingAs: record.userID) != nil {
            throw APIError(.forbidden, "Execution log \(id) belongs to a user this API key does not act for")
        }
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        let object: JSONValue = [
            "log_id": .string(record.id), "tool_slug": .string(record.toolSlug),
            "connected_account_id": text(record.connectedAccountID), "user_id": text(record.userID),
            "method": text(record.method), "url": text(record.url),
            "status_code": record.statusCode.map(JSONValue.integer) ?? .null,
            "successful": .bool(record.successful), "duration_ms": .integer(record.durationMilliseconds),
            "attempts": .integer(record.attempts), "error": text(record.error), "dry_run": .bool(record.dryRun),
            "created_at": AccountsWire.timestamp(record.createdAt),
        ]
        return Response.json(ByteBuffer(bytes: object.encoded()))
    }
}
