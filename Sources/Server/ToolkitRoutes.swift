public import Hummingbird
import Catalog
import NIOCore
import ToolportJSON

/// `/toolkits` (Composio contract §5.2): the list, one toolkit, several at once, categories, the changelog,
/// and OAuth scope recommendations, all from the catalog's `toolkit.json` and tool files. The fixed paths
/// (`multi`, `categories`, `changelog`) are matched before `{slug}`.
public struct ToolkitRoutes: Sendable {
    let encoded: EncodedCatalog

    public init(encoded: EncodedCatalog) {
        self.encoded = encoded
    }

    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.get("toolkits") { request, _ in try self.list(request) }
        routes.post("toolkits/multi") { request, context in try await self.many(request, context: context) }
        routes.get("toolkits/categories") { _, _ in self.categories() }
        routes.get("toolkits/changelog") { _, _ in self.changelog() }
        routes.get("toolkits/{slug}") { _, context in try self.show(slug: context.pathParameter("slug")) }
        routes.post("toolkits/{slug}/scopes/recommended") { request, context in
            try await self.recommendScopes(request, context: context, slug: context.pathParameter("slug"))
        }
        routes.get("toolkits/{slug}/scopes/grant_context") { request, context in
            try self.grantContexts(request, slug: context.pathParameter("slug"))
        }
        return routes
    }

    /// What a toolkit list may be narrowed by (`search`, `category`, `managed_by`).
    struct ToolkitFilter: Sendable {
        var search: String?
        var category: String?
        var managedBy: String?

        /// Whether `toolkit` passes. Toolport manages no auth for anyone, so `managed_by=composio` matches nothing.
        func matches(_ toolkit: Toolkit) -> Bool {
            if let search = search?.lowercased(),
                !(toolkit.slug.contains(search) || toolkit.name.lowercased().contains(search) || toolkit.description.lowercased().contains(search))
            {
                return false
            }
            if let category = category?.lowercased(),
                !toolkit.categories.contains(where: { $0.slug == category || $0.id == category || $0.name.lowercased() == category })
            {
                return false
            }
            return managedBy?.lowercased() != "composio"
        }
    }

    func list(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let page = try PageRequest(query: query)
        let filter = ToolkitFilter(search: query.nonEmpty("search"), category: query.nonEmpty("category"), managedBy: query.nonEmpty("managed_by"))
        return listResponse(includingToolkit: filter.matches(encoded.catalog.toolkit), page: page)
    }

    /// `POST /toolkits/multi` (`toolkits.get_many`): the named toolkits this server has, in list form;
    /// unknown slugs are left out.
    func many(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let body = try await request.jsonObject(context: context)
        guard case .array(let slugs)? = body["toolkits"], slugs.allSatisfy({ $0.stringValue != nil }) else {
            throw APIError(.badRequest, "toolkits must be a list of toolkit slugs, such as [\"pipedrive\"]", errors: ["toolkits"])
        }
        let toolkit = encoded.catalog.toolkit
        let filter = ToolkitFilter(
            category: try body.optionalString("category"), managedBy: try body.optionalString("managed_by")
        )
        let named = slugs.contains { $0.stringValue?.lowercased() == toolkit.slug }
        return listResponse(includingToolkit: named && filter.matches(toolkit), page: try PageRequest(limit: body["limit"], cursor: body["cursor"]))
    }

    private func listResponse(includingToolkit: Bool, page: PageRequest) -> Response {
        let items = includingToolkit ? [encoded.toolkitListItem] : []
        let slice = page.page(total: items.count)
        return Response.json(ListResponseWriter.write(items: items[slice.range], page: slice))
    }

    /// `GET /toolkits/categories`: the catalog toolkit's categories as `{id, name}`.
    func categories() -> Response {
        let items = encoded.catalog.toolkit.categories.map { ByteBuffer(bytes: (["id": .string($0.id), "name": .string($0.name)] as JSONValue).encoded()) }
        let page = Page(range: 0..<items.count, nextCursor: nil, currentPage: 1, totalPages: 1, totalItems: items.count)
        return Response.json(ListResponseWriter.write(items: items, page: page))
    }

    /// `GET /toolkits/changelog`: the one toolkit version this server serves, and what it holds.
    func changelog() -> Response {
        let catalog = encoded.catalog
        let toolkit = catalog.toolkit
        let counts = Dictionary(grouping: catalog.tools, by: \.apiStatus).mapValues(\.count)
        let text = "\(catalog.tools.count) Pipedrive tools against Pipedrive's 2026-08 API: \(counts[.v1, default: 0]) on v1 endpoints, "
            + "\(counts[.v2, default: 0]) moved to their v2 counterparts (same slugs and parameters), "
            + "\(counts[.v1NoCounterpart, default: 0]) deprecated (their v1 endpoint is out of support with no v2 counterpart)."
        let entry: JSONValue = [
            "slug": .string(toolkit.slug), "name": .string(toolkit.name), "display_name": .string(toolkit.name),
            "versions": [["version": .string(toolkit.version), "changelog": .string(text)]],
        ]
        return Response.json(ByteBuffer(bytes: (["items": [entry]] as JSONValue).encoded()))
    }

    func show(slug: String) throws -> Response {
        try checkToolkit(slug)
        return Response.json(encoded.toolkitDetail)
    }

    /// `POST /toolkits/{slug}/scopes/recommended`: the OAuth scopes for `tools` (`[]`: every tool), from
    /// each tool's `scopes` (`ScopeRecommendation`). API tokens and bearer tokens carry no scopes, so
    /// their recommendation is empty. Pipedrive's scopes depend on no grant context.
    func recommendScopes(_ request: Request, context: ToolportRequestContext, slug: String) async throws -> Response {
        try checkToolkit(slug)
        let body = try await request.jsonObject(context: context)
        let scheme = try authScheme(try body.optionalString("auth_scheme"))
        let version = try toolkitVersion(try body.optionalString("toolkit_version"))
        try checkNoGrantContext(body["grant_context"])
        guard case .array(let named)? = body["tools"], named.allSatisfy({ $0.stringValue != nil }) else {
            throw APIError(.badRequest, "tools must be a list of tool slugs ([] for every tool)", errors: ["tools"])
        }
        let catalog = encoded.catalog
        var tools: [Tool] = []
        for name in named.compactMap(\.stringValue) {
            guard let tool = catalog.tool(named: name) else {
                throw APIError(.toolNotFound, "Tool \(name) not found", suggestedFix: "List tools with GET /api/v3.1/tools?query=...")
            }
            tools.append(tool)
        }
        if named.isEmpty { tools = catalog.tools }
        var least: [String] = []
        var fewest: [String] = []
        if scheme == "OAUTH2" {
            let recommendation: ScopeRecommendation
            do {
                recommendation = try ScopeRecommendation(
                    requirements: tools.map { .init(tool: $0.slug, scopes: $0.scopes) },
                    include: try Self.strings(body["include"], field: "include"), exclude: try Self.strings(body["exclude"], field: "exclude"),
                    available: body["available_scopes"].flatMap { $0 == .null ? nil : $0 }.map { try Self.strings($0, field: "available_scopes") }
                )
            } catch let error as ScopeRecommendationError {
                throw APIError(.badRequest, error.description)
            }
            least = recommendation.leastPrivilege
            fewest = recommendation.fewest
        }
        let answer: JSONValue = [
            "auth_scheme": .string(scheme), "toolkit_version": .string(version), "grant_context": [:],
            "scopes": ["least_privilege": .array(least.map(JSONValue.string)), "fewest": .array(fewest.map(JSONValue.string)), "conditional": []],
        ]
        return Response.json(ByteBuffer(bytes: answer.encoded()))
    }

    /// `GET /toolkits/{slug}/scopes/grant_context`: Pipedrive's scopes depend on no grant context, so the
    /// truthful answer lists no dimension.
    func grantContexts(_ request: Request, slug: String) throws -> Response {
        try checkToolkit(slug)
        let query = request.uri.queryParameters
        let answer: JSONValue = [
            "auth_scheme": .string(try authScheme(query.nonEmpty("auth_scheme"))),
            "toolkit_version": .string(try toolkitVersion(query.nonEmpty("toolkit_version"))),
            "grant_context_dimensions": [], "default_grant_context": [:],
        ]
        return Response.json(ByteBuffer(bytes: answer.encoded()))
    }

    private func checkToolkit(_ slug: String) throws(APIError) {
        guard slug.lowercased() == encoded.catalog.toolkit.slug else {
            throw APIError(.toolkitNotFound, "Toolkit \(slug) not found", suggestedFix: "This server serves the pipedrive toolkit.")
        }
    }

    /// The auth scheme asked about (default `OAUTH2`), upper-cased; 400 for one the toolkit does not have.
    private func authScheme(_ name: String?) throws(APIError) -> String {
        let modes = encoded.catalog.toolkit.authSchemes.map(\.mode)
        let scheme = name?.uppercased() ?? "OAUTH2"
        guard modes.contains(scheme) else {
            throw APIError(.badRequest, "auth_scheme must be one of \(modes.joined(separator: ", ")), got \"\(name ?? "")\"", errors: ["auth_scheme"])
        }
        return scheme
    }

    /// The toolkit version asked about (`latest` is the one served); 404 for another.
    private func toolkitVersion(_ name: String?) throws(APIError) -> String {
        let version = encoded.catalog.toolkit.version
        guard let name, name.lowercased() != "latest" else { return version }
        guard encoded.availableVersions.contains(name) else {
            throw APIError(.versionNotFound, "Toolkit pipedrive has no version \(name); available: latest, \(encoded.availableVersions.joined(separator: ", "))")
        }
        return name
    }

    private func checkNoGrantContext(_ value: JSONValue?) throws(APIError) {
        switch value {
        case nil, .null: return
        case .object(let members) where members.isEmpty: return
        default:
            throw APIError(.badRequest, "grant_context: Pipedrive's scopes depend on no grant context; leave it out", errors: ["grant_context"])
        }
    }

    /// A list of strings; `[]` when absent.
    private static func strings(_ value: JSONValue?, field: String) throws(APIError) -> [String] {
        switch value {
        case nil, .null: return []
        case .array(let items) where items.allSatisfy({ $0.stringValue != nil }): return items.compactMap(\.stringValue)
        default: throw APIError(.badRequest, "\(field) must be a list of scope names", errors: [field])
        }
    }
}
