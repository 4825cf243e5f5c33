import Crypto
import HTTPTypes
import Hummingbird
import NIOCore
import Telemetry

/// `GET /metrics`: every metric in Prometheus text format, outside the `/api` key check; with a
/// `--metrics-token`, only for `Authorization: Bearer <token>`.
struct MetricsRoute: Sendable {
    let telemetry: Telemetry
    let token: String?
    /// Sets the gauges read at scrape time (accounts by status, database latency, queue depth).
    let refresh: @Sendable () async -> Void

    func add(to router: Router<ToolportRequestContext>) {
        router.get("metrics") { request, _ in
            guard MetricsAccess.allows(authorization: request.headers[.authorization], token: token) else {
                throw APIError(
                    .unauthorized, "GET /metrics needs Authorization: Bearer <the --metrics-token the server was started with>.",
                    headers: [.wwwAuthenticate: "Bearer"]
                )
            }
            await refresh()
            var buffer = ByteBuffer()
            buffer.writeString(telemetry.exposition())
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: .init(byteBuffer: buffer))
        }
    }
}

/// Who may scrape `/metrics`.
enum MetricsAccess {
    /// True without a token; with one, when `authorization` is `Bearer <token>` (compared in constant time).
    static func allows(authorization: String?, token: String?) -> Bool {
        guard let token else { return true }
        guard let authorization, authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else { return false }
        let given = SHA256.hash(data: Array(authorization.dropFirst(7).utf8))
        let expected = SHA256.hash(data: Array(token.utf8))
        return given == expected
    }
}
