import Instrumentation
public import Prometheus
public import Tracing

/// What a Toolport process measures and traces with, passed down explicitly (no global metrics or
/// instrumentation system is bootstrapped): a Prometheus registry behind `GET /metrics`, the metrics
/// factory that writes to it, and the tracer when `--otel-endpoint` is set.
///
/// ```swift
/// let telemetry = Telemetry(tracer: otelTracer)   // or Telemetry() for metrics only
/// telemetry.metrics.toolExecution(tool: "PIPEDRIVE_ADD_A_DEAL", outcome: .success, duration: .milliseconds(42))
/// ```
public struct Telemetry: Sendable {
    /// What `GET /metrics` renders.
    public let registry: PrometheusCollectorRegistry
    /// Toolport's metrics, by name.
    public let metrics: ToolportMetrics
    /// Spans go here; nil when tracing is off, and then nothing about spans is computed.
    public let tracer: (any Tracer)?

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), tracer: (any Tracer)? = nil) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = ToolportMetrics.durationBuckets
        self.metrics = ToolportMetrics(factory: factory)
        self.tracer = tracer
    }

    /// Every metric in the Prometheus text format, the process metrics read now.
    public func exposition() -> String {
        ProcessMetrics(registry: registry).update()
        return registry.emitToString()
    }

    /// Runs `body` inside a child span `name` of the current one; just runs it when tracing is off.
    public func span<Answer>(
        _ name: String, kind: SpanKind = .internal, isolation: isolated (any Actor)? = #isolation, _ body: (any Span) async -> Answer
    ) async -> Answer {
        guard let tracer else { return await body(NoOpTracer.NoOpSpan(context: .topLevel)) }
        let span = tracer.startSpan(name, context: ServiceContext.current ?? .topLevel, ofKind: kind)
        defer { span.end() }
        return await ServiceContext.withValue(span.context) { await body(span) }
    }
}
