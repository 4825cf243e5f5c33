import Foundation
import ToolportJSON

/// Reading the few JSON Schema keywords the provider conversions look at.
extension JSONValue {
    /// The type names a schema node declares: `"string"` gives `["string"]`, `["integer", "null"]` both; none gives `[]`.
    var schemaTypes: [String] {
        switch self["type"] {
        case .string(let name): [name]
        case .array(let names): names.compactMap(\.stringValue)
        default: []
        }
    }

    /// The declared types without `null`.
    var nonNullSchemaTypes: [String] {
        schemaTypes.filter { $0 != "null" }
    }

    /// Whether the node accepts `null`: it declares no type, or lists `null` among its types.
    var schemaAllowsNull: Bool {
        self["type"] == nil || schemaTypes.contains("null")
    }

    /// The node's `properties`, or `nil` when it has none.
    var schemaProperties: [String: JSONValue]? {
        self["properties"]?.objectValue
    }

    /// The node's `required` names.
    var schemaRequired: [String] {
        self["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// An object whose members are not described: `{"type": "object"}` with no (or empty) `properties` and
    /// without `additionalProperties: false`, so any object is accepted.
    var isFreeFormObjectSchema: Bool {
        schemaTypes.contains("object") && (schemaProperties ?? [:]).isEmpty && self["additionalProperties"] != false
    }

    /// The node's `description` with `notes` appended as further sentences; `nil` when there is neither.
    func description(adding notes: [String]) -> JSONValue? {
        let sentences = ([self["description"]?.stringValue ?? ""] + notes).filter { !$0.isEmpty }
        guard let first = sentences.first else { return nil }
        return .string(sentences.dropFirst().reduce(first) { text, note in
            text + (text.hasSuffix(".") || text.hasSuffix("?") || text.hasSuffix("!") ? " " : ". ") + note
        })
    }

    /// A note for a dropped `default`, unless the description already talks about the default.
    var defaultNote: String? {
        guard let value = self["default"] else { return nil }
        if self["description"]?.stringValue?.lowercased().contains("default") == true { return nil }
        return "Default: \(value.jsonText)."
    }

    /// The value as compact JSON text.
    var jsonText: String {
        String(decoding: encoded(), as: UTF8.self)
    }
}
