public import ToolportJSON
public import Validation

/// One Pipedrive action, loaded from `schemas/pipedrive/<SLUG>.json`.
public struct Tool: Sendable {
    /// Composio's slug, e.g. `PIPEDRIVE_ADD_A_DEAL`.
    public let slug: String
    /// Other slugs that name this tool (the slug derived from the seed name, Composio's alternatives).
    public let aliases: [String]
    /// The display name, e.g. "Add a deal".
    public let name: String
    public let description: String
    /// The toolkit slug (`pipedrive`).
    public let toolkit: String
    public let version: String
    /// Pipedrive's operationId this tool calls.
    public let operationID: String
    /// The spec's tag (`Deals`, …) and `read`, `write` or `destructive`.
    public let tags: [String]
    /// The OAuth scopes that allow the call.
    public let scopes: [String]
    public let isDeprecated: Bool
    /// The input JSON Schema as served to clients.
    public let inputParameters: JSONValue
    /// The same schema compiled for validating arguments.
    public let inputSchema: JSONSchema
    public let outputParameters: JSONValue
    public let http: HTTPBinding
}

extension Tool {
    /// The on-disk format of a tool file (see `docs/catalog.md`).
    struct File: Codable {
        var slug: String
        var aliases: [String]
        var name: String
        var description: String
        var toolkit: String
        var version: String
        var operationID: String
        var tags: [String]
        var scopes: [String]
        var isDeprecated: Bool
        var inputParameters: JSONValue
        var outputParameters: JSONValue
        var http: HTTPBinding

        enum CodingKeys: String, CodingKey {
            case slug, aliases, name, description, toolkit, version, tags, scopes, http
            case operationID = "operation_id"
            case isDeprecated = "is_deprecated"
            case inputParameters = "input_parameters"
            case outputParameters = "output_parameters"
        }
    }

    /// Builds a tool from its file, checking that the schema compiles and agrees with the HTTP binding.
    /// - Throws: `CatalogError.invalidTool` naming the first inconsistency.
    init(file: File, source: String) throws(CatalogError) {
        func fail(_ reason: String) -> CatalogError { .invalidTool(file: source, reason: reason) }

        let schema: JSONSchema
        do {
            schema = try JSONSchema(file.inputParameters)
        } catch {
            throw fail("input_parameters: \(error)")
        }
        guard file.inputParameters["type"] == "object", let properties = file.inputParameters["properties"]?.objectValue else {
            throw fail("input_parameters must be an object schema with properties")
        }
        for (name, property) in properties where (property["description"]?.stringValue ?? "").isEmpty {
            throw fail("input_parameters.properties.\(name) needs a non-empty description")
        }
        let required = Set(file.inputParameters["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let bound = Dictionary(file.http.parameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        guard bound.count == file.http.parameters.count else { throw fail("http.parameters names a parameter twice") }
        for name in properties.keys where bound[name] == nil {
            throw fail("parameter \(name) has no location in http.parameters")
        }
        for name in bound.keys where properties[name] == nil {
            throw fail("http.parameters binds \(name), which input_parameters does not define")
        }
        let pathParameters = Set(file.http.parameters.filter { $0.location == .path }.flatMap(\.wire))
        for placeholder in file.http.pathPlaceholders {
            guard let binding = file.http.parameters.first(where: { $0.location == .path && $0.wire == [placeholder] }) else {
                throw fail("http.path placeholder {\(placeholder)} has no path parameter")
            }
            guard required.contains(binding.name) else { throw fail("path parameter \(binding.name) must be required") }
        }
        guard pathParameters == Set(file.http.pathPlaceholders) else {
            throw fail("a path parameter has no placeholder in http.path")
        }
        guard file.http.path.hasPrefix("/") else { throw fail("http.path must start with /") }

        slug = file.slug
        aliases = file.aliases
        name = file.name
        description = file.description
        toolkit = file.toolkit
        version = file.version
        operationID = file.operationID
        tags = file.tags
        scopes = file.scopes
        isDeprecated = file.isDeprecated
        inputParameters = file.inputParameters
        inputSchema = schema
        outputParameters = file.outputParameters
        http = file.http
    }

    /// The names of the input parameters, sorted.
    public var parameterNames: [String] {
        (inputParameters["properties"]?.objectValue?.keys).map { $0.sorted() } ?? []
    }
}
