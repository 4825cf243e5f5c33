import Catalog
public import Execution
import Foundation
public import Hummingbird
import NIOCore
public import Storage
import ToolportJSON

/// `POST /tools/execute/{slug}` (contract §2.3) and `GET /logs/{log_id}`.
public struct ExecuteRoutes: Sendable {
    let catalog: EncodedCatalog
    let executor: ToolExecutor
    let logs: any ExecutionLogStore

    public init(catalog: EncodedCatalog, executor: ToolExecutor, logs: any ExecutionLogStore) {
        self.catalog = catalog
        self.executor = executor
        self.logs = logs
    }

    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.post("tools/execute/{slug}") { request, context in
            try await self.execute(request, context: context, slug: context.pathParameter("slug"))
        }
        routes.get("logs/{id}") { _, context in try await self.log(id: context.pathParameter("id")) }
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
        let result = await executor.execute(tool: tool, arguments: body["arguments"] ?? .object([:]), selector: selector)
        return Response.json(ByteBuffer(bytes: result.json.encoded()))
    }

    func log(id: String) async throws -> Response {
        let record: ExecutionLogRecord?
        do {
            record = try await logs.record(id: id)
        } catch {
            throw APIError(.serviceUnavailable, "The execution log could not be read: the database is unavailable; try again shortly.")
        }
        guard let record else { throw APIError(.logNotFound, "Execution log \(id) not found") }
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        let object: JSONValue = [
            "log_id": .string(record.id), "tool_slug": .string(record.toolSlug),
            "connected_account_id": text(record.connectedAccountID), "user_id": text(record.userID),
            "method": text(record.method), "url": text(record.url),
            "status_code": record.statusCode.map(JSONValue.integer) ?? .null,
            "successful": .bool(record.successful), "duration_ms": .integer(record.durationMilliseconds),
            "attempts": .integer(record.attempts), "error": text(record.error),
            "created_at": AccountsWire.timestamp(record.createdAt),
        ]
        return Response.json(ByteBuffer(bytes: object.encoded()))
    }
}
