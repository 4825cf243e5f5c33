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
    /// Calls build their request and answer with it instead of sending it (`x-toolport-dry-run: 1`).
    public var dryRun: Bool

    public init(
        mode: Mode = .tools, userID: String? = nil, connectedAccountID: String? = nil, toolkits: [String] = [], tools: [String] = [],
        tags: [String] = [], search: String? = nil, permission: ToolPermission = .everything, dryRun: Bool = false
    ) {
        self.mode = mode
        self.userID = userID
        self.connectedAccountID = connectedAccountID
        self.toolkits = toolkits
        self.tools = tools
        self.tags = tags
        self.search = search
        self.permission = permission
        self.dryRun = dryRun
    }
}
