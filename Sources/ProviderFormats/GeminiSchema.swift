import Catalog
import ToolportJSON

/// Rewrites a catalog schema into the OpenAPI 3.0 subset Gemini function declarations accept.
///
/// Every node gets a single `type`; `["t", "null"]` becomes `"type": "t", "nullable": true`. Only the keywords
/// `GeminiSchemaChecker` accepts are kept. Gemini takes `enum` for strings only, so a numeric `enum` becomes
/// `minimum`/`maximum` plus a "One of: …" sentence in the description (the argument stays a number). A dropped
/// `format` or `default` is kept as a sentence of the description. `patternProperties` (custom fields) and
/// `additionalProperties` are dropped. An object without described members stays `{"type": "object"}` with
/// no `properties` key, since Gemini rejects an empty `properties`.
enum GeminiSchema {
    /// Keywords copied unchanged when the catalog uses them.
    private static let passedThrough = ["minimum", "maximum", "minItems", "maxItems"]

    /// One schema node in Gemini's form.
    static func convert(_ schema: JSONValue) -> JSONValue {
        var node: [String: JSONValue] = [:]
        var notes: [String] = []
        let type = schema.nonNullSchemaTypes.first
        if let type { node["type"] = .string(type) }
        if schema.schemaTypes.contains("null") { node["nullable"] = true }
        for key in passedThrough where schema[key] != nil {
            node[key] = schema[key]
        }

        if let values = schema["enum"]?.arrayValue?.filter({ $0 != .null }), !values.isEmpty {
            if type == "string", values.allSatisfy({ $0.stringValue != nil }) {
                node["enum"] = .array(values)
                node["format"] = "enum"
            } else {
                let rendered = values.map(\.jsonText)
                notes.append("One of: \(rendered.joined(separator: ", ")).")
                let numbers = values.filter { $0.doubleValue != nil }.sorted { ($0.doubleValue ?? 0) < ($1.doubleValue ?? 0) }
                if numbers.count == values.count {
                    node["minimum"] = numbers.first
                    node["maximum"] = numbers.last
                    if type == "number", numbers.allSatisfy({ if case .integer = $0 { true } else { false } }) {
                        node["type"] = "integer"
                    }
                }
            }
        }
        if let format = schema["format"]?.stringValue {
            if type == "string", format == "date-time", node["format"] == nil {
                node["format"] = "date-time"
            } else {
                notes.append("Format: \(format).")
            }
        }
        if let note = schema.defaultNote { notes.append(note) }
        node["description"] = schema.description(adding: notes)

        if type == "object", let properties = schema.schemaProperties, !properties.isEmpty {
            node["properties"] = .object(properties.mapValues(convert))
            let required = schema.schemaRequired.filter { properties[$0] != nil }
            if !required.isEmpty { node["required"] = .array(required.map(JSONValue.string)) }
        }
        if type == "array", let items = schema["items"] {
            node["items"] = convert(items)
        }
        return .object(node)
    }
}
