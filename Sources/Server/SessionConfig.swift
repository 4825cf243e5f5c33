import Catalog
import ToolportJSON

/// A tool router session's configuration, in the shape Composio answers it (`config`): built from a create
/// request, changed by an update, and read for the tools the session enables. Pure functions; the routes
/// store the result as JSON text.
///
/// Requests say `enable`/`disable` where answers say `enabled`/`disabled` (the SDK sends the one and reads
/// the other); everything else keeps its name.
enum SessionConfig {
    /// The tool hints Composio's `tags` filter by.
    static let tagNames: Set<String> = ["readOnlyHint", "createHint", "updateHint", "destructiveHint", "idempotentHint", "openWorldHint"]

    /// The request keys a session's configuration is made of; anything else in a create or update is refused.
    static let keys: Set<String> = [
        "toolkits", "tools", "tags", "auth_configs", "connected_accounts", "manage_connections", "workbench", "multi_account",
        "proxy_execute", "preload", "search", "execute", "instant", "experimental",
    ]

    /// The configuration a create request asks for, with Composio's defaults for what it leaves out.
    /// - Throws: `APIError` naming the first part Toolport cannot serve or does not understand.
    static func make(userID: String, request: [String: JSONValue], catalog: Catalog) throws(APIError) -> JSONValue {
        var config: [String: JSONValue] = [
            "user_id": .string(userID), "preload": ["tools": []], "search": [:], "execute": [:], "instant": false,
            "manage_connections": ["enabled": true],
        ]
        for (key, value) in request where key != "user_id" {
            config[key] = try normalized(key, value, catalog: catalog)
        }
        return .object(config.filter { $0.value != .null })
    }

    /// `config` with `patch` applied: each key given replaces the stored one, `null` removes it (back to the
    /// default for the keys that have one).
    static func applying(_ patch: [String: JSONValue], to config: JSONValue, catalog: Catalog) throws(APIError) -> JSONValue {
        var members = config.objectValue ?? [:]
        let defaults = (try? make(userID: "", request: [:], catalog: catalog).objectValue) ?? [:]
        for (key, value) in patch {
            if value == .null {
                members[key] = defaults[key]
            } else {
                members[key] = try normalized(key, value, catalog: catalog)
            }
        }
        return .object(members)
    }

    /// One key of a request, checked and in the answer's shape.
    private static func normalized(_ key: String, _ value: JSONValue, catalog: Catalog) throws(APIError) -> JSONValue {
        guard keys.contains(key) else {
            if key == "hooks" {
                throw APIError(.badRequest, "hooks are not supported: Toolport does not evaluate Composio's execution hooks", errors: ["hooks"])
            }
            throw APIError(.badRequest, "\(key) is not a session setting; the settings are \(keys.sorted().joined(separator: ", "))", errors: [key])
        }
        switch key {
        case "toolkits":
            let renamed = try pastTense(value, field: key)
            for slug in renamed["enabled"]?.arrayValue?.compactMap(\.stringValue) ?? [] where slug.lowercased() != catalog.toolkit.slug {
                throw APIError(
                    .badRequest, "toolkits: Toolport serves only the \(catalog.toolkit.slug) toolkit, got \"\(slug)\"", errors: ["toolkits"]
                )
            }
            return renamed
        case "tools":
            guard let toolkits = value.objectValue else { throw APIError(.badRequest, "tools must be an object of toolkit → tool selection", errors: [key]) }
            var result: [String: JSONValue] = [:]
            for (toolkit, selection) in toolkits {
                var renamed = try pastTense(selection, field: "tools.\(toolkit)").objectValue ?? [:]
                if let tags = renamed["tags"] { renamed["tags"] = try checkedTags(try pastTense(tags, field: "tools.\(toolkit).tags"), field: "tools.\(toolkit).tags") }
                for list in ["enabled", "disabled", "require_approval"] {
                    try checkSlugs(renamed[list], field: "tools.\(toolkit).\(list)", catalog: catalog)
                }
                result[toolkit.lowercased()] = .object(renamed)
            }
            return .object(result)
        case "tags":
            return try checkedTags(try pastTense(value, field: key), field: key)
        case "manage_connections":
            if case .bool(let enabled) = value { return ["enabled": .bool(enabled)] }
            return try pastTense(value, field: key)
        case "proxy_execute":
            if case .bool(let enabled) = value { return ["enable": .bool(enabled)] }
            return value
        case "preload":
            if let tools = value["tools"], tools != "all" { try checkSlugs(tools, field: "preload.tools", catalog: catalog) }
            return value
        default:
            return value
        }
    }

    /// `value` (an object) with `enable`/`disable` renamed `enabled`/`disabled`.
    private static func pastTense(_ value: JSONValue, field: String) throws(APIError) -> JSONValue {
        if case .array = value { return ["enabled": value] }
        guard var members = value.objectValue else { throw APIError(.badRequest, "\(field) must be an object or a list", errors: [field]) }
        for (present, past) in [("enable", "enabled"), ("disable", "disabled")] {
            if let list = members.removeValue(forKey: present) { members[past] = list }
        }
        return .object(members)
    }

    private static func checkedTags(_ value: JSONValue, field: String) throws(APIError) -> JSONValue {
        for list in ["enabled", "disabled", "require_approval"] {
            for tag in value[list]?.arrayValue?.compactMap(\.stringValue) ?? [] where !tagNames.contains(tag) {
                throw APIError(.badRequest, "\(field): unknown tag \"\(tag)\"; tags are \(tagNames.sorted().joined(separator: ", "))", errors: [field])
            }
        }
        return value
    }

    private static func checkSlugs(_ list: JSONValue?, field: String, catalog: Catalog) throws(APIError) {
        guard let list else { return }
        guard let slugs = list.arrayValue?.compactMap(\.stringValue), slugs.count == list.arrayValue?.count else {
            throw APIError(.badRequest, "\(field) must be a list of tool slugs", errors: [field])
        }
        let unknown = slugs.filter { catalog.tool(named: $0) == nil }
        guard unknown.isEmpty else {
            throw APIError(.badRequest, "\(field): no such tool: \(unknown.joined(separator: ", "))", suggestedFix: "List tools with GET /api/v3.1/tools?query=...", errors: [field])
        }
    }

    // MARK: Reading a configuration

    /// The positions in `catalog.tools` of the tools the session enables, in catalog order.
    static func enabledTools(_ config: JSONValue, catalog: Catalog, api: PipedriveAPI) -> [Int] {
        let toolkit = catalog.toolkit.slug
        func names(_ value: JSONValue?) -> Set<String> {
            Set(value?.arrayValue?.compactMap { $0.stringValue?.lowercased() } ?? [])
        }
        let toolkits = config["toolkits"]
        if toolkits?["enabled"] != nil, !names(toolkits?["enabled"]).contains(toolkit) { return [] }
        if names(toolkits?["disabled"]).contains(toolkit) { return [] }
        let selection = config["tools"]?[toolkit]
        let enabledSlugs = names(selection?["enabled"]), disabledSlugs = names(selection?["disabled"])
        let tagFilters = [config["tags"], selection?["tags"]].compactMap { $0 }
        return catalog.tools.indices.filter { position in
            let tool = catalog.tools[position]
            let slug = tool.slug.lowercased()
            if selection?["enabled"] != nil, !enabledSlugs.contains(slug) { return false }
            if disabledSlugs.contains(slug) { return false }
            let hints = hintNames(of: tool, api: api)
            return tagFilters.allSatisfy { filter in
                let wanted = Set(filter["enabled"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                let unwanted = Set(filter["disabled"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                return (wanted.isEmpty || !wanted.isDisjoint(with: hints)) && unwanted.isDisjoint(with: hints)
            }
        }
    }

    /// The tag names a tool carries: its MCP hints that are true, and `createHint`/`updateHint` from its method.
    static func hintNames(of tool: Tool, api: PipedriveAPI) -> Set<String> {
        let hints = ToolAnnotations(tool, api: api)
        let method = tool.binding(for: api).method.uppercased()
        var names: Set<String> = []
        if hints.readOnlyHint { names.insert("readOnlyHint") }
        if hints.destructiveHint { names.insert("destructiveHint") }
        if hints.idempotentHint { names.insert("idempotentHint") }
        if hints.openWorldHint { names.insert("openWorldHint") }
        if method == "POST" { names.insert("createHint") }
        if method == "PUT" || method == "PATCH" { names.insert("updateHint") }
        return names
    }

    /// The slugs `preload.tools` names (every enabled tool for `"all"`), in catalog order.
    static func preloadedTools(_ config: JSONValue, enabled: [Int], catalog: Catalog) -> [Int] {
        let preload = config["preload"]?["tools"]
        if preload == "all" { return enabled }
        let named = Set(preload?.arrayValue?.compactMap { $0.stringValue.flatMap { catalog.position(of: $0) } } ?? [])
        return enabled.filter(named.contains)
    }

    /// The session's chosen connected account for the toolkit, if it names one.
    static func connectedAccount(_ config: JSONValue, toolkit: String) -> String? {
        let choice = config["connected_accounts"]?[toolkit]
        return choice?.stringValue ?? choice?.arrayValue?.first?.stringValue
    }

    /// Whether a setting that is on unless turned off (`search.enable`, …) is on.
    static func isOn(_ config: JSONValue, _ section: String, _ flag: String) -> Bool {
        config[section]?[flag]?.boolValue ?? true
    }
}
