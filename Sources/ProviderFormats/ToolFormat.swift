/// A provider's tool-definition format, as named in `GET /api/toolport/tools/export?format=…`.
public enum ToolFormat: String, CaseIterable, Sendable {
    /// OpenAI function calling: `{"type": "function", "function": {name, description, parameters}}`.
    case openai
    /// OpenAI function calling with `"strict": true`: every property required (optionals nullable), closed objects.
    case openaiStrict = "openai-strict"
    /// Anthropic's Messages API tools: `{name, description, input_schema}`.
    case anthropic
    /// Gemini function declarations: `{name, description, parameters}` in Gemini's OpenAPI-subset schema.
    case gemini
    /// Model Context Protocol tools: `{name, description, inputSchema, annotations}`.
    case mcp

    /// The schema profile the format always shapes for; `nil` for the formats that take JSON Schema as it
    /// is and so can carry any profile.
    public var ownProfile: SchemaProfile? {
        switch self {
        case .openaiStrict: .strict
        case .gemini: .gemini
        case .openai, .anthropic, .mcp: nil
        }
    }
}
