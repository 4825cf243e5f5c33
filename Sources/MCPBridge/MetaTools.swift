import Catalog
import MCP
import ToolportJSON

/// The three tools of `mode=search`: find tools, read their schemas, run one. An agent with a small
/// context reaches all 269 tools through them.
enum MetaTools {
    static let search = "SEARCH_TOOLS"
    static let schemas = "GET_TOOL_SCHEMAS"
    static let execute = "EXECUTE_TOOL"

    static let definitions: [MCP.Tool] = [
        MCP.Tool(
            name: search, title: "Search Pipedrive tools",
            description: "Find the Pipedrive tools for a task. Returns ranked slugs with one-line summaries; read their schemas with GET_TOOL_SCHEMAS.",
            inputSchema: schema([
                "type": "object",
                "properties": [
                    "query": ["type": "string", "description": "What you want to do, e.g. \"create a deal\"."],
                    "limit": ["type": "integer", "minimum": 1, "maximum": 50, "description": "How many results (default 10)."],
                ],
                "required": ["query"],
                "additionalProperties": false,
            ]),
            annotations: .init(title: "Search Pipedrive tools", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)
        ),
        MCP.Tool(
            name: schemas, title: "Get tool schemas",
            description: "Full descriptions and input JSON Schemas of the Pipedrive tools named by slug.",
            inputSchema: schema([
                "type": "object",
                "properties": ["slugs": ["type": "array", "items": ["type": "string"], "description": "Tool slugs from SEARCH_TOOLS."]],
                "required": ["slugs"],
                "additionalProperties": false,
            ]),
            annotations: .init(title: "Get tool schemas", readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)
        ),
        MCP.Tool(
            name: execute, title: "Execute a Pipedrive tool",
            description: "Run one Pipedrive tool with arguments that follow its schema. Returns {data, error, successful}.",
            inputSchema: schema([
                "type": "object",
                "properties": [
                    "slug": ["type": "string", "description": "The tool's slug."],
                    "arguments": ["type": "object", "description": "The tool's arguments."],
                ],
                "required": ["slug"],
                "additionalProperties": false,
            ]),
            annotations: .init(title: "Execute a Pipedrive tool", readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true)
        ),
    ]

    private static func schema(_ value: JSONValue) -> MCP.Value {
        value.mcpValue
    }

    /// The first sentence of a description, at most 160 characters.
    static func summary(_ description: String) -> String {
        let sentence = description.split(separator: ". ", maxSplits: 1).first.map(String.init) ?? description
        return sentence.count > 160 ? String(sentence.prefix(157)) + "…" : sentence
    }

    /// The tools `query` finds that `session` may run, best first.
    static func searchResult(catalog: Catalog, query: String, limit: Int, session: MCPSession) -> JSONValue {
        let hits = catalog.search(query).lazy.map { catalog.tools[$0] }.filter { session.refusal(of: $0) == nil }
            .prefix(max(1, min(limit, 50)))
        return ["results": .array(hits.map { ["slug": .string($0.slug), "name": .string($0.name), "summary": .string(summary($0.description))] })]
    }

    static func schemaResult(catalog: Catalog, slugs: [String]) -> JSONValue {
        var found: [JSONValue] = []
        var missing: [JSONValue] = []
        for slug in slugs {
            if let tool = catalog.tool(named: slug) {
                found.append(["slug": .string(tool.slug), "name": .string(tool.name), "description": .string(tool.description), "input_parameters": tool.inputParameters])
            } else {
                missing.append(.string(slug))
            }
        }
        return ["tools": .array(found), "unknown_slugs": .array(missing)]
    }
}
