import ArgumentParser
import Foundation
import Logging
import OTel
import ServiceLifecycle
import Telemetry

/// How `serve` is observed: log format, the `/metrics` token, and where spans go.
struct ObservabilityOptions: ParsableArguments {
    /// How log lines are written.
    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Log lines as text or json (one JSON object per line).") var logFormat: LogFormat = .text
    @Option(
        name: .customLong("metrics-token"),
        help: "GET /metrics answers only Authorization: Bearer <token> (or env TOOLPORT_METRICS_TOKEN); without it /metrics is open."
    )
    var metricsToken: String?
    @Option(
        name: .customLong("otel-endpoint"),
        help: "Export traces by OTLP/HTTP (protobuf) to this collector, e.g. http://127.0.0.1:4318 (/v1/traces is added). Off by default."
    )
    var otelEndpoint: String?

    func validate() throws {
        if let otelEndpoint, OTLPEndpoint.tracesURL(otelEndpoint) == nil {
            throw ValidationError("--otel-endpoint \(otelEndpoint) is not an http(s) URL such as http://127.0.0.1:4318")
        }
    }

    /// The token `/metrics` requires, from the option or the environment; nil: none.
    func token(environment: [String: String]) -> String? {
        (metricsToken ?? environment["TOOLPORT_METRICS_TOKEN"]).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Sets the process's log handler: the one global this command configures, in `serve` only. Every line
    /// written while serving a request carries its `request_id`.
    func bootstrapLogging() {
        switch logFormat {
        case .text:
            LoggingSystem.bootstrap({ label, provider in StreamLogHandler.standardError(label: label, metadataProvider: provider) }, metadataProvider: RequestID.loggingMetadata)
        case .json:
            LoggingSystem.bootstrap({ label, provider in JSONLogHandler(label: label, metadataProvider: provider) }, metadataProvider: RequestID.loggingMetadata)
        }
    }

    /// The telemetry the server runs with and, when tracing is on, the exporter's service (run it beside the server).
    func telemetry(logger: Logger) throws -> (Telemetry, (any Service)?) {
        guard let otelEndpoint, let url = OTLPEndpoint.tracesURL(otelEndpoint) else { return (Telemetry(), nil) }
        var configuration = OTel.Configuration.default
        configuration.serviceName = "toolport"
        configuration.propagators = [.traceContext]
        configuration.metrics.enabled = false
        configuration.logs.enabled = false
        configuration.traces.enabled = true
        configuration.traces.exporter = .otlp
        configuration.traces.otlpExporter.protocol = .httpProtobuf
        configuration.traces.otlpExporter.endpoint = url
        // A collector that is down must not hold up a shutdown for the default 30 s.
        configuration.traces.otlpExporter.timeout = .seconds(5)
        configuration.traces.batchSpanProcessor.exportTimeout = .seconds(5)
        configuration.diagnosticLogger = .custom(logger)
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        logger.info("exporting traces", metadata: ["otel_endpoint": "\(url)"])
        return (Telemetry(tracer: backend.factory), backend.service)
    }
}
