public import Catalog

/// A configured MCP server a session is confined to (`/mcp/{server_id}`): only its tools are listed and run, on
/// top of what the caller's key allows.
public struct MCPServerScope: Sendable, Hashable {
    public var id: String
    /// Toolkit slugs, lowercase.
    public var toolkits: Set<String>
    /// Tool slugs, uppercase; empty: every tool of the toolkits.
    public var tools: Set<String>
    /// The auth configs whose connected accounts calls may use; empty: any of the user's accounts.
    public var authConfigIDs: [String]

    public init(id: String, toolkits: [String], tools: [String], authConfigIDs: [String]) {
        self.id = id
        self.toolkits = Set(toolkits.map { $0.lowercased() })
        self.tools = Set(tools.map { $0.uppercased() })
        self.authConfigIDs = authConfigIDs
    }

    /// Why the server does not offer `tool`, or nil when it does.
    public func refusal(of tool: Tool) -> String? {
        guard toolkits.contains(tool.toolkit.lowercased()) else {
            return "MCP server \(id) offers only tools of \(toolkits.sorted().joined(separator: ", "))"
        }
        guard tools.isEmpty || tools.contains(tool.slug.uppercased()) else {
            return "it is not one of the \(tools.count) tools MCP server \(id) offers"
        }
        return nil
    }
}
