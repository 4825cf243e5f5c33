public import Catalog
public import ToolportJSON

/// The form of a tool's `input_parameters` that an agent framework can load.
///
/// The catalog schema (`canonical`) is the default and the one arguments are validated against. Two
/// frameworks families cannot take all of it: Google's (Vertex AI and google-genai) want one type per node,
/// string enums and only the keywords their `Schema` knows; Composio's strict OpenAI providers
/// (`to_strict_json_schema`) cannot express objects with free-form or pattern-named members. For them the
/// schema is shaped, and `ArgumentNormalizer` maps what a model sends back before validation.
public enum SchemaProfile: String, CaseIterable, Sendable {
    /// The catalog schema as it is.
    case canonical
    /// Gemini's OpenAPI 3.0 subset (see `GeminiSchema`), custom fields as the `custom_fields` list.
    case gemini
    /// A schema Composio's strict converter accepts (see `StrictCompatibleSchema`), custom fields as the
    /// `custom_fields` list.
    case strict

    /// The profile for a Composio provider name, as the SDK sends it in `x-framework`: `google` and
    /// `gemini` get `gemini`; `openai_agents` and `openai_responses` (the providers with a strict mode) and
    /// `crewai` (which sends every tool to OpenAI with `strict: true`) get `strict`; every other name, and
    /// none, `canonical`.
    public init(framework: String?) {
        switch framework?.lowercased().replacing("-", with: "_") {
        case "google", "gemini", "google_genai", "vertexai", "vertex_ai": self = .gemini
        case "openai_agents", "openai_responses", "crewai": self = .strict
        default: self = .canonical
        }
    }

    /// `tool` in this profile.
    /// - Throws: `SchemaShapingError` when the shaped schema would still break the profile's rules (the
    ///   tool is then left out of answers in this profile).
    public func shape(_ tool: Tool) throws(SchemaShapingError) -> ShapedTool {
        let schema = tool.inputParameters
        switch self {
        case .canonical:
            return ShapedTool(description: tool.description, inputParameters: schema)
        case .gemini:
            let shaped = ShapedTool(description: CustomFieldList.describing(tool), inputParameters: GeminiSchema.convert(CustomFieldList.listed(in: schema)))
            let violations = GeminiSchemaChecker.violations(in: ["name": .string(tool.slug), "description": .string(shaped.description), "parameters": shaped.inputParameters])
            guard violations.isEmpty else { throw SchemaShapingError(slug: tool.slug, profile: self, violations: violations) }
            return shaped
        case .strict:
            let shaped = ShapedTool(description: CustomFieldList.describing(tool), inputParameters: StrictCompatibleSchema.convert(CustomFieldList.listed(in: schema)))
            let violations = StrictCompatibleSchema.obstacles(in: shaped.inputParameters)
            guard violations.isEmpty else { throw SchemaShapingError(slug: tool.slug, profile: self, violations: violations) }
            return shaped
        }
    }
}

/// A tool's description and `input_parameters` in one `SchemaProfile`.
public struct ShapedTool: Sendable, Equatable {
    public let description: String
    public let inputParameters: JSONValue

    public init(description: String, inputParameters: JSONValue) {
        self.description = description
        self.inputParameters = inputParameters
    }
}

/// Why a tool cannot be given in a schema profile: the rules its shaped schema still breaks.
public struct SchemaShapingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let slug: String
    public let profile: SchemaProfile
    public let violations: [SchemaViolation]

    public var description: String {
        "\(slug) cannot be shaped for the \(profile.rawValue) schema profile: "
            + violations.prefix(3).map(\.description).joined(separator: "; ")
            + (violations.count > 3 ? " (and \(violations.count - 3) more)" : "")
    }
}
