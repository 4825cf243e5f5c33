public import CoreMetrics

/// Every metric Toolport exports, by name, with its labels. Label values are bounded: tool slugs from the
/// catalog, route templates, methods, status codes and classes, fixed outcome words; never ids, URLs or secrets.
public struct ToolportMetrics: Sendable {
    let factory: any MetricsFactory

    /// Histogram buckets, in seconds: 5 ms to 60 s.
    static let durationBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]

    public init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// `duration` in whole nanoseconds, as swift-metrics' timers take it.
    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// One tool call (or proxy call, tool `PIPEDRIVE_PROXY`) ended with `outcome` after `duration`.
    public func toolExecution(tool: String, outcome: ToolOutcome, duration: Duration) {
        Counter(label: "toolport_tool_executions_total", dimensions: [("tool", tool), ("outcome", outcome.rawValue)], factory: factory).increment()
        Timer(label: "toolport_tool_execution_duration_seconds", dimensions: [("tool", tool)], factory: factory).recordNanoseconds(Self.nanoseconds(duration))
    }

    /// One request to Pipedrive (API or OAuth) answered with `status`, or not at all (nil).
    public func upstreamRequest(method: String, status: Int?, duration: Duration) {
        let dimensions = [("method", MetricLabels.method(method)), ("status_class", MetricLabels.statusClass(status))]
        Counter(label: "toolport_upstream_requests_total", dimensions: dimensions, factory: factory).increment()
        Timer(label: "toolport_upstream_request_duration_seconds", dimensions: [("method", MetricLabels.method(method))], factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    /// The executor sent a call again, for `reason` (`rate_limited`, `server_error`, `transport`, `token_refresh`).
    public func upstreamRetry(reason: String) {
        Counter(label: "toolport_upstream_retries_total", dimensions: [("reason", reason)], factory: factory).increment()
    }

    /// One answer of the HTTP API: `route` is the matched template (`RouteLabel`).
    public func httpRequest(route: String, method: String, status: Int, duration: Duration) {
        let dimensions = [("route", route), ("method", MetricLabels.method(method)), ("status", String(status))]
        Counter(label: "toolport_http_requests_total", dimensions: dimensions, factory: factory).increment()
        Timer(label: "toolport_http_request_duration_seconds", dimensions: [("route", route)], factory: factory).recordNanoseconds(Self.nanoseconds(duration))
    }

    /// One OAuth token refresh ended with `result` (`success`, `reused`, `invalid_grant`, `refused`, `error`).
    public func tokenRefresh(result: String) {
        Counter(label: "toolport_token_refreshes_total", dimensions: [("result", result)], factory: factory).increment()
    }

    /// One database operation (`ping`, `execution_log_write`, …) took `duration`.
    public func databaseOperation(_ operation: String, duration: Duration, failed: Bool = false) {
        Timer(label: "toolport_database_operation_duration_seconds", dimensions: [("operation", operation)], factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
        if failed {
            Counter(label: "toolport_database_errors_total", dimensions: [("operation", operation)], factory: factory).increment()
        }
    }

    /// The number of connected accounts with `status`, as last counted.
    public func connectedAccounts(status: String, count: Int) {
        Gauge(label: "toolport_connected_accounts", dimensions: [("status", status)], factory: factory).record(count)
    }

    /// One call of a Pipedrive webhook ended with `result` (`accepted`, `duplicate`, `unauthorized`, `unknown_webhook`,
    /// `malformed`).
    public func triggerEvent(result: String) {
        Counter(label: "toolport_trigger_events_total", dimensions: [("result", result)], factory: factory).increment()
    }

    /// One delivery attempt to a webhook subscription ended with `outcome` (`delivered`, `retry`, `failed`) after
    /// `duration`.
    public func triggerDelivery(outcome: String, duration: Duration) {
        Counter(label: "toolport_trigger_deliveries_total", dimensions: [("outcome", outcome)], factory: factory).increment()
        Timer(label: "toolport_trigger_delivery_duration_seconds", factory: factory).recordNanoseconds(Self.nanoseconds(duration))
    }

    /// Execution logs queued in memory, not yet written to the database.
    public func executionLogQueue(depth: Int) {
        Gauge(label: "toolport_execution_log_queue_depth", factory: factory).record(depth)
    }
}

/// Label values made bounded.
public enum MetricLabels {
    /// The route label of an answer: the matched route template (`/api/v3.1/tools/execute/{slug}`), or
    /// `unmatched` when no route matched (Hummingbird's `NotFound`) or none was looked up.
    public static func route(endpointPath: String?) -> String {
        guard let endpointPath, endpointPath != "NotFound", endpointPath.hasPrefix("/") else { return "unmatched" }
        return endpointPath
    }

    /// `method` when it is a standard HTTP method, else `OTHER`.
    public static func method(_ method: String) -> String {
        switch method {
        case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT": method
        default: "OTHER"
        }
    }

    /// `2xx` … `5xx` for a status, `error` when no answer came.
    public static func statusClass(_ status: Int?) -> String {
        guard let status, (100...599).contains(status) else { return "error" }
        return "\(status / 100)xx"
    }
}
