import Catalog
import HTTPTypes
public import Hummingbird
import NIOCore
import ProviderFormats
import Synchronization
import ToolportJSON

/// `GET /api/toolport/tools/export?format=…`: tools as definitions for a model provider's API (see
/// `docs/providers.md`), selected with the same parameters as `GET /api/v3.1/tools` (`toolkit_slug`,
/// `tool_slugs`, `query`/`search`, `tags`, `include_deprecated`, `limit`/`cursor`, `toolkit_versions`).
///
/// `format` is a `ToolFormat` (`openai`, `openai-strict`, `anthropic`, `gemini`, `mcp`), answered as
/// `{"format", "next_cursor", "tools": […], "total_items"}`, or `compact`, answered as plain text with one
/// line per tool and an `x-next-cursor` header while more pages follow. Each format is encoded once, the
/// first time it is asked for; requests assemble the answer from those bytes.
public struct ExportRoutes: Sendable {
    /// The `format` that answers with `ProviderSchemas.compact` text.
    static let compactFormat = "compact"
    /// Every accepted `format`.
    static let formatNames = ToolFormat.allCases.map(\.rawValue) + [compactFormat]
    private static let nextCursorHeader = HTTPField.Name("x-next-cursor")!

    let encoded: EncodedCatalog
    private let exports: EncodedExports

    /// - Parameters:
    ///   - encoded: the catalog the exports are built from (its tools and, for filtering, its search index).
    public init(encoded: EncodedCatalog) {
        self.encoded = encoded
        self.exports = EncodedExports(catalog: encoded.catalog)
    }

    /// The export route, to mount at `/api/toolport`.
    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.get("tools/export") { request, context in try self.export(request, permission: context.caller.permission) }
        return routes
    }

    func export(_ request: Request, permission: ToolPermission) throws -> Response {
        let query = request.uri.queryParameters
        guard let format = query.nonEmpty("format"), Self.formatNames.contains(format) else {
            let given = query.nonEmpty("format").map { ", got \"\($0)\"" } ?? ""
            throw APIError(
                .badRequest, "format must be one of \(Self.formatNames.joined(separator: ", "))\(given)",
                suggestedFix: "Pass format=openai, for example."
            )
        }
        let selection = try ToolRoutes.select(query, from: encoded, permission: permission)
        let items = exports.items(format: format)
        let selected = selection.positions.lazy.map { items[$0] }

        guard format != Self.compactFormat else {
            var body = ByteBufferAllocator().buffer(capacity: 64 * 1024)
            for var line in selected { body.writeBuffer(&line) }
            var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
            if let cursor = selection.page.nextCursor { headers[Self.nextCursorHeader] = cursor }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
        }
        var body = ByteBufferAllocator().buffer(capacity: 256 * 1024)
        // The format is one of `formatNames` and a cursor is base64 without padding: nothing needs escaping.
        body.writeString(#"{"format":""# + format + #"","next_cursor":"#)
        body.writeString(selection.page.nextCursor.map { "\"\($0)\"" } ?? "null")
        body.writeString(#","tools":["#)
        for (index, var item) in selected.enumerated() {
            if index > 0 { body.writeInteger(UInt8(ascii: ",")) }
            body.writeBuffer(&item)
        }
        body.writeString("],\"total_items\":\(selection.page.totalItems)}")
        return Response.json(body)
    }

    /// Each format's per-tool bytes (a JSON definition, or a compact line), parallel to `catalog.tools`,
    /// built the first time the format is asked for and kept for the application's life.
    private final class EncodedExports: Sendable {
        let catalog: Catalog
        private let built = Mutex<[String: [ByteBuffer]]>([:])

        init(catalog: Catalog) {
            self.catalog = catalog
        }

        /// - Parameters:
        ///   - format: one of `ExportRoutes.formatNames`.
        func items(format: String) -> [ByteBuffer] {
            built.withLock { built in
                if let items = built[format] { return items }
                let items = catalog.tools.map { tool in
                    guard let toolFormat = ToolFormat(rawValue: format) else { return ByteBuffer(string: ProviderSchemas.compact([tool])) }
                    return ByteBuffer(bytes: ProviderSchemas.definition(for: tool, format: toolFormat).encoded())
                }
                built[format] = items
                return items
            }
        }
    }
}
