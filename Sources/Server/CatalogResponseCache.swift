import CompressNIO
import Hummingbird
import NIOCore
import Synchronization

/// Finished response bodies of the read-only catalog routes (`GET /tools`, `GET /tools/{slug}`), keyed
/// by path and query, each with a gzip copy made the first time a client accepts it.
///
/// The catalog never changes while the server runs, so an entry never goes stale; `byteBudget` bounds
/// what a stream of distinct query strings can pin in memory. Past the budget, bodies are built per
/// request as before (and compressed per request when asked), so answers never depend on the cache.
final class CatalogResponseCache: Sendable {
    /// Bodies smaller than this are sent as they are: gzip would save less than its own framing costs.
    static let minimumCompressedSize = 1024

    private struct Entry: Sendable {
        let plain: ByteBuffer
        var gzip: ByteBuffer?
    }

    private struct State: Sendable {
        var entries: [String: Entry] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())
    private let byteBudget: Int

    init(byteBudget: Int = 64 * 1024 * 1024) {
        self.byteBudget = byteBudget
    }

    /// The response for `request`: the cached body when there is one, else `makeBody()`'s (then cached
    /// while the budget allows), gzip-encoded when the request's `Accept-Encoding` allows gzip.
    /// - Parameter variant: what else the body depends on (a scoped key's tool permission), kept apart in the cache.
    func response(for request: Request, variant: String = "", makeBody: () throws(APIError) -> ByteBuffer) throws(APIError) -> Response {
        let key = variant + "|" + request.uri.string
        let wantsGzip = AcceptEncoding(request.headers[.acceptEncoding]).allowsGzip
        let cached = state.withLock { $0.entries[key] }
        let plain: ByteBuffer
        if let cached {
            if !wantsGzip || cached.plain.readableBytes < Self.minimumCompressedSize { return .catalogJSON(cached.plain) }
            if let gzip = cached.gzip { return .catalogJSON(gzip, gzipped: true) }
            plain = cached.plain
        } else {
            plain = try makeBody()
            store(plain, gzip: nil, for: key)
            if !wantsGzip || plain.readableBytes < Self.minimumCompressedSize { return .catalogJSON(plain) }
        }
        guard let gzip = Self.gzip(plain) else { return .catalogJSON(plain) }
        store(plain, gzip: gzip, for: key)
        return .catalogJSON(gzip, gzipped: true)
    }

    private func store(_ plain: ByteBuffer, gzip: ByteBuffer?, for key: String) {
        state.withLock { state in
            let added = (state.entries[key] == nil ? plain.readableBytes : 0) + (gzip?.readableBytes ?? 0)
            guard state.bytes + added <= byteBudget else { return }
            state.entries[key] = Entry(plain: plain, gzip: gzip)
            state.bytes += added
        }
    }

    /// `body` gzip-encoded; `nil` if zlib fails, in which case the caller sends the plain bytes.
    static func gzip(_ body: ByteBuffer) -> ByteBuffer? {
        var input = body
        return try? input.compress(with: .gzip())
    }
}

/// The parts of an `Accept-Encoding` header (RFC 9110 §12.5.3) Toolport acts on.
struct AcceptEncoding: Equatable {
    /// Whether gzip is acceptable: listed (or covered by `*`) without `q=0`.
    let allowsGzip: Bool

    init(_ header: String?) {
        var gzip: Bool?
        var wildcard: Bool?
        for element in (header ?? "").split(separator: ",") {
            let parts = element.filter { !$0.isWhitespace }.lowercased().split(separator: ";")
            guard let coding = parts.first else { continue }
            let rejected = parts.dropFirst().contains { parameter in
                guard parameter.hasPrefix("q=") else { return false }
                return (Double(parameter.dropFirst(2)) ?? 1) == 0
            }
            if coding == "gzip" || coding == "x-gzip" { gzip = !rejected } else if coding == "*" { wildcard = !rejected }
        }
        allowsGzip = gzip ?? wildcard ?? false
    }
}

extension Response {
    /// A 200 JSON response with ready bytes that vary with `Accept-Encoding`.
    static func catalogJSON(_ body: ByteBuffer, gzipped: Bool = false) -> Response {
        var headers: HTTPFields = [.contentType: "application/json", .vary: "Accept-Encoding"]
        if gzipped { headers[.contentEncoding] = "gzip" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}
