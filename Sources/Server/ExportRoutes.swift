import Catalog
import HTTPTypes
import Logging
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
        routes.get("tools/export") { request, context in try self.export(request, context: context) }
        return routes
    }

    func export(_ request: Request, context: ToolportRequestContext) throws -> Response {
        let permission = context.caller.permission
        let query = request.uri.queryParameters
        guard let format = query.nonEmpty("format"), Self.formatNames.contains(format) else {
            let given = query.nonEmpty("format").map { ", got \"\($0)\"" } ?? ""
            throw APIError(
                .badRequest, "format must be one of \(Self.formatNames.joined(separator: ", "))\(given)",
                suggestedFix: "Pass format=openai, for example."
            )
        }
        let toolFormat = ToolFormat(rawValue: format)
        let profile = try Self.profile(for: toolFormat, request: request)
        let exported = exports.items(format: format, profile: profile)
        let selection = try ToolRoutes.select(query, from: encoded, permission: permission, leavingOut: Set(exported.leftOut.keys))
        let selected = selection.positions.lazy.compactMap { exported.items[$0] }
        var headers: HTTPFields = [:]
        if !selection.leftOut.isEmpty {
            let reasons = selection.leftOut.compactMap { exported.leftOut[$0] }
            for reason in reasons {
                context.logger.warning("tool left out of an export", metadata: ["tool": "\(reason.slug)", "profile": "\(reason.profile)", "reason": "\(reason)"])
            }
            headers[ToolRoutes.warningHeader] = "\(reasons.count) tool(s) left out, they cannot be shaped for the \(profile) schema profile: "
                + reasons.map(\.slug).joined(separator: ", ")
        }

        guard format != Self.compactFormat else {
            var body = ByteBufferAllocator().buffer(capacity: 64 * 1024)
            for var line in selected { body.writeBuffer(&line) }
            headers[.contentType] = "text/plain; charset=utf-8"
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
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// The schema profile an export is shaped for: the format's own (`openai-strict`, `gemini`), else
    /// `schema_profile` or the request's `x-framework` as for the tools list; `compact` lists names only.
    /// - Throws: `APIError` for an unknown profile, or one a format with its own profile cannot carry.
    static func profile(for format: ToolFormat?, request: Request) throws(APIError) -> SchemaProfile {
        guard let format else { return .canonical }
        guard let own = format.ownProfile else { return try ToolRoutes.profile(of: request) }
        if let asked = request.uri.queryParameters.nonEmpty("schema_profile"), asked != own.rawValue {
            throw APIError(
                .badRequest, "format \(format.rawValue) is always shaped for the \(own) schema profile, got schema_profile \"\(asked)\"",
                suggestedFix: "Leave schema_profile out, or pass format=openai to get another profile's schema."
            )
        }
        return own
    }

    /// One format's per-tool bytes in one profile (a JSON definition, or a compact line), parallel to
    /// `catalog.tools`; `nil` where the tool cannot be shaped for the profile, with the reason in `leftOut`.
    private struct Export: Sendable {
        let items: [ByteBuffer?]
        let leftOut: [Int: SchemaShapingError]
    }

    /// Each format and profile's export, built the first time it is asked for and kept for the application's life.
    private final class EncodedExports: Sendable {
        let catalog: Catalog
        private let built = Mutex<[String: Export]>([:])

        init(catalog: Catalog) {
            self.catalog = catalog
        }

        /// - Parameters:
        ///   - format: one of `ExportRoutes.formatNames`.
        ///   - profile: the schema profile, as `ExportRoutes.profile(for:request:)` chose it.
        func items(format: String, profile: SchemaProfile) -> Export {
            built.withLock { built in
                let key = "\(format)|\(profile)"
                if let export = built[key] { return export }
                var items: [ByteBuffer?] = []
                var leftOut: [Int: SchemaShapingError] = [:]
                for (position, tool) in catalog.tools.enumerated() {
                    guard let toolFormat = ToolFormat(rawValue: format) else {
                        items.append(ByteBuffer(string: ProviderSchemas.compact([tool])))
                        continue
                    }
                    do throws(SchemaShapingError) {
                        items.append(ByteBuffer(bytes: try ProviderSchemas.definition(for: tool, format: toolFormat, profile: profile).encoded()))
                    } catch {
                        items.append(nil)
                        leftOut[position] = error
                    }
                }
                let export = Export(items: items, leftOut: leftOut)
                built[key] = export
                return export
            }
        }
    }
}
