import Foundation
import Catalog
import Storage
import ToolportJSON

/// The fields of an MCP server create or update (`composio.mcp.create` / `update`) as the body gives them; nil: not
/// given. ``applied(to:catalog:authConfigToolkits:)`` checks them against the catalog and the auth configs.
struct MCPServerDraft: Equatable {
    var name: String?
    var toolkits: [String]?
    var authConfigIDs: [String]?
    var allowedTools: [String]?
    var managedAuth: Bool?

    /// The longest name kept.
    static let maximumNameLength = 100

    init(name: String? = nil, toolkits: [String]? = nil, authConfigIDs: [String]? = nil, allowedTools: [String]? = nil, managedAuth: Bool? = nil) {
        self.name = name
        self.toolkits = toolkits
        self.authConfigIDs = authConfigIDs
        self.allowedTools = allowedTools
        self.managedAuth = managedAuth
    }

    /// Reads `body`: `name`, `toolkits`, `auth_config_ids`, `allowed_tools` (or the older `custom_tools`) and
    /// `managed_auth_via_composio`.
    /// - Throws: `APIError` 400 naming a field of the wrong type.
    init(body: [String: JSONValue]) throws(APIError) {
        name = try body.optionalString("name")
        toolkits = try Self.strings(body, "toolkits")
        authConfigIDs = try Self.strings(body, "auth_config_ids")
        let customTools = try Self.strings(body, "custom_tools")
        allowedTools = try Self.strings(body, "allowed_tools") ?? customTools
        switch body["managed_auth_via_composio"] {
        case nil, .null: managedAuth = nil
        case .bool(let flag): managedAuth = flag
        case let other?:
            throw APIError(.badRequest, "managed_auth_via_composio must be a boolean, got \(other.briefDescription)", errors: ["managed_auth_via_composio"])
        }
    }

    /// `record` with the given fields: toolkits lowercased, tool slugs as the catalog spells them, duplicates dropped;
    /// toolkits taken from the auth configs when none are named.
    /// - Parameters:
    ///   - authConfigToolkits: the toolkit of each auth config the draft names that exists, by id.
    /// - Throws: `APIError` 400 for a blank or long name, no toolkit or one this server does not serve, a named auth
    ///   config that does not exist or belongs to another toolkit, or a tool that is not in the toolkits.
    func applied(to record: MCPServerRecord, catalog: Catalog, authConfigToolkits: [String: String]) throws(APIError) -> MCPServerRecord {
        var result = record
        if let name { result.name = name.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard !result.name.isEmpty, result.name.count <= Self.maximumNameLength else {
            throw APIError(.badRequest, "name must be 1 to \(Self.maximumNameLength) characters", errors: ["name"])
        }
        if let authConfigIDs { result.authConfigIDs = Self.unique(authConfigIDs) }
        if let toolkits { result.toolkits = Self.unique(toolkits.map { $0.lowercased() }) }
        if result.toolkits.isEmpty {
            result.toolkits = Self.unique(result.authConfigIDs.compactMap { authConfigToolkits[$0]?.lowercased() })
        }
        guard !result.toolkits.isEmpty else {
            throw APIError(.badRequest, "toolkits must name at least one toolkit (\(catalog.toolkit.slug))", errors: ["toolkits"])
        }
        let unknownToolkits = result.toolkits.filter { $0 != catalog.toolkit.slug }
        guard unknownToolkits.isEmpty else {
            throw APIError(
                .badRequest, "This server serves only the \(catalog.toolkit.slug) toolkit; unknown: \(unknownToolkits.joined(separator: ", "))",
                errors: ["toolkits"]
            )
        }
        // Only the auth configs the draft names are checked: one deleted since it was stored does not block a rename.
        for id in authConfigIDs ?? [] {
            guard let toolkit = authConfigToolkits[id] else {
                throw APIError(.badRequest, "Auth config \(id) does not exist", errors: ["auth_config_ids"])
            }
            guard result.toolkits.contains(toolkit.lowercased()) else {
                throw APIError(.badRequest, "Auth config \(id) is for \(toolkit), not one of the server's toolkits", errors: ["auth_config_ids"])
            }
        }
        if let allowedTools {
            let tools = allowedTools.map { ($0, catalog.tool(named: $0)) }
            let unknown = tools.filter { $0.1.map { !result.toolkits.contains($0.toolkit.lowercased()) } ?? true }.map(\.0)
            guard unknown.isEmpty else {
                throw APIError(.badRequest, "Unknown tools for this server's toolkits: \(unknown.joined(separator: ", "))", errors: ["allowed_tools"])
            }
            result.allowedTools = Self.unique(tools.compactMap { $0.1?.slug })
        }
        if let managedAuth { result.managedAuth = managedAuth }
        return result
    }

    /// The array of strings at `key`; nil when absent or null.
    static func strings(_ body: [String: JSONValue], _ key: String) throws(APIError) -> [String]? {
        switch body[key] {
        case nil, .null: return nil
        case .array(let items):
            var strings: [String] = []
            for item in items {
                guard let text = item.stringValue, !text.isEmpty else {
                    throw APIError(.badRequest, "\(key) must be an array of non-empty strings, got \(item.briefDescription) in it", errors: [key])
                }
                strings.append(text)
            }
            return strings
        case let other?:
            throw APIError(.badRequest, "\(key) must be an array of strings, got \(other.briefDescription)", errors: [key])
        }
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
