import Catalog
import ToolportJSON

/// Rewrites a catalog schema into the OpenAPI 3.0 subset Gemini function declarations accept.
///
/// Every node gets a single `type`; `["t", "null"]` becomes `"type": "t", "nullable": true`. Only the keywords
/// `GeminiSchemaChecker` accepts are kept. Gemini takes `enum` for strings only, so a numeric `enum` becomes a
/// string enum of the numbers' text (`["0", "1"]`), which `ArgumentNormalizer` maps back to numbers. A dropped
/// `format` or `default` is kept as a sentence of the description. `patternProperties` (custom fields; give
/// the schema through `CustomFieldList.listed(in:)` first) and `additionalProperties` are dropped. An object
/// without described members stays `{"type": "object"}` with no `properties` key, since Gemini rejects an
/// empty `properties`. `anyOf` branches are converted one by one.
enum GeminiSchema {
    /// Keywords copied unchanged when the catalog uses them, by the type that takes them.
    private static let passedThrough = ["number": ["minimum", "maximum"], "integer": ["minimum", "maximum"], "array": ["minItems", "maxItems"]]

    /// One schema node in Gemini's form.
    static func convert(_ schema: JSONValue) -> JSONValue {
        var node: [String: JSONValue] = [:]
        var notes: [String] = []
        if let branches = schema["anyOf"]?.arrayValue {
            node["anyOf"] = .array(branches.map(convert))
            node["description"] = schema.description(adding: [])
            return .object(node)
        }
        var type = schema.nonNullSchemaTypes.first
        if schema.schemaTypes.contains("null") { node["nullable"] = true }

        if let values = schema["enum"]?.arrayValue?.filter({ $0 != .null }), !values.isEmpty {
            if values.allSatisfy({ $0.stringValue != nil || $0.doubleValue != nil }) {
                type = "string"
                node["enum"] = .array(values.map { $0.stringValue.map(JSONValue.string) ?? .string($0.jsonText) })
                node["format"] = "enum"
            } else {
                notes.append("One of: \(values.map(\.jsonText).joined(separator: ", ")).")
            }
        }
        if let type { node["type"] = .string(type) }
        for key in passedThrough[type ?? ""] ?? [] where schema[key] != nil {
            node[key] = schema[key]
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
