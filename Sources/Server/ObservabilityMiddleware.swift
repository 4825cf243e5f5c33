import Hummingbird
import HTTPTypes
import Instrumentation
import Logging
import Telemetry
import Tracing

/// Outermost middleware: gives every request its id (`x-request-id`, kept when the client's is well-formed),
/// answers with it, puts it in the request's logger and task context (the execution log and log lines read
/// it there), counts the answer by route template (`toolport_http_requests_total`), and, when tracing is on,
/// serves the request in a server span that continues an incoming `traceparent`.
struct ObservabilityMiddleware: RouterMiddleware {
    typealias Context = ToolportRequestContext
    let telemetry: Telemetry

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let requestID = RequestID.resolve(request.headers[.xRequestID])
        // The request below carries the id it answers with, so that error envelopes repeat it.
        var head = request.head
        head.headerFields[.xRequestID] = requestID
        let request = Request(head: head, body: request.body)
        var context = context
        context.logger[metadataKey: "request_id"] = .string(requestID)
        var taskContext = ServiceContext.current ?? .topLevel
        taskContext.requestID = requestID
        var response: Response
        if let tracer = telemetry.tracer {
            tracer.extract(request.headers, into: &taskContext, using: HTTPFieldsExtractor())
            let span = tracer.startSpan("\(MetricLabels.method(request.method.rawValue)) request", context: taskContext, ofKind: .server)
            defer { span.end() }
            let ready = context
            response = try await ServiceContext.withValue(span.context) { try await Self.answer(request, context: ready, next: next) }
            let route = MetricLabels.route(endpointPath: context.endpointPath)
            span.operationName = "\(MetricLabels.method(request.method.rawValue)) \(route)"
            span.updateAttributes { attributes in
                attributes["http.request.method"] = MetricLabels.method(request.method.rawValue)
                attributes["http.route"] = route
                attributes["http.response.status_code"] = Int(response.status.code)
                attributes["toolport.request_id"] = requestID
            }
            if response.status.code >= 500 { span.setStatus(.init(code: .error)) }
        } else {
            let ready = context
            response = try await ServiceContext.withValue(taskContext) { try await Self.answer(request, context: ready, next: next) }
        }
        response.headers[.xRequestID] = requestID
        let route = MetricLabels.route(endpointPath: context.endpointPath)
        let elapsed = ContinuousClock.now - started
        telemetry.metrics.httpRequest(route: route, method: request.method.rawValue, status: response.status.code, duration: elapsed)
        context.logger.debug(
            "answered",
            metadata: ["http.route": "\(route)", "http.method": "\(request.method.rawValue)", "http.status": "\(response.status.code)",
                       "duration_ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)"]
        )
        return response
    }

    /// The answer to `request`, errors rendered here (with the request id the envelope repeats) rather than by the
    /// router, so that every answer passes through the counting and the header above.
    private static func answer(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            return try error.response(from: request, context: context)
        }
    }
}

/// Reads propagation fields (`traceparent`, `tracestate`) from a request's headers.
struct HTTPFieldsExtractor: Extractor {
    func extract(key: String, from carrier: HTTPFields) -> String? {
        HTTPField.Name(key).flatMap { carrier[$0] }
    }
}
