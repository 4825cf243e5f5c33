import ToolportJSON

/// The custom tools a session request carries (`experimental.custom_tools` / `custom_toolkits`): defined in
/// the SDK's process and run there. Toolport keeps none of them; it answers each with its final slug
/// (`LOCAL_<SLUG>`, or `LOCAL_<TOOLKIT>_<SLUG>` inside a toolkit or extending one), which is how the SDK
/// learns to run them locally.
struct CustomTools {
    let tools: [JSONValue]
    let toolkits: [JSONValue]
    /// The request's other `experimental` settings, which the session keeps.
    let remainder: JSONValue?

    init(_ experimental: JSONValue?) {
        var members = experimental?.objectValue ?? [:]
        tools = members.removeValue(forKey: "custom_tools")?.arrayValue ?? []
        toolkits = members.removeValue(forKey: "custom_toolkits")?.arrayValue ?? []
        remainder = experimental == nil ? nil : .object(members)
    }

    /// The final slug of a custom tool: `LOCAL_`, the toolkit it belongs to or extends, its own slug; upper
    /// case, at most 60 characters.
    static func finalSlug(_ slug: String, toolkit: String?) -> String {
        String(("LOCAL_" + (toolkit.map { $0 + "_" } ?? "") + slug).uppercased().prefix(60))
    }

    /// `experimental.custom_tools` / `custom_toolkits` as the answer gives them, or `nil` without custom tools.
    func echo(toolkitSlug: (String) -> String) -> JSONValue? {
        guard !tools.isEmpty || !toolkits.isEmpty else { return nil }
        func entry(_ tool: JSONValue, toolkit: String?) -> JSONValue {
            let slug = tool["slug"]?.stringValue ?? ""
            var item: [String: JSONValue] = [
                "slug": .string(Self.finalSlug(slug, toolkit: toolkit)), "original_slug": .string(slug),
                "name": tool["name"] ?? .string(slug), "description": tool["description"] ?? "", "input_schema": tool["input_schema"] ?? ["type": "object"],
            ]
            for key in ["output_schema", "extends_toolkit", "preload"] where tool[key] != nil { item[key] = tool[key] }
            return .object(item)
        }
        return [
            "custom_tools": .array(tools.map { entry($0, toolkit: $0["extends_toolkit"]?.stringValue) }),
            "custom_toolkits": .array(toolkits.map { toolkit in
                let slug = toolkit["slug"]?.stringValue ?? ""
                return [
                    "slug": .string(slug), "name": toolkit["name"] ?? .string(slug), "description": toolkit["description"] ?? "",
                    "tools": .array((toolkit["tools"]?.arrayValue ?? []).map { entry($0, toolkit: slug) }),
                ]
            }),
        ]
    }
}
