import Catalog
import ToolportJSON

/// Rewrites a catalog schema so that Composio's strict converter (`to_strict_json_schema`, which its
/// OpenAI Agents and Responses providers run in strict mode) accepts it, while it stays a plain schema that
/// non-strict callers use as it is.
///
/// Only what the converter refuses changes: an object whose members the catalog does not describe becomes a
/// JSON-encoded string (`ArgumentNormalizer` parses it back), and `patternProperties` go (custom fields come
/// as the `custom_fields` list, see `CustomFieldList`). Optional properties stay optional: the converter
/// makes them nullable itself, and the SDK drops the nulls before it executes.
enum StrictCompatibleSchema {
    /// Keywords the converter has no strict equivalent for.
    static let unsupportedKeywords: Set<String> = [
        "allOf", "prefixItems", "additionalItems", "contains", "dependencies", "dependentSchemas", "else", "if", "not",
        "propertyNames", "then", "unevaluatedItems", "unevaluatedProperties", "patternProperties",
    ]

    /// `schema` in the strict-compatible form; the root stays an object.
    static func convert(_ schema: JSONValue) -> JSONValue {
        guard var node = schema.objectValue else { return schema }
        if schema.isFreeFormObjectSchema {
            node["type"] = typeValue(schema.schemaTypes.map { $0 == "object" ? "string" : $0 })
            node["description"] = schema.description(adding: [OpenAIStrictSchema.encodedObjectNote])
            for key in ["properties", "additionalProperties", "patternProperties", "required"] { node[key] = nil }
            return .object(node)
        }
        node["patternProperties"] = nil
        if let properties = node["properties"]?.objectValue { node["properties"] = .object(properties.mapValues(convert)) }
        if let items = node["items"], items.objectValue != nil { node["items"] = convert(items) }
        for key in ["anyOf", "oneOf"] {
            if let branches = node[key]?.arrayValue { node[key] = .array(branches.map(convert)) }
        }
        return .object(node)
    }

    /// What in `schema` the converter would refuse, the way it reports it (an empty list: it converts).
    static func obstacles(in schema: JSONValue) -> [SchemaViolation] {
        var found: [SchemaViolation] = []
        if !schema.schemaTypes.contains("object") || schema.schemaTypes.contains("null") {
            found.append(SchemaViolation(pointer: "/type", reason: "the root must be a non-nullable object"))
        }
        collectObstacles(in: schema, at: "", into: &found)
        return found
    }

    private static func collectObstacles(in schema: JSONValue, at pointer: String, into found: inout [SchemaViolation]) {
        guard let node = schema.objectValue else {
            if case .bool = schema { found.append(SchemaViolation(pointer: pointer, reason: "a boolean subschema has no strict equivalent")) }
            return
        }
        for keyword in node.keys.sorted() where unsupportedKeywords.contains(keyword) {
            found.append(SchemaViolation(pointer: SchemaViolation.pointer(pointer, keyword), reason: "\(keyword) has no strict equivalent"))
        }
        if node["oneOf"] != nil, node["anyOf"] != nil {
            found.append(SchemaViolation(pointer: SchemaViolation.pointer(pointer, "oneOf"), reason: "oneOf beside anyOf cannot be merged"))
        }
        if schema.schemaTypes.contains("object") || node["properties"] != nil {
            let additional = node["additionalProperties"]
            if additional == true || additional?.objectValue != nil {
                found.append(SchemaViolation(pointer: SchemaViolation.pointer(pointer, "additionalProperties"), reason: "the object accepts arbitrary keys"))
            } else if (schema.schemaProperties ?? [:]).isEmpty, additional == nil {
                found.append(SchemaViolation(pointer: pointer, reason: "a free-form object accepts arbitrary keys"))
            }
        }
        for (name, property) in (schema.schemaProperties ?? [:]).sorted(by: { $0.key < $1.key }) {
            collectObstacles(in: property, at: SchemaViolation.pointer(SchemaViolation.pointer(pointer, "properties"), name), into: &found)
        }
        if let items = node["items"] {
            if items.arrayValue != nil {
                found.append(SchemaViolation(pointer: SchemaViolation.pointer(pointer, "items"), reason: "tuple-form items have no strict equivalent"))
            } else {
                collectObstacles(in: items, at: SchemaViolation.pointer(pointer, "items"), into: &found)
            }
        }
        for key in ["anyOf", "oneOf"] {
            for (index, branch) in (node[key]?.arrayValue ?? []).enumerated() {
                collectObstacles(in: branch, at: SchemaViolation.pointer(pointer, key) + "/\(index)", into: &found)
            }
        }
    }

    /// `"t"` for one type, the list for several.
    private static func typeValue(_ types: [String]) -> JSONValue {
        types.count == 1 ? .string(types[0]) : .array(types.map(JSONValue.string))
    }
}
