public import Hummingbird
import Catalog

/// `GET /toolkits` and `GET /toolkits/{slug}` (Composio contract §5).
public struct ToolkitRoutes: Sendable {
    let encoded: EncodedCatalog

    public init(encoded: EncodedCatalog) {
        self.encoded = encoded
    }

    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.get("toolkits") { request, _ in try self.list(request) }
        routes.get("toolkits/{slug}") { _, context in try self.show(slug: context.pathParameter("slug")) }
        return routes
    }

    func list(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let toolkit = encoded.catalog.toolkit
        let page = try PageRequest(query: query)
        var matches = true
        if let search = query.nonEmpty("search")?.lowercased() {
            matches = toolkit.slug.contains(search) || toolkit.name.lowercased().contains(search)
                || toolkit.description.lowercased().contains(search)
        }
        if let category = query.nonEmpty("category")?.lowercased() {
            matches = matches && toolkit.categories.contains { $0.slug == category || $0.id == category || $0.name.lowercased() == category }
        }
        if query.nonEmpty("managed_by")?.lowercased() == "composio" {
            matches = false  // Toolport manages no Composio auth
        }
        let items = matches ? [encoded.toolkitListItem] : []
        let slice = page.page(total: items.count)
        return Response.json(ListResponseWriter.write(items: items[slice.range], page: slice))
    }

    func show(slug: String) throws -> Response {
        guard slug.lowercased() == encoded.catalog.toolkit.slug else {
            throw APIError(.toolkitNotFound, "Toolkit \(slug) not found", suggestedFix: "This server serves the pipedrive toolkit.")
        }
        return Response.json(encoded.toolkitDetail)
    }
}
