import Foundation
import HTTPTypes
public import Hummingbird
import MCP
public import MCPBridge
import NIOCore
import Catalog
public import Storage
import ToolportJSON

/// `/mcp`: Toolport's tools over MCP Streamable HTTP (stateless JSON answers); `/mcp/{server_id}`: only the tools
/// of a configured MCP server (`composio.mcp.create`), with accounts of its auth configs.
///
/// Auth: `x-api-key` or `Authorization: Bearer <api key>`; a scoped key sees and runs only its tools, as
/// one of its users. `x-toolport-dry-run: 1` makes every call a dry run. The URL sets the session:
/// `user_id` (or header `x-user-id`), `connected_account_id`, `mode=search` for the three meta-tools,
/// and the tool filters `toolkits`, `tools`, `tags`, `search`. `session_id` (a tool router session's
/// `mcp.url`) sets all of them from the session: its user and account, and the tools it enables.
public struct MCPRoutes: Sendable {
    let server: MCPToolServer
    let authenticator: APIKeyAuthenticator
    let sessions: any SessionStore
    let servers: any MCPServerStore
    let catalog: EncodedCatalog

    public init(
        server: MCPToolServer, authenticator: APIKeyAuthenticator, sessions: any SessionStore, servers: any MCPServerStore, catalog: EncodedCatalog
    ) {
        self.server = server
        self.authenticator = authenticator
        self.sessions = sessions
        self.servers = servers
        self.catalog = catalog
    }

    public func add(to router: Router<ToolportRequestContext>) {
        for method in [HTTPRequest.Method.post, .get, .delete] {
            router.on("mcp", method: method) { request, context in try await self.handle(request, context: context, serverID: nil) }
            router.on("mcp/{server}", method: method) { request, context in
                try await self.handle(request, context: context, serverID: context.pathParameter("server"))
            }
        }
    }

    /// The configured server `id` as a session scope; 404 when there is none.
    func serverScope(of id: String) async throws -> MCPServerScope {
        guard let record = try await storageCall("read the MCP server", { () throws(StorageError) in try await servers.get(id: id) }) else {
            throw MCPServerRoutes.notFound(id)
        }
        return MCPServerScope(id: record.id, toolkits: record.toolkits, tools: record.allowedTools, authConfigIDs: record.authConfigIDs)
    }

    /// - Parameters:
    ///   - serverID: the configured MCP server the URL names, looked up once the key is known to be valid.
    func handle(_ request: Request, context: ToolportRequestContext, serverID: String?) async throws -> Response {
        let key = request.headers[.xAPIKey] ?? request.headers[.authorization].flatMap { value in
            value.lowercased().hasPrefix("bearer ") ? String(value.dropFirst(7)) : nil
        }
        guard let key, !key.isEmpty else {
            throw APIError(.unauthorized, "Missing or invalid API key", suggestedFix: "Send your Toolport API key as x-api-key or Authorization: Bearer.")
        }
        let caller = try await authenticator.caller(for: key)
        var configured: MCPServerScope?
        if let serverID { configured = try await serverScope(of: serverID) }
        let query = request.uri.queryParameters
        var session = MCPSession(
            mode: query.nonEmpty("mode") == "search" ? .search : .tools,
            userID: query.nonEmpty("user_id") ?? request.headers[HTTPField.Name("x-user-id")!],
            connectedAccountID: query.nonEmpty("connected_account_id") ?? request.headers[HTTPField.Name("x-connected-account-id")!],
            toolkits: query.list("toolkits"), tools: query.list("tools"), tags: query.list("tags"), search: query.nonEmpty("search"),
            permission: caller.permission, server: configured,
            dryRun: ExecuteRoutes.asksForDryRun(request.headers)
        )
        if let sessionID = query.nonEmpty("session_id") {
            try await scope(&session, toSession: sessionID)
        }
        // A scoped key's session must act as one of its users (its account, if named, is checked per call:
        // it must belong to that user).
        if let refusal = caller.refusal(actingAs: session.userID) {
            throw APIError(.forbidden, "Refused: \(refusal) (user_id in the /mcp URL or x-user-id)", errors: ["user_id"])
        }
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let answer = await server.handle(
            MCP.HTTPRequest(method: request.method.rawValue, headers: headers, body: Data(body.readableBytesView), path: request.uri.path),
            session: session
        )
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.statusCode), headers: fields,
            body: answer.bodyData.map { .init(byteBuffer: ByteBuffer(bytes: $0)) } ?? .init()
        )
    }

    /// Narrows `session` to a tool router session's user, chosen account and enabled tools.
    private func scope(_ session: inout MCPSession, toSession id: String) async throws {
        let record: SessionRecord?
        do {
            record = try await sessions.get(id: id)
        } catch {
            throw APIError(.serviceUnavailable, "The session database is unavailable; try again shortly.")
        }
        guard let record else { throw APIError(.sessionNotFound, "Session \(id) not found") }
        let config = (try? JSONValue(parsing: Data(record.config.utf8))) ?? [:]
        let enabled = SessionConfig.enabledTools(config, catalog: catalog.catalog, api: catalog.api)
        session.mode = .tools
        session.userID = record.userID
        session.connectedAccountID = SessionConfig.connectedAccount(config, toolkit: catalog.catalog.toolkit.slug)
        // An empty selection must list nothing, not everything: name a tool no catalog has.
        let slugs = enabled.isEmpty ? ["TOOLPORT_NO_TOOLS"] : enabled.map { catalog.catalog.tools[$0].slug }
        session.tools = slugs
        session.toolkits = []
        session.tags = []
        session.search = nil
        // Calls are held to the same tools as the list, and to the session's auth config when it names one.
        let toolkit = catalog.catalog.toolkit.slug
        session.server = MCPServerScope(
            id: record.id, toolkits: [toolkit], tools: slugs, authConfigIDs: config["auth_configs"]?[toolkit]?.stringValue.map { [$0] } ?? []
        )
    }
}
