public import Accounts
public import Catalog
import Foundation
public import Hummingbird
import NIOCore
import Storage
import ToolportJSON

/// `/auth_configs` (Composio contract §3).
public struct AuthConfigRoutes: Sendable {
    let service: AuthConfigService
    let toolkit: Toolkit

    public init(service: AuthConfigService, toolkit: Toolkit) {
        self.service = service
        self.toolkit = toolkit
    }

    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.post("auth_configs") { request, context in try await self.create(request, context: context) }
        routes.get("auth_configs") { request, _ in try await self.list(request) }
        routes.get("auth_configs/{id}") { _, context in try await self.show(id: context.pathParameter("id")) }
        routes.patch("auth_configs/{id}") { request, context in
            try await self.update(request, context: context, id: context.pathParameter("id"))
        }
        routes.patch("auth_configs/{id}/{status}") { _, context in
            try await self.setStatus(id: context.pathParameter("id"), status: context.pathParameter("status"))
        }
        routes.delete("auth_configs/{id}") { _, context in try await self.delete(id: context.pathParameter("id")) }
        return routes
    }

    func create(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let body = try await request.jsonObject(context: context)
        guard let slug = body["toolkit"]?["slug"]?.stringValue ?? body["toolkit"]?.stringValue else {
            throw APIError(.badRequest, "toolkit.slug is required", errors: ["toolkit.slug"])
        }
        if let options = body["auth_config"]?.objectValue { try Self.checkShapes(options, in: "auth_config.") }
        let record = try await accountsCall { () throws(AccountsError) in try await service.create(toolkitSlug: slug, options: body["auth_config"]) }
        let answer: JSONValue = [
            "toolkit": ["slug": .string(record.toolkit)],
            "auth_config": [
                "id": .string(record.id), "auth_scheme": .string(record.authScheme), "is_composio_managed": false,
                "restrict_to_following_tools": [],
            ],
        ]
        return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: answer.encoded())))
    }

    func list(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let page = try PageRequest(query: query)
        let toolkitFilter = query.nonEmpty("toolkit_slug")
        if let isManaged = try query.bool("is_composio_managed"), isManaged {
            return Response.json(ListResponseWriter.write(items: [ByteBuffer](), page: page.page(total: 0)))
        }
        let includeDisabled = try query.bool("show_disabled") ?? true
        let records = try await accountsCall { () throws(AccountsError) in
            try await service.list(toolkit: toolkitFilter, includeDisabled: includeDisabled, search: query.nonEmpty("search"))
        }
        let slice = page.page(total: records.count)
        var items: [ByteBuffer] = []
        for record in records[slice.range] {
            let count = try await accountsCall { () throws(AccountsError) in try await service.connectionCount(id: record.id) }
            items.append(ByteBuffer(bytes: AccountsWire.authConfig(record, connections: count, toolkit: toolkit).encoded()))
        }
        return Response.json(ListResponseWriter.write(items: items, page: slice))
    }

    func show(id: String) async throws -> Response {
        let record = try await accountsCall { () throws(AccountsError) in try await service.get(id: id) }
        let count = try await accountsCall { () throws(AccountsError) in try await service.connectionCount(id: id) }
        return Response.json(ByteBuffer(bytes: AccountsWire.authConfig(record, connections: count, toolkit: toolkit).encoded()))
    }

    func update(_ request: Request, context: ToolportRequestContext, id: String) async throws -> Response {
        let body = try await request.jsonObject(context: context)
        try Self.checkShapes(body, in: "")
        try await accountsCall { () throws(AccountsError) in try await service.update(id: id, body: .object(body)) }
        return Self.success("Auth config \(id) updated")
    }

    func setStatus(id: String, status: String) async throws -> Response {
        let enabled: Bool
        switch status.uppercased() {
        case "ENABLED": enabled = true
        case "DISABLED": enabled = false
        default: throw APIError(.badRequest, "status must be ENABLED or DISABLED, got \(status)")
        }
        try await accountsCall { () throws(AccountsError) in try await service.setEnabled(id: id, enabled: enabled) }
        return Self.success("Auth config \(id) \(enabled ? "enabled" : "disabled")")
    }

    func delete(id: String) async throws -> Response {
        try await accountsCall { () throws(AccountsError) in try await service.delete(id: id) }
        return Self.success("Auth config \(id) and its connected accounts deleted")
    }

    /// Refuses a `name` that is not a string and a `tool_access_config` that is not an object, which would
    /// otherwise be dropped without a word (the answer shows the default name and `{}`).
    /// - Parameters:
    ///   - prefix: where `fields` sits in the request body (`auth_config.` for a create), for the error.
    static func checkShapes(_ fields: [String: JSONValue], in prefix: String) throws(APIError) {
        _ = try fields.optionalString("name", in: prefix)
        switch fields["tool_access_config"] {
        case nil, .null, .object: break
        case let other?:
            throw APIError(
                .badRequest, "\(prefix)tool_access_config must be an object, got \(other.briefDescription)", errors: ["\(prefix)tool_access_config"]
            )
        }
    }

    static func success(_ message: String) -> Response {
        let body: JSONValue = ["success": true, "message": .string(message)]
        return Response.json(ByteBuffer(bytes: body.encoded()))
    }
}
