public import Catalog
import Foundation
public import ToolportJSON

/// A catalog tool as the tool definition each model provider expects.
///
/// ```swift
/// let tool = catalog.tool(named: "PIPEDRIVE_ADD_A_DEAL")!
/// let openAI = ProviderSchemas.definition(for: tool, format: .openaiStrict)
/// // {"type": "function", "function": {"name": "PIPEDRIVE_ADD_A_DEAL", "strict": true, "parameters": {…}, …}}
/// ```
///
/// Arguments a model produces against the `openai-strict` or `gemini` definition go through
/// `ArgumentNormalizer` before they are validated against the tool's own schema.
public enum ProviderSchemas {
    /// The sentence added to a tool's description where a format cannot carry its custom fields.
    static let customFieldsNote = "Custom fields (40-character hex keys) cannot be set through this function."

    /// The definition of `tool` in `format` (see `docs/providers.md` for the rules of each).
    /// - Parameters:
    ///   - tool: a catalog tool; its slug becomes the function name.
    ///   - format: the provider format.
    public static func definition(for tool: Tool, format: ToolFormat) -> JSONValue {
        let name = JSONValue.string(tool.slug)
        let description = JSONValue.string(tool.description)
        switch format {
        case .openai:
            return [
                "type": "function",
                "function": ["name": name, "description": description, "parameters": StandardSchema.clean(tool.inputParameters)],
            ]
        case .openaiStrict:
            return [
                "type": "function",
                "function": [
                    "name": name,
                    "description": descriptionWithoutCustomFields(tool),
                    "parameters": OpenAIStrictSchema.parameters(from: tool.inputParameters),
                    "strict": true,
                ],
            ]
        case .anthropic:
            return ["name": name, "description": description, "input_schema": StandardSchema.clean(tool.inputParameters)]
        case .gemini:
            return [
                "name": name,
                "description": descriptionWithoutCustomFields(tool),
                "parameters": GeminiSchema.convert(tool.inputParameters),
            ]
        case .mcp:
            let hints = ToolAnnotations(tool, api: .current)
            return [
                "name": name,
                "description": description,
                "inputSchema": StandardSchema.clean(tool.inputParameters),
                "annotations": [
                    "title": .string(hints.title), "readOnlyHint": .bool(hints.readOnlyHint), "destructiveHint": .bool(hints.destructiveHint),
                    "idempotentHint": .bool(hints.idempotentHint), "openWorldHint": .bool(hints.openWorldHint),
                ],
            ]
        }
    }

    /// The tool's description for a format without custom fields: the catalog's sentence inviting them
    /// (`Custom fields: pass each …`, always last) is replaced by one saying they cannot be set.
    private static func descriptionWithoutCustomFields(_ tool: Tool) -> JSONValue {
        guard tool.inputParameters["patternProperties"] != nil else { return .string(tool.description) }
        let kept = tool.description.range(of: "Custom fields: ").map { tool.description[..<$0.lowerBound] } ?? tool.description[...]
        let node: JSONValue = ["description": .string(kept.trimmingCharacters(in: .whitespaces))]
        return node.description(adding: [customFieldsNote]) ?? .string(customFieldsNote)
    }
}
