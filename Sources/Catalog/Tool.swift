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
    /// How to call Pipedrive's current API.
    public let http: HTTPBinding
    /// How the tool called Pipedrive's 2024 v1 API, for tools rebound to v2 (`http_v1_2024`).
    public let httpV1_2024: HTTPBinding?
    /// Whether the tool's endpoint is still supported, was rebound to v2, or has no counterpart.
    public let apiStatus: APIStatus

    /// The tool's standing against Pipedrive's current (2026-08) API.
    public enum APIStatus: String, Sendable, Codable {
        /// The v1 endpoint is still supported.
        case v1
        /// The v1 endpoint is out of support; `http` calls its v2 counterpart.
        case v2
        /// The v1 endpoint is out of support with no counterpart; the tool is deprecated.
        case v1NoCounterpart = "v1-no-counterpart"
    }

    /// The binding for an API generation: the current one, or the 2024 one where the tool was rebound.
    public func binding(for api: PipedriveAPI) -> HTTPBinding {
        api == .v1_2024 ? httpV1_2024 ?? http : http
    }
}

/// Which generation of Pipedrive's API the executor speaks (`--pipedrive-api`).
public enum PipedriveAPI: String, Sendable, CaseIterable {
    /// Today's API: v2 where v1 is out of support.
    case current
    /// The 2024 v1 API the seed was generated from.
    case v1_2024 = "v1-2024"
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
        var httpV1_2024: HTTPBinding?
        var apiStatus: APIStatus?

        enum CodingKeys: String, CodingKey {
            case slug, aliases, name, description, toolkit, version, tags, scopes, http
            case httpV1_2024 = "http_v1_2024"
            case apiStatus = "api_status"
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
        for (key, binding) in [("http", file.http), ("http_v1_2024", file.httpV1_2024)] {
            guard let binding else { continue }
            try Self.check(binding, named: key, properties: Set(properties.keys), required: required, fail: fail)
        }

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
        httpV1_2024 = file.httpV1_2024
        apiStatus = file.apiStatus ?? .v1
    }

    /// Checks that `binding` places every input parameter and fills every path placeholder.
    private static func check(
        _ binding: HTTPBinding, named key: String, properties: Set<String>, required: Set<String>, fail: (String) -> CatalogError
    ) throws(CatalogError) {
        let bound = Dictionary(binding.parameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        guard bound.count == binding.parameters.count else { throw fail("\(key).parameters names a parameter twice") }
        let unbound = binding.unboundParameters(among: properties)
        for name in properties where bound[name] == nil && !unbound.contains(name) {
            throw fail("parameter \(name) has no location in \(key).parameters")
        }
        for name in Set(bound.keys).union(unbound) where !properties.contains(name) {
            throw fail("\(key) binds \(name), which input_parameters does not define")
        }
        let pathParameters = Set(binding.parameters.filter { $0.location == .path }.flatMap(\.wire))
        for placeholder in binding.pathPlaceholders {
            guard let parameter = binding.parameters.first(where: { $0.location == .path && $0.wire == [placeholder] }) else {
                throw fail("\(key).path placeholder {\(placeholder)} has no path parameter")
            }
            guard required.contains(parameter.name) else { throw fail("path parameter \(parameter.name) must be required") }
        }
        guard pathParameters == Set(binding.pathPlaceholders) else {
            throw fail("a path parameter of \(key) has no placeholder in its path")
        }
        guard binding.path.hasPrefix("/") else { throw fail("\(key).path must start with /") }
    }

    /// The names of the input parameters, sorted.
    public var parameterNames: [String] {
        (inputParameters["properties"]?.objectValue?.keys).map { $0.sorted() } ?? []
    }
}
