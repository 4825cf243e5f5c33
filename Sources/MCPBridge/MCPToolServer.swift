public import Catalog
import Execution
import Foundation
public import Logging
public import MCP
import ToolportJSON

/// Toolport's tools over the Model Context Protocol: `tools/list` and `tools/call` through the same
/// executor as the HTTP API, or the three meta-tools of `mode=search`.
///
/// `tools/list`, `tools/call` and `ping` are answered directly from Toolport's JSON (see `FastRequest`); every other
/// message goes to the SDK's server. Over HTTP each of those gets its own short-lived MCP server on a stateless
/// transport, so concurrent clients (which reuse JSON-RPC ids) never see each other's answers and each request
/// carries its own session settings. Over stdio one server runs for the life of the process.
public struct MCPToolServer: Sendable {
    let tools: MCPToolList
    let executor: any ToolRunner
    let logger: Logger

    /// The stateless transport's request checks, shared by the fast path so that both refuse a request alike.
    static let validation = StandardValidationPipeline(validators: [
        AcceptHeaderValidator(mode: .jsonOnly), ContentTypeValidator(), ProtocolVersionValidator(),
    ])

    /// - Parameters:
    ///   - executor: runs the calls: the in-process executor, or a `RemoteToolRunner` for a Toolport server.
    public init(catalog: Catalog, executor: any ToolRunner, logger: Logger) {
        self.tools = MCPToolList(catalog: catalog)
        self.executor = executor
        self.logger = logger
    }

    /// Answers one Streamable HTTP request (POST with a JSON-RPC message) for `session`.
    public func handle(_ request: MCP.HTTPRequest, session: MCPSession) async -> MCP.HTTPResponse {
        if request.method.uppercased() == "POST", let body = request.body, let fast = FastRequest(message: body) {
            // What the stateless transport checks for a request that is not `initialize`.
            if let refusal = Self.validation.validate(request, context: HTTPValidationContext(httpMethod: "POST")) {
                return refusal
            }
            return .data(await answer(fast, session: session), headers: [HTTPHeaderName.contentType: "application/json"])
        }
        let transport = StatelessHTTPServerTransport(validationPipeline: Self.validation, logger: logger)
        let server = await makeServer(session: session)
        do {
            try await server.start(transport: transport)
        } catch {
            return .error(statusCode: 500, .internalError("The MCP server could not start."))
        }
        let response = await transport.handleRequest(request)
        await server.stop()
        return response
    }

    /// Serves `session` over stdin/stdout (or `transport`) until the client disconnects.
    public func runStdio(session: MCPSession, transport: (any Transport)? = nil) async throws {
        let server = await makeServer(session: session)
        let base = transport ?? StdioTransport(logger: logger)
        try await server.start(transport: FastPathTransport(base: base, server: self, session: session))
        await server.waitUntilCompleted()
    }

    /// The complete JSON-RPC response to a fast-path request.
    func answer(_ request: FastRequest, session: MCPSession) async -> Data {
        switch request.method {
        case .ping:
            return request.response(result: Data("{}".utf8))
        case .listTools:
            return request.response(result: tools.encodedListing(for: session))
        case .callTool(let name, let arguments):
            let outcome = await Self.call(name: name, arguments: arguments, session: session, tools: tools, executor: executor)
            return request.response(result: outcome.encodedResult)
        }
    }

    func makeServer(session: MCPSession) async -> Server {
        let server = Server(
            name: "toolport", version: "1.0.0", title: "Toolport for Pipedrive",
            instructions: session.mode == .search
                ? "Find Pipedrive tools with SEARCH_TOOLS, read their schemas with GET_TOOL_SCHEMAS, run one with EXECUTE_TOOL."
                : "Pipedrive CRM tools: deals, persons, organizations, activities, notes, leads, products and more.",
            capabilities: .init(tools: .init(listChanged: false))
        )
        let tools = self.tools
        let executor = self.executor
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: tools.tools(for: session))
        }
        await server.withMethodHandler(CallTool.self) { parameters in
            let arguments = JSONValue(mcp: MCP.Value.object(parameters.arguments ?? [:]))
            return await Self.call(name: parameters.name, arguments: arguments, session: session, tools: tools, executor: executor)
                .callToolResult
        }
        return server
    }

    /// Runs the tool `name` (or, in `mode=search`, the meta-tool) with `arguments`, a JSON object.
    static func call(name: String, arguments: JSONValue, session: MCPSession, tools: MCPToolList, executor: any ToolRunner) async -> ToolCallOutcome {
        let catalog = tools.catalog
        if session.mode == .search {
            switch name {
            case MetaTools.search:
                let limit = arguments["limit"]?.doubleValue.map { Int($0) } ?? 10
                let result = MetaTools.searchResult(catalog: catalog, query: arguments["query"]?.stringValue ?? "", limit: limit, session: session)
                return ToolCallOutcome(value: result, isError: false)
            case MetaTools.schemas:
                let slugs = (arguments["slugs"]?.arrayValue ?? []).compactMap { (item: JSONValue) in item.stringValue }
                return ToolCallOutcome(value: MetaTools.schemaResult(catalog: catalog, slugs: slugs), isError: false)
            case MetaTools.execute:
                return await execute(slug: arguments["slug"]?.stringValue ?? "", arguments: arguments["arguments"] ?? [:], session: session, catalog: catalog, executor: executor)
            default:
                return .failure("Unknown tool \(name); in search mode use SEARCH_TOOLS, GET_TOOL_SCHEMAS or EXECUTE_TOOL.")
            }
        }
        return await execute(slug: name, arguments: arguments, session: session, catalog: catalog, executor: executor)
    }

    static func execute(slug: String, arguments: JSONValue, session: MCPSession, catalog: Catalog, executor: any ToolRunner) async -> ToolCallOutcome {
        guard let tool = catalog.tool(named: slug) else {
            return .failure("Unknown tool \(slug); list the tools or search with SEARCH_TOOLS.")
        }
        if let refusal = session.refusal(of: tool) {
            return .failure(refusal)
        }
        let selector = AccountSelector(
            userID: session.userID, connectedAccountID: session.connectedAccountID, authConfigIDs: session.server?.authConfigIDs ?? []
        )
        let outcome = await executor.execute(tool: tool, arguments: arguments, selector: selector, dryRun: session.dryRun)
        let envelope: JSONValue = ["data": outcome.data, "error": outcome.error.map(JSONValue.string) ?? .null, "successful": .bool(outcome.successful)]
        return ToolCallOutcome(value: envelope, isError: !outcome.successful)
    }
}
