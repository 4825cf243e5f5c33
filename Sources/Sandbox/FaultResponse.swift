import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The answers of the fault kinds that answer in place of the request.
enum FaultResponse {
    /// The answer for `kind`; `nil` for latency and connection resets, which do not answer.
    static func response(for kind: FaultRule.Kind) -> Response? {
        switch kind {
        case .latency, .connectionReset:
            return nil
        case .rateLimit(let retryAfter, let reset):
            var headers = rateLimitHeaders(burstRemaining: 0, dailyRemaining: 9_000)
            if let retryAfter { headers[.retryAfter] = String(retryAfter) }
            if let reset { headers[HTTPField.Name("x-ratelimit-reset")!] = String(reset) }
            return PipedriveResponse.error(.tooManyRequests, "Request over limit", includeCode: true, headers: headers)
        case .dailyBudgetExhausted:
            let headers = rateLimitHeaders(burstRemaining: 40, dailyRemaining: 0)
            return PipedriveResponse.error(.tooManyRequests, "Daily API token budget exhausted", includeCode: true, headers: headers)
        case .serverError:
            return PipedriveResponse.error(.internalServerError, "Internal server error")
        case .html403:
            return Sandbox.htmlPage(.forbidden, title: "403 Forbidden", message: "Access to this resource has been blocked after too many requests.")
        case .malformedJSON:
            return PipedriveResponse.bytes(Data(#"{"success":true,"data":{"id":1,"title":"Trunc"#.utf8), contentType: "application/json")
        case .truncatedBody:
            let sent = ByteBuffer(string: #"{"success":true,"data":{"id":1,"title":"Cut"#)
            return Response(
                status: .ok,
                headers: [.contentType: "application/json", .contentLength: String(sent.readableBytes * 4)],
                body: ResponseBody { writer in
                    try await writer.write(sent)
                    // Failing the body after part of it was written makes the server close the connection.
                    throw TruncatedBody()
                }
            )
        }
    }

    /// Ends a `truncated-body` answer early.
    struct TruncatedBody: Error {}

    private static func rateLimitHeaders(burstRemaining: Int, dailyRemaining: Int) -> HTTPFields {
        [
            HTTPField.Name("x-ratelimit-limit")!: "40",
            HTTPField.Name("x-ratelimit-remaining")!: String(burstRemaining),
            HTTPField.Name("x-daily-ratelimit-token-limit")!: "30000",
            HTTPField.Name("x-daily-ratelimit-token-remaining")!: String(dailyRemaining),
        ]
    }
}
