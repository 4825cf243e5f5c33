public import Catalog
import Execution
import Foundation
public import Logging
public import MCP
import ToolportJSON

/// Toolport's tools over the Model Context Protocol: `tools/list` and `tools/call` through the same
/// executor as the HTTP API, or the three meta-tools of `mode=search`.
///
/// Over HTTP each request gets its own short-lived MCP server on a stateless transport, so concurrent
/// clients (which reuse JSON-RPC ids) never see each other's answers and each request carries its own
/// session settings. Over stdio one server runs for the life of the process.
public struct MCPToolServer: Sendable {
    let tools: MCPToolList
    let executor: any ToolRunner
    let logger: Logger

    /// - Parameters:
    ///   - executor: runs the calls: the in-process executor, or a `RemoteToolRunner` for a Toolport server.
    public init(catalog: Catalog, executor: any ToolRunner, logger: Logger) {
        self.tools = MCPToolList(catalog: catalog)
        self.executor = executor
        self.logger = logger
    }

    /// Answers one Streamable HTTP request (POST with a JSON-RPC message) for `session`.
    public func handle(_ request: MCP.HTTPRequest, session: MCPSession) async -> MCP.HTTPResponse {
        let transport = StatelessHTTPServerTransport(
            validationPipeline: StandardValidationPipeline(validators: [
                AcceptHeaderValidator(mode: .jsonOnly), ContentTypeValidator(), ProtocolVersionValidator(),
            ]),
            logger: logger
        )
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
        try await server.start(transport: transport ?? StdioTransport(logger: logger))
        await server.waitUntilCompleted()
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
            ListTools.Result(tools: session.mode == .search ? MetaTools.definitions : tools.tools(for: session))
        }
        await server.withMethodHandler(CallTool.self) { parameters in
            await Self.call(parameters, session: session, tools: tools, executor: executor)
        }
        return server
    }

    static func call(_ parameters: CallTool.Parameters, session: MCPSession, tools: MCPToolList, executor: any ToolRunner) async -> CallTool.Result {
        let arguments = JSONValue(mcp: MCP.Value.object(parameters.arguments ?? [:]))
        let catalog = tools.catalog
        if session.mode == .search {
            switch parameters.name {
            case MetaTools.search:
                let limit = arguments["limit"]?.doubleValue.map { Int($0) } ?? 10
                return result(MetaTools.searchResult(catalog: catalog, query: arguments["query"]?.stringValue ?? "", limit: limit), isError: false)
            case MetaTools.schemas:
                let slugs = (arguments["slugs"]?.arrayValue ?? []).compactMap { (item: JSONValue) in item.stringValue }
                return result(MetaTools.schemaResult(catalog: catalog, slugs: slugs), isError: false)
            case MetaTools.execute:
                return await execute(slug: arguments["slug"]?.stringValue ?? "", arguments: arguments["arguments"] ?? [:], session: session, catalog: catalog, executor: executor)
            default:
                return failure("Unknown tool \(parameters.name); in search mode use SEARCH_TOOLS, GET_TOOL_SCHEMAS or EXECUTE_TOOL.")
            }
        }
        return await execute(slug: parameters.name, arguments: arguments, session: session, catalog: catalog, executor: executor)
    }

    static func execute(slug: String, arguments: JSONValue, session: MCPSession, catalog: Catalog, executor: any ToolRunner) async -> CallTool.Result {
        guard let tool = catalog.tool(named: slug) else {
            return failure("Unknown tool \(slug); list the tools or search with SEARCH_TOOLS.")
        }
        let outcome = await executor.execute(
            tool: tool, arguments: arguments, selector: AccountSelector(userID: session.userID, connectedAccountID: session.connectedAccountID)
        )
        let envelope: JSONValue = ["data": outcome.data, "error": outcome.error.map(JSONValue.string) ?? .null, "successful": .bool(outcome.successful)]
        return result(envelope, isError: !outcome.successful)
    }

    /// `structuredContent` is the value; `content` the same as JSON text, for clients that read only text.
    static func result(_ value: JSONValue, isError: Bool) -> CallTool.Result {
        let structured: MCP.Value? = value.mcpValue
        let text: MCP.Tool.Content = .text(text: String(decoding: value.encoded(), as: UTF8.self), annotations: nil, _meta: nil)
        return CallTool.Result(content: [text], structuredContent: structured, isError: isError, _meta: nil)
    }

    static func failure(_ message: String) -> CallTool.Result {
        result(["data": [:], "error": .string(message), "successful": false], isError: true)
    }
}
