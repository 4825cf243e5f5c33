public import Files
import Foundation
public import Hummingbird
public import Logging
import NIOCore
import ToolportJSON

/// The signed file URLs (Composio's presigned URLs, contract §4), outside `/api`: they carry no API key, their
/// signature allows exactly one thing until it expires.
/// - `PUT /files/uploads/{id}?expires=…&signature=…`: the bytes of an upload, written once, answered with exactly 200
///   (the SDK accepts nothing else);
/// - `GET /files/downloads/{id}?expires=…&signature=…`: a download tool's bytes (a result's `s3url`).
public struct SignedFileRoutes: Sendable {
    /// Nil when this server keeps no files: every request is answered 503.
    let exchange: FileExchange?
    let logger: Logger

    public init(exchange: FileExchange?, logger: Logger) {
        self.exchange = exchange
        self.logger = logger
    }

    public func add(to router: Router<ToolportRequestContext>) {
        router.put("files/{kind}/{id}") { request, context in
            try await self.receive(request, kind: context.pathParameter("kind"), id: context.pathParameter("id"))
        }
        router.get("files/{kind}/{id}") { request, context in
            try self.serve(request, kind: context.pathParameter("kind"), id: context.pathParameter("id"))
        }
    }

    /// Writes the PUT's bytes under the URL's key, refusing past the size cap; answers 200 (the SDK accepts only 200).
    func receive(_ request: Request, kind: String, id: String) async throws -> Response {
        let exchange = try FileRoutes.available(exchange)
        let key = try allowed(request, method: "PUT", kind: kind, id: id, exchange: exchange)
        let limit = exchange.configuration.maxFileSize
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw APIError(FileStoreError.tooLarge(limit: limit))
        }
        let size: Int
        do {
            let writer = try exchange.store.beginWrite(key, limit: limit)
            for try await buffer in request.body {
                try writer.append(Data(buffer.readableBytesView))
            }
            size = try writer.commit()
        } catch let error as FileStoreError {
            if case .unavailable = error { logger.error("could not store an upload", metadata: ["key": "\(key)", "error": "\(error)"]) }
            throw APIError(error)
        }
        let answer: JSONValue = ["key": .string(key.description), "size": .integer(size)]
        return Response.json(ByteBuffer(bytes: answer.encoded()))
    }

    /// The bytes of a download.
    func serve(_ request: Request, kind: String, id: String) throws -> Response {
        let exchange = try FileRoutes.available(exchange)
        let key = try allowed(request, method: "GET", kind: kind, id: id, exchange: exchange)
        let data: Data
        do {
            data = try exchange.store.read(key)
        } catch {
            if case .unavailable = error { logger.error("could not read a download", metadata: ["key": "\(key)", "error": "\(error)"]) }
            throw APIError(error)
        }
        return Response(
            status: .ok, headers: [.contentType: "application/octet-stream"], body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// The key the request's signed URL allows it to use.
    private func allowed(_ request: Request, method: String, kind: String, id: String, exchange: FileExchange) throws -> FileKey {
        let query = request.uri.queryParameters
        let check = exchange.check(
            method: method, kind: kind, id: id, expires: query.nonEmpty("expires"), signature: query.nonEmpty("signature"), now: Date()
        )
        switch check {
        case .success(let key): return key
        case .failure(let refusal): throw APIError(refusal)
        }
    }
}
