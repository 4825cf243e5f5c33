import Catalog
import ToolportJSON

/// Rewrites a catalog schema for OpenAI strict function calling (`"strict": true`).
///
/// Strict mode needs every object closed (`additionalProperties: false`) with all its properties in
/// `required`, so a property the catalog leaves optional becomes nullable instead (`null` means "not given";
/// `ArgumentNormalizer` drops it again). Only the keywords `StrictSchemaChecker` accepts are kept; a dropped
/// `format` or `default` is kept as a sentence of the description. `patternProperties` has no strict
/// equivalent and is dropped (give custom fields as `CustomFieldList.listed(in:)` does first). An object whose members the catalog does not describe cannot be
/// closed without losing its content, so it becomes a JSON-encoded string that `ArgumentNormalizer` decodes.
enum OpenAIStrictSchema {
    /// The sentence added to an object that is passed as a JSON-encoded string.
    static let encodedObjectNote = "Give this object as a JSON-encoded string."

    /// The strict form of a tool's `input_parameters`; the root stays an object.
    static func parameters(from schema: JSONValue) -> JSONValue {
        .object(closedObject(schema, types: ["object"], notes: []))
    }

    /// One schema node; `optional` when the enclosing object does not require it.
    private static func convert(_ schema: JSONValue, optional: Bool) -> JSONValue {
        if let branches = schema["anyOf"]?.arrayValue {
            var node: [String: JSONValue] = ["anyOf": .array(branches.map { convert($0, optional: false) } + (optional ? [["type": "null"]] : []))]
            node["description"] = schema.description(adding: [])
            return .object(node)
        }
        var types = schema.schemaTypes
        var notes: [String] = []
        let encodesObject = schema.isFreeFormObjectSchema
        if encodesObject {
            types = types.map { $0 == "object" ? "string" : $0 }
            notes.append(encodedObjectNote)
        }
        if optional, !types.isEmpty, !types.contains("null") {
            types.append("null")
        }
        if let format = schema["format"]?.stringValue, !StrictSchemaChecker.supportedFormats.contains(format) {
            notes.append("Format: \(format).")
        }
        if let note = schema.defaultNote { notes.append(note) }

        if !encodesObject, types.contains("object") {
            return .object(closedObject(schema, types: types, notes: notes))
        }
        var node: [String: JSONValue] = [:]
        if !types.isEmpty { node["type"] = typeValue(types) }
        node["description"] = schema.description(adding: notes)
        if let values = schema["enum"]?.arrayValue {
            node["enum"] = .array(types.contains("null") && !values.contains(.null) ? values + [.null] : values)
        }
        if let format = schema["format"]?.stringValue, StrictSchemaChecker.supportedFormats.contains(format), !encodesObject {
            node["format"] = .string(format)
        }
        if let items = schema["items"] {
            node["items"] = convert(items, optional: false)
        }
        return .object(node)
    }

    /// An object node with every property required and no others allowed.
    private static func closedObject(_ schema: JSONValue, types: [String], notes: [String]) -> [String: JSONValue] {
        let properties = schema.schemaProperties ?? [:]
        let required = Set(schema.schemaRequired)
        var node: [String: JSONValue] = [
            "type": typeValue(types),
            "properties": .object(properties.reduce(into: [:]) { converted, member in
                converted[member.key] = convert(member.value, optional: !required.contains(member.key))
            }),
            "required": .array(properties.keys.sorted().map(JSONValue.string)),
            "additionalProperties": false,
        ]
        node["description"] = schema.description(adding: notes)
        return node
    }

    /// `"t"` for one type, `["t", "null"]` for several.
    private static func typeValue(_ types: [String]) -> JSONValue {
        types.count == 1 ? .string(types[0]) : .array(types.map(JSONValue.string))
    }
}
