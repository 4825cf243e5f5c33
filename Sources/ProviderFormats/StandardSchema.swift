import ToolportJSON

/// The catalog schema as plain JSON Schema, for providers that take JSON Schema as it is (OpenAI non-strict,
/// Anthropic, MCP): Toolport's own keywords (`file_uploadable`) are removed, everything else is kept.
enum StandardSchema {
    /// Keywords Toolport adds to its schemas that are not JSON Schema.
    static let toolportKeywords: Set<String> = ["file_uploadable"]

    /// `schema` without Toolport's keywords, at every depth.
    static func clean(_ schema: JSONValue) -> JSONValue {
        guard var node = schema.objectValue else { return schema }
        for keyword in toolportKeywords { node[keyword] = nil }
        for key in ["properties", "patternProperties"] {
            if let members = node[key]?.objectValue { node[key] = .object(members.mapValues(clean)) }
        }
        for key in ["items", "additionalProperties"] where node[key]?.objectValue != nil {
            node[key] = node[key].map(clean)
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            if let branches = node[key]?.arrayValue { node[key] = .array(branches.map(clean)) }
        }
        return .object(node)
    }
}
