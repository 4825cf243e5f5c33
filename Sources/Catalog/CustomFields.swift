public import ToolportJSON

/// Pipedrive's custom fields — per-account fields named by 40-character hex keys — in the two forms a tool
/// takes them.
///
/// The catalog schema of the 12 tools that take them names them as extra arguments (`patternProperties` at
/// the root). Schema profiles that cannot carry pattern-named arguments (strict OpenAI, Gemini) list them in
/// one `custom_fields` argument instead, `[{"key": "<hex key>", "value": …}]`, which `ArgumentNormalizer`
/// turns back into extra arguments before validation.
public enum CustomFields {
    /// The argument that lists custom fields as `{key, value}` items.
    public static let listArgument = "custom_fields"

    /// Whether `schema` (a tool's `input_parameters`) takes custom fields as extra arguments.
    public static func areAccepted(by schema: JSONValue) -> Bool {
        schema["patternProperties"]?.objectValue?.isEmpty == false
    }
}
