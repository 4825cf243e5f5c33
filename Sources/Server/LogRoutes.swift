public import Accounts
import Foundation
public import Hummingbird
import NIOCore
public import Storage
import ToolportJSON

/// Execution logs: Toolport's `GET /logs/{id}`, and Composio's `GET /logs/tool_execution/{id}` (`logs.get`)
/// and `POST /logs/tool_execution` (`logs.search`). A scoped key sees its users' logs only.
public struct LogRoutes: Sendable {
    let logs: any ExecutionLogStore
    /// Read for `auth_config_id` filters: which accounts belong to which auth config.
    let connections: ConnectedAccountService

    public init(logs: any ExecutionLogStore, connections: ConnectedAccountService) {
        self.logs = logs
        self.connections = connections
    }

    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.get("logs/{id}") { _, context in
            let record = try await self.record(id: context.pathParameter("id"), caller: context.caller)
            return Response.json(ByteBuffer(bytes: JSONValue.object(Self.toolportFields(record)).encoded()))
        }
        routes.get("logs/tool_execution/{id}") { _, context in
            let record = try await self.record(id: context.pathParameter("id"), caller: context.caller)
            return Response.json(ByteBuffer(bytes: JSONValue.object(Self.composioDetail(record)).encoded()))
        }
        routes.post("logs/tool_execution") { request, context in try await self.search(request, context: context) }
        return routes
    }

    /// The log `id` in `logs`: 404 when there is none, 503 when the database does not answer.
    static func record(id: String, in logs: any ExecutionLogStore) async throws(APIError) -> ExecutionLogRecord {
        let record: ExecutionLogRecord?
        do {
            record = try await logs.record(id: id)
        } catch {
            throw APIError(.serviceUnavailable, "The execution log could not be read: the database is unavailable; try again shortly.")
        }
        guard let record else { throw APIError(.logNotFound, "Execution log \(id) not found") }
        return record
    }

    /// The log `id`, if the caller may read it.
    func record(id: String, caller: Caller) async throws -> ExecutionLogRecord {
        let record = try await Self.record(id: id, in: logs)
        if !caller.isAdmin, caller.refusal(actingAs: record.userID) != nil {
            throw APIError(.forbidden, "Execution log \(id) belongs to a user this API key does not act for")
        }
        return record
    }

    func search(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let search = try LogSearchRequest(body: try await request.jsonObject(context: context))
        var accounts: [(id: String, authConfigID: String)] = []
        if search.filtersByAuthConfig {
            accounts = try await accountsCall { () throws(AccountsError) in try await connections.list(ConnectedAccountFilter()) }
                .map { ($0.id, $0.authConfigID) }
        }
        let found: [ExecutionLogRecord]
        do {
            found = try await logs.search(search.query(accounts: accounts, users: context.caller.scope.userIDs))
        } catch {
            throw APIError(.serviceUnavailable, "The execution logs could not be searched: the database is unavailable; try again shortly.")
        }
        let page = found.prefix(search.limit)
        let next: JSONValue = found.count > search.limit ? page.last.map { .string(ExecutionLogQuery.Cursor(after: $0).description) } ?? .null : .null
        let answer: JSONValue = ["logs": .array(page.map { .object(Self.composioSummary($0)) }), "next_cursor": next]
        return Response.json(ByteBuffer(bytes: answer.encoded()))
    }

    /// Toolport's own shape: `{log_id, tool_slug, connected_account_id, user_id, method, url, status_code,
    /// successful, duration_ms, attempts, error, dry_run, request_id, created_at}`.
    static func toolportFields(_ record: ExecutionLogRecord) -> [String: JSONValue] {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        return [
            "log_id": .string(record.id), "tool_slug": .string(record.toolSlug),
            "connected_account_id": text(record.connectedAccountID), "user_id": text(record.userID),
            "method": text(record.method), "url": text(record.url),
            "status_code": record.statusCode.map(JSONValue.integer) ?? .null,
            "successful": .bool(record.successful), "duration_ms": .integer(record.durationMilliseconds),
            "attempts": .integer(record.attempts), "error": text(record.error), "dry_run": .bool(record.dryRun),
            "request_id": text(record.requestID), "created_at": AccountsWire.timestamp(record.createdAt),
        ]
    }

    /// A log as Composio's search lists it: `{id, timestamp, type, status, level, message, metadata, metrics}`.
    static func composioSummary(_ record: ExecutionLogRecord) -> [String: JSONValue] {
        var metadata: [String: JSONValue] = [:]
        if let requestID = record.requestID { metadata["request_id"] = .string(requestID) }
        // Calls that built a request without an account used a credential given with the call.
        if record.connectedAccountID != nil {
            metadata["credential_source"] = "connected_account"
        } else if record.url != nil {
            metadata["credential_source"] = "custom_auth"
        }
        let message = record.error ?? "\(record.toolSlug) \(record.dryRun ? "dry run built" : "ran") in \(record.durationMilliseconds) ms"
        return [
            "id": .string(record.id), "timestamp": AccountsWire.timestamp(record.createdAt), "type": "tool.execution",
            "status": record.successful ? "success" : "failed", "level": record.successful ? "info" : "error", "message": .string(message),
            "metadata": .object(metadata),
            "metrics": ["duration_ms": .integer(record.durationMilliseconds), "attempts": .integer(record.attempts)],
        ]
    }

    /// A log as Composio's `logs.get` answers: the summary with `timings`, empty `context` and `source`
    /// (Toolport records neither), and Toolport's own fields under `data`.
    static func composioDetail(_ record: ExecutionLogRecord) -> [String: JSONValue] {
        var members = composioSummary(record)
        let end = Double(ExecutionLogQuery.milliseconds(record.createdAt))
        members["timings"] = ["start_time": .number(end - Double(record.durationMilliseconds)), "end_time": .number(end)]
        members["context"] = [:]
        members["source"] = [:]
        var data = toolportFields(record)
        data["toolkit_slug"] = "pipedrive"
        members["data"] = .object(data)
        return members
    }
}
