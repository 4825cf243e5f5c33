import ToolportJSON

/// The meta tools a tool router session gives its agent, under Composio's names: search the session's tools,
/// read their schemas, run several at once, and see or start the user's connections.
///
/// Composio's workbench tools (`COMPOSIO_REMOTE_WORKBENCH`, `COMPOSIO_REMOTE_BASH_TOOL`) run code in Composio's
/// cloud sandbox; Toolport has none and does not list them.
enum SessionMetaTool: String, CaseIterable, Sendable {
    case searchTools = "COMPOSIO_SEARCH_TOOLS"
    case getToolSchemas = "COMPOSIO_GET_TOOL_SCHEMAS"
    case multiExecute = "COMPOSIO_MULTI_EXECUTE_TOOL"
    case manageConnections = "COMPOSIO_MANAGE_CONNECTIONS"
    case waitForConnections = "COMPOSIO_WAIT_FOR_CONNECTIONS"
    case proxyExecute = "COMPOSIO_PROXY_EXECUTE"

    /// The meta tools a configuration turns on: search unless `search.enable` is false, multi-execute unless
    /// `execute.enable_multi_execute` is false, connections while `manage_connections` is on (waiting only
    /// when asked for), and the raw proxy only when `proxy_execute.enable` is true.
    static func enabled(by config: JSONValue) -> [SessionMetaTool] {
        let manages = config["manage_connections"]?["enabled"]?.boolValue ?? true
        return allCases.filter { tool in
            switch tool {
            case .searchTools: SessionConfig.isOn(config, "search", "enable")
            case .getToolSchemas: true
            case .multiExecute: SessionConfig.isOn(config, "execute", "enable_multi_execute")
            case .manageConnections: manages
            case .waitForConnections: manages && config["manage_connections"]?["enable_wait_for_connections"]?.boolValue == true
            case .proxyExecute: config["proxy_execute"]?["enable"]?.boolValue == true
            }
        }
    }

    var name: String {
        switch self {
        case .searchTools: "Search tools"
        case .getToolSchemas: "Get tool schemas"
        case .multiExecute: "Multi execute tool"
        case .manageConnections: "Manage connections"
        case .waitForConnections: "Wait for connections"
        case .proxyExecute: "Proxy execute"
        }
    }

    var description: String {
        switch self {
        case .searchTools:
            "Find the tools for one or more tasks. For each use case it returns the primary tools to run (best first), related tools, "
                + "their input schemas and whether the user's account for the toolkit is connected. Search before executing."
        case .getToolSchemas: "The full input schemas of tools named by slug, as COMPOSIO_SEARCH_TOOLS found them."
        case .multiExecute:
            "Run up to 20 tools in one call, each with arguments that follow its schema. Returns each tool's {successful, data, error} in order."
        case .manageConnections:
            "See whether the user's accounts for the given toolkits are connected, and get a link the user opens to connect one that is not."
        case .waitForConnections: "Check again whether the user has connected the given toolkits after opening their links."
        case .proxyExecute:
            "Send a request to any Pipedrive endpoint (e.g. GET /v1/deals) as the user, when no tool covers it. Returns {status, data, headers}."
        }
    }

    var inputSchema: JSONValue {
        switch self {
        case .searchTools:
            [
                "type": "object",
                "properties": [
                    "queries": [
                        "type": "array", "minItems": 1, "maxItems": 10,
                        "description": "One item per task.",
                        "items": [
                            "type": "object",
                            "properties": [
                                "use_case": ["type": "string", "description": "The task in plain words, e.g. \"mark the Acme deal as won\"."],
                                "known_fields": ["type": "string", "description": "Values already known for the task, e.g. \"deal_id: 42\"."],
                            ],
                            "required": ["use_case"],
                        ],
                    ],
                    "session": ["type": "object", "description": "Accepted for compatibility; the session is the one this tool belongs to."],
                ],
                "required": ["queries"],
            ]
        case .getToolSchemas:
            [
                "type": "object",
                "properties": ["tool_slugs": ["type": "array", "items": ["type": "string"], "minItems": 1, "description": "Tool slugs from COMPOSIO_SEARCH_TOOLS."]],
                "required": ["tool_slugs"],
            ]
        case .multiExecute:
            [
                "type": "object",
                "properties": [
                    "tools": [
                        "type": "array", "minItems": 1, "maxItems": 20,
                        "items": [
                            "type": "object",
                            "properties": [
                                "tool_slug": ["type": "string", "description": "The tool's slug."],
                                "arguments": ["type": "object", "description": "The tool's arguments, following its schema."],
                                "account": ["type": "string", "description": "A connected account id, when the user has several."],
                            ],
                            "required": ["tool_slug", "arguments"],
                        ],
                    ],
                    "thought": ["type": "string", "description": "Why these tools, in one sentence."],
                    "sync_response_to_workbench": ["type": "boolean", "description": "Accepted for compatibility; Toolport has no workbench."],
                ],
                "required": ["tools"],
            ]
        case .proxyExecute:
            [
                "type": "object",
                "properties": [
                    "toolkit": ["type": "string", "description": "The toolkit: pipedrive."],
                    "endpoint": ["type": "string", "description": "A Pipedrive path, e.g. /v1/deals or /api/v2/persons/5."],
                    "method": ["type": "string", "enum": ["GET", "POST", "PUT", "PATCH", "DELETE"]],
                    "body": ["type": "object", "description": "The JSON body, for POST, PUT and PATCH."],
                    "parameters": [
                        "type": "array", "description": "Query parameters and headers.",
                        "items": [
                            "type": "object",
                            "properties": ["name": ["type": "string"], "value": ["type": "string"], "type": ["type": "string", "enum": ["query", "header"]]],
                            "required": ["name", "value", "type"],
                        ],
                    ],
                ],
                "required": ["endpoint", "method"],
            ]
        case .manageConnections, .waitForConnections:
            [
                "type": "object",
                "properties": ["toolkits": ["type": "array", "items": ["type": "string"], "minItems": 1, "description": "Toolkit slugs, e.g. [\"pipedrive\"]."]],
                "required": ["toolkits"],
            ]
        }
    }

    /// The tool as a Composio `<Tool>` list item (toolkit `composio`).
    var wireObject: JSONValue {
        let versions: JSONValue = ["latest"]
        return [
            "slug": .string(rawValue), "name": .string(name), "description": .string(description), "human_description": .string(description),
            "input_parameters": inputSchema, "output_parameters": ["type": "object"],
            "version": "latest", "available_versions": versions, "scopes": [], "tags": ["meta"],
            "is_deprecated": false, "no_auth": true,
            "toolkit": ["slug": "composio", "name": "Composio", "logo": ""],
            "deprecated": ["available_versions": versions, "displayName": .string(name), "is_deprecated": false, "toolkit": ["logo": ""], "version": "latest"],
        ]
    }
}
