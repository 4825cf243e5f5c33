public import ToolportJSON

/// Reading the few JSON Schema keywords that provider conversions and argument normalisation look at.
extension JSONValue {
    /// The type names a schema node declares: `"string"` gives `["string"]`, `["integer", "null"]` both; none gives `[]`.
    public var schemaTypes: [String] {
        switch self["type"] {
        case .string(let name): [name]
        case .array(let names): names.compactMap(\.stringValue)
        default: []
        }
    }

    /// The declared types without `null`.
    public var nonNullSchemaTypes: [String] {
        schemaTypes.filter { $0 != "null" }
    }

    /// Whether the node accepts `null`: it declares no type, or lists `null` among its types.
    public var schemaAllowsNull: Bool {
        self["type"] == nil || schemaTypes.contains("null")
    }

    /// The node's `properties`, or `nil` when it has none.
    public var schemaProperties: [String: JSONValue]? {
        self["properties"]?.objectValue
    }

    /// The node's `required` names.
    public var schemaRequired: [String] {
        self["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// An object whose members are not described: `{"type": "object"}` with no (or empty) `properties` and
    /// without `additionalProperties: false`, so any object is accepted.
    public var isFreeFormObjectSchema: Bool {
        schemaTypes.contains("object") && (schemaProperties ?? [:]).isEmpty && self["additionalProperties"] != false
    }
}
