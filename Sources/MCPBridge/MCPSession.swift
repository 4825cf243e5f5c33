public import Catalog

/// What one MCP connection sees and acts as: set from the endpoint URL (`/mcp?user_id=…&mode=search`)
/// or the `toolport mcp-stdio` flags.
public struct MCPSession: Sendable, Equatable {
    /// Every tool, or only the three meta-tools that reach them all (`mode=search`).
    public enum Mode: String, Sendable {
        case tools
        case search
    }

    public var mode: Mode
    /// The end user calls run for, and optionally their account.
    public var userID: String?
    public var connectedAccountID: String?
    /// Tool list filters, as on `GET /api/v3.1/tools`.
    public var toolkits: [String]
    public var tools: [String]
    public var tags: [String]
    public var search: String?
    /// The tools the caller's key may list and run.
    public var permission: ToolPermission
    /// The configured MCP server the session is confined to (`/mcp/{server_id}`), if any.
    public var server: MCPServerScope?
    /// Calls build their request and answer with it instead of sending it (`x-toolport-dry-run: 1`).
    public var dryRun: Bool

    public init(
        mode: Mode = .tools, userID: String? = nil, connectedAccountID: String? = nil, toolkits: [String] = [], tools: [String] = [],
        tags: [String] = [], search: String? = nil, permission: ToolPermission = .everything, server: MCPServerScope? = nil, dryRun: Bool = false
    ) {
        self.mode = mode
        self.userID = userID
        self.connectedAccountID = connectedAccountID
        self.toolkits = toolkits
        self.tools = tools
        self.tags = tags
        self.search = search
        self.permission = permission
        self.server = server
        self.dryRun = dryRun
    }

    /// Why this session may not list or run `tool` (the key does not allow it, or the MCP server does not offer
    /// it), or nil when it may.
    public func refusal(of tool: Tool) -> String? {
        if let refusal = permission.refusal(of: tool, api: .current) { return "Tool \(tool.slug) is not available to this API key: \(refusal)." }
        if let refusal = server?.refusal(of: tool) { return "Tool \(tool.slug) is not available here: \(refusal)." }
        return nil
    }
}
