public import Catalog
public import Files
import Foundation
public import Hummingbird
import NIOCore
import ToolportJSON

/// `POST /files/upload/request` (Composio's upload flow, contract §4): a new upload key and the signed URL its bytes
/// are PUT to (`new_presigned_url`, served by ``SignedFileRoutes``).
public struct FileRoutes: Sendable {
    /// Nil when this server keeps no files: upload requests are answered 503.
    let exchange: FileExchange?
    let catalog: Catalog
    let api: PipedriveAPI

    public init(exchange: FileExchange?, catalog: Catalog, api: PipedriveAPI) {
        self.exchange = exchange
        self.catalog = catalog
        self.api = api
    }

    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.post("files/upload/request") { request, context in try await self.requestUpload(request, context: context) }
        return routes
    }

    func requestUpload(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let exchange = try FileRoutes.available(exchange)
        let body = try await request.jsonObject(context: context)
        guard let filename = try body.optionalString("filename") else { throw APIError(.badRequest, "filename is required", errors: ["filename"]) }
        guard let mimetype = try body.optionalString("mimetype") else { throw APIError(.badRequest, "mimetype is required", errors: ["mimetype"]) }
        // md5 is accepted (the SDK always sends it) but not checked against the bytes; only its type is.
        _ = try body.optionalString("md5")
        if let toolkit = try body.optionalString("toolkit_slug"), toolkit.lowercased() != catalog.toolkit.slug {
            throw APIError(.toolkitNotFound, "Toolkit \(toolkit) not found; this server serves \(catalog.toolkit.slug)")
        }
        if let slug = try body.optionalString("tool_slug") {
            guard let tool = catalog.tool(named: slug) else { throw APIError(.toolNotFound, "Tool \(slug) not found") }
            guard tool.binding(for: api).parameters.contains(where: { $0.location == .file }) else {
                throw APIError(.badRequest, "Tool \(tool.slug) takes no file", errors: ["tool_slug"])
            }
            if let refusal = context.caller.permission.refusal(of: tool, api: api) {
                throw APIError(.forbidden, "Tool \(tool.slug) is not available to this API key: \(refusal)")
            }
        }
        let upload = exchange.newUpload(now: Date())
        let answer: JSONValue = [
            "id": .string(upload.key.id), "key": .string(upload.key.description), "type": "new",
            "new_presigned_url": .string(upload.url), "expires_at": AccountsWire.timestamp(upload.expiresAt),
            "max_size_bytes": .integer(exchange.configuration.maxFileSize),
            "filename": .string(filename), "mimetype": .string(mimetype),
            // A plain PUT of the bytes, as to S3 (no x-ms-blob-type header).
            "metadata": ["storage_backend": "s3"],
        ]
        return Response.json(ByteBuffer(bytes: answer.encoded()))
    }

    /// `exchange`; 503 when the server keeps no files.
    static func available(_ exchange: FileExchange?) throws(APIError) -> FileExchange {
        guard let exchange else {
            throw APIError(.serviceUnavailable, "This server keeps no files", suggestedFix: "Start toolport serve with a writable --files-dir.")
        }
        return exchange
    }
}
