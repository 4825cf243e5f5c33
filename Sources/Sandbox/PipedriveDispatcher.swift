import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Answers every request that is not a control endpoint, as Pipedrive would.
///
/// In order: collect and record the request, wait the configured latency, then for OAuth paths apply
/// faults and run the flow; for `/api/v1/...` and `/v1/...` check auth (401), apply faults, and answer
/// from the catalog operation the method and path match (404 when none, 400 when a required parameter
/// is missing); for `/api/v2/...` the same auth and faults, then the v2 endpoints over the same state
/// (``V2Endpoint``). API answers carry Pipedrive's rate-limit headers (``RateLimitBudget``), and a request
/// over an enforced limit gets a 429 instead. Any other path is a 404.
struct PipedriveDispatcher: RouterMiddleware {
    typealias Context = SandboxRequestContext

    /// Thrown after a `connection-reset` fault closed the connection, so that nothing is written.
    struct ConnectionReset: Error {}

    let sandbox: Sandbox

    func handle(_ input: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let body: ByteBuffer
        do {
            body = try await input.body.collect(upTo: context.maxUploadSize)
        } catch {
            throw HTTPError(.contentTooLarge)
        }
        let request = RecordedRequest(input, body: Data(body.readableBytesView))
        sandbox.record(request)
        if sandbox.configuration.latency > .zero { try await Task.sleep(for: sandbox.configuration.latency) }

        switch (request.method, request.path) {
        case ("GET", "/oauth/authorize"):
            let fault = try await injectFaults(request, context: context)
            return sandbox.authorize(request, denied: fault != nil)
        case ("POST", "/oauth/token"), ("POST", "/oauth/token/"):
            if let fault = try await injectFaults(request, context: context) { return fault }
            return sandbox.token(request)
        case ("POST", "/oauth/revoke"):
            if let fault = try await injectFaults(request, context: context) { return fault }
            return sandbox.revoke(request)
        default:
            break
        }
        let v2Segments = Self.segments(request.path, below: ["/api/v2/"])
        guard let segments = v2Segments ?? Self.apiSegments(request.path) else {
            return PipedriveResponse.error(.notFound, "Unknown method \(request.method) \(request.path)")
        }
        guard sandbox.isAuthorized(request) else {
            return PipedriveResponse.error(.unauthorized, "unauthorized access", includeCode: true)
        }
        if let fault = try await injectFaults(request, context: context) { return fault }
        let cost = TokenCost(method: request.method, segments: segments)
        let credential = request.headers["x-api-token"] ?? request.headers["authorization"] ?? request.query["api_token"] ?? ""
        let budget = sandbox.rateLimits.withLock { $0.charge(cost, credential: credential, now: .now) }
        guard budget.allowed else { return Self.overLimit(budget) }
        var response =
            if v2Segments == nil, let answer = sandbox.respondToWebhooks(request, segments: segments) {
                answer
            } else {
                sandbox.firingWebhooks(for: request) {
                    v2Segments != nil ? sandbox.respondToV2(request, segments: segments) : sandbox.respondToAPI(request, segments: segments)
                }
            }
        response.headers.append(contentsOf: budget.headers)
        return response
    }

    /// Pipedrive's 429 for a request over the burst limit or the daily token budget.
    private static func overLimit(_ budget: RateLimitBudget.Decision) -> Response {
        var headers = budget.headers
        headers[.retryAfter] = String(budget.retryAfter)
        let message = budget.isDailyExhausted ? "Daily API token budget exhausted" : "Request over limit"
        return PipedriveResponse.error(.tooManyRequests, message, includeCode: true, headers: headers)
    }

    /// The decoded path segments below `/api/v1` or `/v1`; `nil` for other paths.
    static func apiSegments(_ path: String) -> [String]? {
        segments(path, below: ["/api/v1/", "/v1/"])
    }

    /// The decoded path segments below the first of `prefixes` the path starts with; `nil` when none.
    static func segments(_ path: String, below prefixes: [String]) -> [String]? {
        guard let rest = prefixes.lazy.compactMap({ path.hasPrefix($0) ? path.dropFirst($0.count) : nil }).first else { return nil }
        return rest.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
    }

    /// Counts the request against the fault rules, sleeps for the latency ones, and answers the first other
    /// one applied; a connection reset closes the connection and throws.
    private func injectFaults(_ request: RecordedRequest, context: Context) async throws -> Response? {
        let kinds = sandbox.faults.withLock { $0.faults(method: request.method, path: request.path) }
        var delay = Duration.zero
        for case .latency(let milliseconds) in kinds { delay += .milliseconds(milliseconds) }
        if delay > .zero { try await Task.sleep(for: delay) }
        guard let kind = kinds.first(where: { if case .latency = $0 { false } else { true } }) else { return nil }
        if kind == .connectionReset {
            await context.resetConnection()
            throw ConnectionReset()
        }
        return FaultResponse.response(for: kind)
    }
}
