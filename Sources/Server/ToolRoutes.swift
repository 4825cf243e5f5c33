import Catalog
import HTTPTypes
import Logging
public import Hummingbird
import NIOCore
import ProviderFormats
import ToolportJSON

/// `GET /tools` and `GET /tools/{slug}` (Composio contract §2.1, §2.2), with `input_parameters` shaped for
/// the framework asking (`SchemaProfile`: the `schema_profile` query parameter, else the SDK's `x-framework`).
public struct ToolRoutes: Sendable {
    /// The header naming the tools a list answer left out because they cannot be shaped for its profile.
    static let warningHeader = HTTPField.Name("x-toolport-warning")!
    static let frameworkHeader = HTTPField.Name("x-framework")!

    let encoded: EncodedCatalog

    public init(encoded: EncodedCatalog) {
        self.encoded = encoded
    }

    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.get("tools") { request, context in try self.list(request, context: context) }
        routes.get("tools/{slug}") { request, context in
            try self.show(request, slug: context.pathParameter("slug"), permission: context.caller.permission)
        }
        return routes
    }

    /// The schema profile a request asks for: `schema_profile` when given, else the one for its `x-framework`.
    /// - Throws: `APIError` for an unknown `schema_profile`.
    static func profile(of request: Request) throws(APIError) -> SchemaProfile {
        let query = request.uri.queryParameters
        guard let name = query.nonEmpty("schema_profile") else {
            return SchemaProfile(framework: request.headers[frameworkHeader])
        }
        guard let profile = SchemaProfile(rawValue: name) else {
            throw APIError(
                .badRequest, "schema_profile must be one of \(SchemaProfile.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(name)\"",
                suggestedFix: "Leave it out to get the profile for your SDK provider (the x-framework header), or pass schema_profile=canonical."
            )
        }
        return profile
    }

    func list(_ request: Request, context: ToolportRequestContext) throws -> Response {
        let permission = context.caller.permission
        let tools = encoded.profiles[try Self.profile(of: request)]
        guard !tools.leftOut.isEmpty else {
            return try encoded.responses.response(for: request, variant: "\(permission)|\(tools.profile)") { () throws(APIError) -> ByteBuffer in
                let selection = try Self.select(request.uri.queryParameters, from: encoded, permission: permission)
                return ListResponseWriter.write(items: selection.positions.lazy.compactMap { tools.tools[$0] }, page: selection.page)
            }
        }
        // Some tools cannot be shaped for this profile: the others still arrive, and the answer says which are missing.
        let selection = try Self.select(request.uri.queryParameters, from: encoded, permission: permission, leavingOut: Set(tools.leftOut.keys))
        var response = Response.json(ListResponseWriter.write(items: selection.positions.lazy.compactMap { tools.tools[$0] }, page: selection.page))
        if !selection.leftOut.isEmpty {
            let reasons = selection.leftOut.compactMap { tools.leftOut[$0] }
            for reason in reasons {
                context.logger.warning("tool left out of a tools answer", metadata: ["tool": "\(reason.slug)", "profile": "\(reason.profile)", "reason": "\(reason)"])
            }
            response.headers[Self.warningHeader] = "\(reasons.count) tool(s) left out, they cannot be shaped for the \(tools.profile) schema profile: "
                + reasons.map(\.slug).joined(separator: ", ") + "; ask with schema_profile=canonical for them"
        }
        return response
    }

    /// The tools a list request asks for, as positions in `catalog.tools` in answer order, cut to the
    /// requested page; `ExportRoutes` selects with the same parameters.
    ///
    /// Checks `toolkit_versions` and `limit`/`cursor`, narrows the catalog by `tool_slugs` (or
    /// `include_deprecated`), `toolkit_slug(s)` and `tags`, and to the tools `permission` lets the caller run,
    /// then ranks by `query` (or `search`). Tools in `leavingOut` are dropped before the page is cut; those
    /// the request would have had are returned as `leftOut`.
    /// - Throws: `APIError` for an unknown toolkit version or a malformed parameter.
    static func select(
        _ query: Parameters, from encoded: EncodedCatalog, permission: ToolPermission, leavingOut: Set<Int> = []
    ) throws(APIError) -> (positions: ArraySlice<Int>, page: Page, leftOut: [Int]) {
        let catalog = encoded.catalog
        try ToolkitVersionRequest(query: query, toolkit: catalog.toolkit.slug)
            .check(available: encoded.availableVersions, toolkit: catalog.toolkit.slug)
        let page = try PageRequest(query: query)

        var positions: [Int]
        let toolSlugs = query.list("tool_slugs")
        if !toolSlugs.isEmpty {
            var seen = Set<Int>()
            positions = toolSlugs.compactMap { catalog.position(of: $0) }.filter { seen.insert($0).inserted }
        } else {
            positions = Array(catalog.tools.indices)
            if try query.bool("include_deprecated") == false {
                positions.removeAll { catalog.tools[$0].isDeprecated }
            }
        }
        let toolkits = query.list("toolkit_slug") + query.list("toolkit_slugs")
        if !toolkits.isEmpty, !toolkits.contains(where: { $0.lowercased() == catalog.toolkit.slug }) {
            positions = []
        }
        if permission != .everything {
            positions.removeAll { !permission.permits(catalog.tools[$0], api: encoded.api) }
        }
        let tags = Set(query.list("tags").map { $0.lowercased() })
        if !tags.isEmpty {
            positions.removeAll { catalog.tools[$0].tags.allSatisfy { !tags.contains($0.lowercased()) } }
        }
        if let text = query.nonEmpty("query") ?? query.nonEmpty("search") {
            let allowed = Set(positions)
            positions = catalog.search(text).filter(allowed.contains)
        }
        let leftOut = positions.filter(leavingOut.contains)
        if !leftOut.isEmpty { positions.removeAll(where: leavingOut.contains) }

        let slice = page.page(total: positions.count)
        return (positions[slice.range], slice, leftOut)
    }

    func show(_ request: Request, slug: String, permission: ToolPermission) throws -> Response {
        let catalog = encoded.catalog
        if let tool = catalog.tool(named: slug), let refusal = permission.refusal(of: tool, api: encoded.api) {
            throw APIError(.forbidden, "Tool \(tool.slug) is not available to this API key: \(refusal)")
        }
        let tools = encoded.profiles[try Self.profile(of: request)]
        return try encoded.responses.response(for: request, variant: "\(tools.profile)") { () throws(APIError) -> ByteBuffer in
            try ToolkitVersionRequest(query: request.uri.queryParameters, toolkit: catalog.toolkit.slug)
                .check(available: encoded.availableVersions, toolkit: catalog.toolkit.slug)
            guard let position = catalog.position(of: slug) else {
                throw APIError(.toolNotFound, "Tool \(slug) not found", suggestedFix: "List tools with GET /api/v3.1/tools?query=...")
            }
            guard let body = tools.tools[position] else {
                throw APIError(
                    .toolNotShapeable, tools.leftOut[position]?.description ?? "\(slug) cannot be shaped for the \(tools.profile) schema profile",
                    suggestedFix: "Ask with schema_profile=canonical for the catalog schema."
                )
            }
            return body
        }
    }
}

extension Response {
    /// A 200 JSON response with ready bytes.
    static func json(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
    }

    /// A 200 JSON response with `value` encoded.
    static func json(_ value: JSONValue) -> Response {
        json(ByteBuffer(bytes: value.encoded()))
    }
}
