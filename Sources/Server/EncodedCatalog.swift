public import Catalog
import NIOCore
public import ProviderFormats
public import ToolportJSON

/// The catalog in Composio's wire format, encoded once at start so list and detail responses are
/// assembled from ready bytes instead of being re-encoded per request.
public struct EncodedCatalog: Sendable {
    public let catalog: Catalog
    /// The tools encoded as Composio `<Tool>` objects, in each schema profile.
    let profiles: EncodedProfiles
    /// `GET /toolkits/{slug}`.
    let toolkitDetail: ByteBuffer
    /// The toolkit as an item of `GET /toolkits`.
    let toolkitListItem: ByteBuffer

    /// The binding set calls use: what decides whether a tool reads.
    let api: PipedriveAPI

    /// Finished `GET /tools` and `GET /tools/{slug}` bodies, plain and gzip.
    let responses = CatalogResponseCache()

    /// The toolkit versions a caller may ask for (besides `latest`).
    var availableVersions: [String] { [catalog.toolkit.version] }

    /// - Parameters:
    ///   - api: the binding set calls use, shown as each tool's `toolport.endpoint`.
    public init(catalog: Catalog, api: PipedriveAPI = .current) {
        self.catalog = catalog
        self.api = api
        let toolkit = catalog.toolkit
        self.profiles = EncodedProfiles(catalog: catalog, api: api)
        self.toolkitDetail = ByteBuffer(bytes: Self.detailObject(for: toolkit, toolCount: catalog.tools.count).encoded())
        self.toolkitListItem = ByteBuffer(bytes: Self.listObject(for: toolkit, toolCount: catalog.tools.count).encoded())
    }

    /// The date the catalog's toolkit version was published, for the `created_at`/`updated_at` fields.
    private static func publishedAt(_ version: String) -> String {
        let digits = version.prefix(8)
        guard digits.count == 8, digits.allSatisfy(\.isNumber) else { return "2026-01-01T00:00:00.000Z" }
        let year = digits.prefix(4), month = digits.dropFirst(4).prefix(2), day = digits.suffix(2)
        return "\(year)-\(month)-\(day)T00:00:00.000Z"
    }

    /// A tool as Composio's `<Tool>` object (contract §2.1).
    /// Besides Composio's fields it carries `toolport: {endpoint, api_status}`, the Pipedrive endpoint the
    /// tool calls under `api`, and MCP's `annotations` (the SDK keeps unknown keys).
    /// - Parameter shaped: the tool's description and `input_parameters` in the schema profile asked for
    ///   (the catalog's own when `nil`).
    public static func wireObject(for tool: Tool, toolkit: Toolkit, api: PipedriveAPI = .current, shaped: ShapedTool? = nil) -> JSONValue {
        let shaped = shaped ?? ShapedTool(description: tool.description, inputParameters: tool.inputParameters)
        let versions: JSONValue = .array([.string(tool.version)])
        let binding = tool.binding(for: api)
        let hints = ToolAnnotations(tool, api: api)
        return [
            "annotations": [
                "title": .string(hints.title), "readOnlyHint": .bool(hints.readOnlyHint), "destructiveHint": .bool(hints.destructiveHint),
                "idempotentHint": .bool(hints.idempotentHint), "openWorldHint": .bool(hints.openWorldHint),
            ],
            "toolport": ["endpoint": .string("\(binding.method) \(binding.path)"), "api_status": .string(tool.apiStatus.rawValue)],
            "slug": .string(tool.slug),
            "name": .string(tool.name),
            "description": .string(shaped.description),
            "human_description": .string(shaped.description),
            "input_parameters": shaped.inputParameters,
            "output_parameters": tool.outputParameters,
            "toolkit": ["slug": .string(toolkit.slug), "name": .string(toolkit.name), "logo": .string(toolkit.logo)],
            "version": .string(tool.version),
            "available_versions": versions,
            "scopes": .array(tool.scopes.map(JSONValue.string)),
            "tags": .array(tool.tags.map(JSONValue.string)),
            "no_auth": false,
            "is_deprecated": .bool(tool.isDeprecated),
            "deprecated": [
                "available_versions": versions,
                "displayName": .string(tool.name),
                "is_deprecated": .bool(tool.isDeprecated),
                "toolkit": ["logo": .string(toolkit.logo)],
                "version": .string(tool.version),
            ],
        ]
    }

    private static func field(_ field: Toolkit.AuthScheme.Field) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(field.name), "displayName": .string(field.displayName), "description": .string(field.description),
            "type": .string(field.type), "required": .bool(field.required), "user_visible": .bool(field.userVisible),
            "is_secret": .bool(field.isSecret),
        ]
        if let value = field.default { object["default"] = .string(value) }
        return .object(object)
    }

    private static func group(_ group: Toolkit.AuthScheme.FieldGroup) -> JSONValue {
        ["required": .array(group.required.map(field)), "optional": .array(group.optional.map(field))]
    }

    static func detailObject(for toolkit: Toolkit, toolCount: Int) -> JSONValue {
        let published = JSONValue.string(publishedAt(toolkit.version))
        return [
            "slug": .string(toolkit.slug),
            "name": .string(toolkit.name),
            "enabled": true,
            "is_local_toolkit": false,
            "type": "native",
            "composio_managed_auth": [],
            "composio_managed_auth_schemes": [],
            "no_auth": false,
            "base_url": .string(toolkit.apiBaseURL),
            "deprecated": ["toolkitId": .string(toolkit.slug), "rawProxyInfoByAuthSchemes": []],
            "meta": [
                "logo": .string(toolkit.logo),
                "description": .string(toolkit.description),
                "created_at": published,
                "updated_at": published,
                "version": .string(toolkit.version),
                "available_versions": [.string(toolkit.version)],
                "categories": .array(toolkit.categories.map { ["name": .string($0.name), "slug": .string($0.slug)] }),
                "tools_count": .integer(toolCount),
                "triggers_count": 0,
                "app_url": .string(toolkit.appURL),
            ],
            "auth_config_details": .array(toolkit.authSchemes.map { scheme in
                [
                    "mode": .string(scheme.mode),
                    "name": .string(scheme.name),
                    "fields": [
                        "auth_config_creation": group(scheme.fields.authConfigCreation),
                        "connected_account_initiation": group(scheme.fields.connectedAccountInitiation),
                    ],
                    "proxy": ["base_url": .string(toolkit.apiBaseURL)],
                ]
            }),
        ]
    }

    static func listObject(for toolkit: Toolkit, toolCount: Int) -> JSONValue {
        let published = JSONValue.string(publishedAt(toolkit.version))
        return [
            "slug": .string(toolkit.slug),
            "name": .string(toolkit.name),
            "is_local_toolkit": false,
            "type": "native",
            "no_auth": false,
            "auth_schemes": .array(toolkit.authSchemes.map { .string($0.mode) }),
            "composio_managed_auth_schemes": [],
            "deprecated": ["toolkitId": .string(toolkit.slug)],
            "meta": [
                "logo": .string(toolkit.logo),
                "description": .string(toolkit.description),
                "created_at": published,
                "updated_at": published,
                "version": .string(toolkit.version),
                "categories": .array(toolkit.categories.map { ["id": .string($0.id), "name": .string($0.name)] }),
                "tools_count": .integer(toolCount),
                "triggers_count": 0,
            ],
        ]
    }
}
