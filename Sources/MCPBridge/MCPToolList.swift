public import Catalog
import Foundation
import MCP
import ToolportJSON

/// The catalog as MCP tools, converted once, with the session filters applied per connection.
public struct MCPToolList: Sendable {
    let catalog: Catalog
    /// `definitions[i]` describes `catalog.tools[i]`.
    let definitions: [MCP.Tool]

    public init(catalog: Catalog) {
        self.catalog = catalog
        self.definitions = catalog.tools.map(Self.definition)
    }

    /// An MCP tool: the catalog schema and annotations from the HTTP method and tags.
    static func definition(for tool: CatalogTool) -> MCP.Tool {
        let method = tool.http.method
        return MCP.Tool(
            name: tool.slug,
            title: tool.name,
            description: tool.description,
            inputSchema: tool.inputParameters.mcpValue,
            annotations: .init(
                title: tool.name,
                readOnlyHint: method == "GET",
                destructiveHint: method == "DELETE" || tool.tags.contains("destructive"),
                idempotentHint: ["GET", "PUT", "DELETE"].contains(method),
                openWorldHint: true
            )
        )
    }

    /// The tools a session sees, in catalog order, or ranked when it searches.
    func tools(for session: MCPSession) -> [MCP.Tool] {
        var positions: [Int]
        if !session.tools.isEmpty {
            positions = session.tools.compactMap { catalog.position(of: $0) }
        } else {
            positions = Array(catalog.tools.indices)
        }
        if !session.toolkits.isEmpty, !session.toolkits.contains(where: { $0.lowercased() == catalog.toolkit.slug }) {
            positions = []
        }
        let tags = Set(session.tags.map { $0.lowercased() })
        if !tags.isEmpty {
            positions.removeAll { catalog.tools[$0].tags.allSatisfy { !tags.contains($0.lowercased()) } }
        }
        if let search = session.search, !search.isEmpty {
            let allowed = Set(positions)
            positions = catalog.search(search).filter(allowed.contains)
        }
        return positions.map { definitions[$0] }
    }
}
