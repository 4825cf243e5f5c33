public import Catalog
import Foundation
import MCP
import Synchronization
import ToolportJSON

/// The catalog as MCP tools, converted once, with the session filters applied per connection.
public struct MCPToolList: Sendable {
    let catalog: Catalog
    /// `definitions[i]` describes `catalog.tools[i]`.
    let definitions: [MCP.Tool]
    /// `tools/list` results already encoded, by the selection they list.
    private let listings = ListingCache()

    public init(catalog: Catalog) {
        self.catalog = catalog
        self.definitions = catalog.tools.map(Self.definition)
    }

    /// An MCP tool: the catalog schema and annotations from the HTTP method and tags.
    static func definition(for tool: CatalogTool) -> MCP.Tool {
        let hints = ToolAnnotations(tool, api: .current)
        return MCP.Tool(
            name: tool.slug,
            title: tool.name,
            description: tool.description,
            inputSchema: tool.inputParameters.mcpValue,
            annotations: .init(
                title: hints.title, readOnlyHint: hints.readOnlyHint, destructiveHint: hints.destructiveHint,
                idempotentHint: hints.idempotentHint, openWorldHint: hints.openWorldHint
            )
        )
    }

    /// The tools a session lists: the three meta-tools in `mode=search`, else the filtered catalog in catalog order,
    /// or ranked when it searches.
    func tools(for session: MCPSession) -> [MCP.Tool] {
        let selection = Selection(session)
        guard selection.mode == .tools else { return MetaTools.definitions }
        var positions: [Int]
        if !selection.tools.isEmpty {
            positions = selection.tools.compactMap { catalog.position(of: $0) }
        } else {
            positions = Array(catalog.tools.indices)
        }
        if !selection.toolkits.isEmpty, !selection.toolkits.contains(where: { $0.lowercased() == catalog.toolkit.slug }) {
            positions = []
        }
        if selection.permission != .everything {
            positions.removeAll { !selection.permission.permits(catalog.tools[$0], api: .current) }
        }
        if let server = selection.server {
            positions.removeAll { server.refusal(of: catalog.tools[$0]) != nil }
        }
        let tags = Set(selection.tags.map { $0.lowercased() })
        if !tags.isEmpty {
            positions.removeAll { catalog.tools[$0].tags.allSatisfy { !tags.contains($0.lowercased()) } }
        }
        if let search = selection.search, !search.isEmpty {
            let allowed = Set(positions)
            positions = catalog.search(search).filter(allowed.contains)
        }
        return positions.map { definitions[$0] }
    }

    /// The `tools/list` result for `session` as JSON (`{"tools":[…]}`), encoded once per distinct selection.
    func encodedListing(for session: MCPSession) -> Data {
        let selection = Selection(session)
        if let cached = listings.listing(for: selection) { return cached }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A tool list is plain strings, booleans and JSON values: encoding it cannot fail.
        let listing = (try? encoder.encode(ListTools.Result(tools: tools(for: session)))) ?? Data(#"{"tools":[]}"#.utf8)
        listings.store(listing, for: selection)
        return listing
    }

    /// What decides a session's tool list: the mode and, in `tools` mode, the filters.
    struct Selection: Hashable {
        let mode: MCPSession.Mode
        let toolkits: [String]
        let tools: [String]
        let tags: [String]
        let search: String?
        let permission: ToolPermission
        let server: MCPServerScope?

        init(_ session: MCPSession) {
            mode = session.mode
            permission = session.permission
            server = session.server
            let filtered = session.mode == .tools
            toolkits = filtered ? session.toolkits : []
            tools = filtered ? session.tools : []
            tags = filtered ? session.tags : []
            search = filtered ? session.search : nil
        }
    }
}

/// Encoded tool lists by selection, shared by every copy of an `MCPToolList`. Filters come from request URLs, so the
/// cache holds at most `limit` lists and forgets the oldest one to make room.
private final class ListingCache: Sendable {
    private struct Entries {
        var listings: [MCPToolList.Selection: Data] = [:]
        var order: [MCPToolList.Selection] = []
    }

    static let limit = 32
    private let entries = Mutex(Entries())

    func listing(for selection: MCPToolList.Selection) -> Data? {
        entries.withLock { $0.listings[selection] }
    }

    func store(_ listing: Data, for selection: MCPToolList.Selection) {
        entries.withLock { entries in
            if entries.listings.updateValue(listing, forKey: selection) == nil {
                entries.order.append(selection)
            }
            if entries.order.count > Self.limit {
                entries.listings[entries.order.removeFirst()] = nil
            }
        }
    }
}
