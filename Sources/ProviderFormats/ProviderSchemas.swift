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
    /// The definition of `tool` in `format` (see `docs/providers.md` for the rules of each), from the
    /// catalog schema (`openai-strict` and `gemini` shape it for their provider).
    /// - Parameters:
    ///   - tool: a catalog tool; its slug becomes the function name.
    ///   - format: the provider format.
    public static func definition(for tool: Tool, format: ToolFormat) -> JSONValue {
        definition(for: tool, format: format, shaped: ShapedTool(description: tool.description, inputParameters: tool.inputParameters))
    }

    /// The definition of `tool` in `format` from its schema in `profile`: `openai`, `anthropic` and `mcp`
    /// take any profile; `openai-strict` and `gemini` always shape for their own (`ToolFormat.ownProfile`)
    /// and are checked against their provider's rules.
    /// - Throws: `SchemaShapingError` when the tool cannot be shaped for `profile`, or its definition breaks
    ///   the rules of the format's provider.
    public static func definition(for tool: Tool, format: ToolFormat, profile: SchemaProfile) throws(SchemaShapingError) -> JSONValue {
        if let own = format.ownProfile {
            let definition = definition(for: tool, format: format)
            let violations = own == .gemini ? GeminiSchemaChecker.violations(in: definition) : StrictSchemaChecker.violations(in: definition)
            guard violations.isEmpty else { throw SchemaShapingError(slug: tool.slug, profile: own, violations: violations) }
            return definition
        }
        guard profile != .canonical else { return definition(for: tool, format: format) }
        return definition(for: tool, format: format, shaped: try profile.shape(tool))
    }

    private static func definition(for tool: Tool, format: ToolFormat, shaped: ShapedTool) -> JSONValue {
        let name = JSONValue.string(tool.slug)
        let description = JSONValue.string(shaped.description)
        let parameters = StandardSchema.clean(shaped.inputParameters)
        switch format {
        case .openai:
            return [
                "type": "function",
                "function": ["name": name, "description": description, "parameters": parameters],
            ]
        case .openaiStrict:
            return [
                "type": "function",
                "function": [
                    "name": name,
                    "description": .string(CustomFieldList.describing(tool)),
                    "parameters": OpenAIStrictSchema.parameters(from: CustomFieldList.listed(in: tool.inputParameters)),
                    "strict": true,
                ],
            ]
        case .anthropic:
            return ["name": name, "description": description, "input_schema": parameters]
        case .gemini:
            return [
                "name": name,
                "description": .string(CustomFieldList.describing(tool)),
                "parameters": GeminiSchema.convert(CustomFieldList.listed(in: tool.inputParameters)),
            ]
        case .mcp:
            let hints = ToolAnnotations(tool, api: .current)
            return [
                "name": name,
                "description": description,
                "inputSchema": parameters,
                "annotations": [
                    "title": .string(hints.title), "readOnlyHint": .bool(hints.readOnlyHint), "destructiveHint": .bool(hints.destructiveHint),
                    "idempotentHint": .bool(hints.idempotentHint), "openWorldHint": .bool(hints.openWorldHint),
                ],
            ]
        }
    }
}
