import Catalog
public import Hummingbird
import NIOCore

/// `GET /tools` and `GET /tools/{slug}` (Composio contract §2.1, §2.2).
public struct ToolRoutes: Sendable {
    let encoded: EncodedCatalog

    public init(encoded: EncodedCatalog) {
        self.encoded = encoded
    }

    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.get("tools") { request, context in try self.list(request, permission: context.caller.permission) }
        routes.get("tools/{slug}") { request, context in
            try self.show(request, slug: context.pathParameter("slug"), permission: context.caller.permission)
        }
        return routes
    }

    func list(_ request: Request, permission: ToolPermission) throws -> Response {
        try encoded.responses.response(for: request, variant: permission.description) { () throws(APIError) -> ByteBuffer in
            let selection = try Self.select(request.uri.queryParameters, from: encoded, permission: permission)
            return ListResponseWriter.write(items: selection.positions.lazy.map { encoded.tools[$0] }, page: selection.page)
        }
    }

    /// The tools a list request asks for, as positions in `catalog.tools` in answer order, cut to the
    /// requested page; `ExportRoutes` selects with the same parameters.
    ///
    /// Checks `toolkit_versions` and `limit`/`cursor`, narrows the catalog by `tool_slugs` (or
    /// `include_deprecated`), `toolkit_slug(s)` and `tags`, and to the tools `permission` lets the caller run,
    /// then ranks by `query` (or `search`).
    /// - Throws: `APIError` for an unknown toolkit version or a malformed parameter.
    static func select(
        _ query: Parameters, from encoded: EncodedCatalog, permission: ToolPermission
    ) throws(APIError) -> (positions: ArraySlice<Int>, page: Page) {
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

        let slice = page.page(total: positions.count)
        return (positions[slice.range], slice)
    }

    func show(_ request: Request, slug: String, permission: ToolPermission) throws -> Response {
        let catalog = encoded.catalog
        if let tool = catalog.tool(named: slug), let refusal = permission.refusal(of: tool, api: encoded.api) {
            throw APIError(.forbidden, "Tool \(tool.slug) is not available to this API key: \(refusal)")
        }
        return try encoded.responses.response(for: request) { () throws(APIError) -> ByteBuffer in
            try ToolkitVersionRequest(query: request.uri.queryParameters, toolkit: catalog.toolkit.slug)
                .check(available: encoded.availableVersions, toolkit: catalog.toolkit.slug)
            guard let position = catalog.position(of: slug) else {
                throw APIError(.toolNotFound, "Tool \(slug) not found", suggestedFix: "List tools with GET /api/v3.1/tools?query=...")
            }
            return encoded.tools[position]
        }
    }
}

extension Response {
    /// A 200 JSON response with ready bytes.
    static func json(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
    }
}
