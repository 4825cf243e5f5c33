public import CurlHTTP
import Instrumentation
import Tracing

/// An `UpstreamClient` that measures every request it passes on (`toolport_upstream_requests_total`,
/// `toolport_upstream_request_duration_seconds`) and, when tracing is on, sends each in a client span
/// whose `traceparent` it adds to the request.
public struct InstrumentedUpstreamClient: UpstreamClient {
    let base: any UpstreamClient
    let telemetry: Telemetry

    public init(base: any UpstreamClient, telemetry: Telemetry) {
        self.base = base
        self.telemetry = telemetry
    }

    public func execute(_ request: UpstreamRequest) async throws(UpstreamError) -> UpstreamResponse {
        let started = ContinuousClock.now
        let result: Result<UpstreamResponse, UpstreamError>
        if let tracer = telemetry.tracer {
            result = await traced(request, tracer: tracer)
        } else {
            result = await Self.send(request, through: base)
        }
        let status = try? result.get().status
        telemetry.metrics.upstreamRequest(method: request.method, status: status, duration: ContinuousClock.now - started)
        return try result.get()
    }

    private func traced(_ request: UpstreamRequest, tracer: any Tracer) async -> Result<UpstreamResponse, UpstreamError> {
        let span = tracer.startSpan("HTTP \(MetricLabels.method(request.method))", context: ServiceContext.current ?? .topLevel, ofKind: .client)
        defer { span.end() }
        span.attributes["http.request.method"] = MetricLabels.method(request.method)
        if let host = UpstreamHost.of(request.url) { span.attributes["server.address"] = host }
        var request = request
        tracer.inject(span.context, into: &request.headers, using: UpstreamHeaderInjector())
        let result = await Self.send(request, through: base)
        switch result {
        case .success(let response):
            span.attributes["http.response.status_code"] = response.status
            if response.status >= 500 { span.setStatus(.init(code: .error)) }
        case .failure(let error):
            span.attributes["error.type"] = UpstreamHost.errorType(error)
            span.setStatus(.init(code: .error))
        }
        return result
    }

    private static func send(_ request: UpstreamRequest, through client: any UpstreamClient) async -> Result<UpstreamResponse, UpstreamError> {
        do {
            return .success(try await client.execute(request))
        } catch {
            return .failure(error)
        }
    }
}

/// Adds propagation fields (`traceparent`, `tracestate`) to an upstream request's headers, replacing any
/// field of the same name.
struct UpstreamHeaderInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [UpstreamHeader]) {
        carrier.removeAll { $0.name.lowercased() == key.lowercased() }
        carrier.append(UpstreamHeader(key, value))
    }
}

/// What a span may say about an upstream request: the host only (paths carry ids, queries may carry tokens).
enum UpstreamHost {
    /// The host of an absolute URL, without user information or port.
    static func of(_ url: String) -> String? {
        guard let scheme = url.firstRange(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.split(separator: "@").last.map(String.init) ?? ""
        let host = hostAndPort.hasPrefix("[") ? String(hostAndPort.prefix { $0 != "]" }) + "]" : String(hostAndPort.prefix { $0 != ":" })
        return host.isEmpty ? nil : host
    }

    /// A fixed word for why no answer came.
    static func errorType(_ error: UpstreamError) -> String {
        switch error {
        case .connectFailed: "connect_failed"
        case .connectTimedOut: "connect_timeout"
        case .timedOut: "timeout"
        case .responseTooLarge: "response_too_large"
        case .cancelled: "cancelled"
        case .invalidURL: "invalid_url"
        case .refused: "refused"
        case .transport: "transport"
        }
    }
}
