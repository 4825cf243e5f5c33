import Catalog
import ToolportJSON

/// Custom fields as one `custom_fields` argument, `[{"key": "<40-character hex key>", "value": …}]`, for the
/// schemas that cannot carry pattern-named arguments (the `strict` and `gemini` profiles, the `openai-strict`
/// and `gemini` exports). `ArgumentNormalizer` turns the list back into arguments named by their keys.
enum CustomFieldList {
    /// The catalog's sentence about custom fields names them as extra arguments; in the list form it says this.
    private static let extraArgumentPhrase = "as an extra argument named by its 40-character hex key"
    private static let listPhrase = "as an item of `custom_fields`, `{\"key\": <its 40-character hex key>, \"value\": <the value>}`"

    /// A custom field's value: text, a number, a flag, or several option ids. `integer` comes before `number`
    /// so that frameworks building typed signatures from the schema (google-genai) keep `12` an integer.
    static let valueSchema: JSONValue = [
        "description": "The field's value: text, a number, true or false, or a list (several option ids).",
        "anyOf": [
            ["type": "string"], ["type": "integer"], ["type": "number"], ["type": "boolean"],
            ["type": "array", "items": ["anyOf": [["type": "string"], ["type": "integer"], ["type": "number"]]]],
        ],
    ]

    /// `schema` (a tool's `input_parameters`) with its pattern-named custom fields replaced by the optional
    /// `custom_fields` list; unchanged when the tool takes no custom fields.
    static func listed(in schema: JSONValue) -> JSONValue {
        guard CustomFields.areAccepted(by: schema), var root = schema.objectValue else { return schema }
        let fieldNote = root["patternProperties"]?.objectValue?.values.first?["description"]?.stringValue
        root["patternProperties"] = nil
        var properties = root["properties"]?.objectValue ?? [:]
        properties[CustomFields.listArgument] = [
            "type": "array",
            "description": .string(["Custom fields to set, one item each.", fieldNote].compactMap(\.self).joined(separator: " ")),
            "items": [
                "type": "object",
                "properties": [
                    "key": ["type": "string", "description": "The custom field's 40-character hex key."],
                    "value": valueSchema,
                ],
                "required": ["key", "value"],
                "additionalProperties": false,
            ],
        ]
        root["properties"] = .object(properties)
        return .object(root)
    }

    /// The tool's description with its custom-fields sentence speaking of the `custom_fields` list.
    static func describing(_ tool: Tool) -> String {
        guard CustomFields.areAccepted(by: tool.inputParameters) else { return tool.description }
        guard tool.description.contains(extraArgumentPhrase) else {
            return tool.description + " Custom fields: pass each as an item of `custom_fields`, `{\"key\": <its 40-character hex key>, \"value\": <the value>}`."
        }
        return tool.description.replacing(extraArgumentPhrase, with: listPhrase)
    }
}
