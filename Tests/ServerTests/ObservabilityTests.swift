import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
@testable import Server
@testable import Telemetry
import Testing
import ToolportJSON

/// Request ids, route labels, the `/metrics` guard and what `/metrics` counts.
struct ObservabilityTests {
    @Test(arguments: [
        (nil, nil),
        ("", nil),
        ("abc-123_X.y", "abc-123_X.y"),
        (String(repeating: "a", count: 128), String(repeating: "a", count: 128)),
        (String(repeating: "a", count: 129), nil),
        ("has space", nil),
        (#"id"}, "x": "1"#, nil),
        ("ünïcode", nil),
        ("line\nbreak", nil),
    ] as [(String?, String?)])
    func aRequestIDIsKeptOnlyWhenWellFormed(incoming: String?, kept: String?) {
        #expect(RequestID.accepting(incoming) == kept)
    }

    @Test func generatedRequestIDsAreWellFormedAndDistinct() {
        let ids = (0..<100).map { _ in RequestID.generate() }
        #expect(Set(ids).count == 100)
        #expect(ids.allSatisfy { RequestID.accepting($0) == $0 && $0.hasPrefix("req_") && $0.count == 28 })
    }

    @Test(arguments: [
        (nil, "unmatched"),
        ("NotFound", "unmatched"),
        ("/api/v3.1/tools/execute/{slug}", "/api/v3.1/tools/execute/{slug}"),
        ("/metrics", "/metrics"),
        ("FileMiddleware", "unmatched"),
    ] as [(String?, String)])
    func routeLabelsAreTemplates(endpointPath: String?, label: String) {
        #expect(MetricLabels.route(endpointPath: endpointPath) == label)
    }

    @Test(arguments: [(200, "2xx"), (404, "4xx"), (503, "5xx"), (nil, "error"), (99, "error"), (600, "error")] as [(Int?, String)])
    func statusClasses(status: Int?, label: String) {
        #expect(MetricLabels.statusClass(status) == label)
    }

    @Test(arguments: [("GET", "GET"), ("PATCH", "PATCH"), ("BREW", "OTHER"), ("get", "OTHER")])
    func methodLabelsAreBounded(method: String, label: String) {
        #expect(MetricLabels.method(method) == label)
    }

    @Test(arguments: [
        (nil, nil, true),
        ("Bearer anything", nil, true),
        (nil, "s3cret", false),
        ("Bearer s3cret", "s3cret", true),
        ("bearer s3cret", "s3cret", true),
        ("Bearer s3cre", "s3cret", false),
        ("Bearer s3cret ", "s3cret", false),
        ("Basic s3cret", "s3cret", false),
        ("s3cret", "s3cret", false),
    ] as [(String?, String?, Bool)])
    func metricsTokenGuard(authorization: String?, token: String?, allowed: Bool) {
        #expect(MetricsAccess.allows(authorization: authorization, token: token) == allowed)
    }

    @Test func everyAnswerCarriesARequestIDAndErrorsRepeatIt() async throws {
        let server = try TestServer()
        try await server.test { client in
            try await client.execute(uri: "/healthz", method: .get, headers: [.xRequestIDForTests: "client-id-1"]) { response throws in
                #expect(response.headers[.xRequestIDForTests] == "client-id-1")
            }
            try await client.execute(uri: "/api/v3.1/tools/NOPE", method: .get, headers: [.xRequestIDForTests: "bad id!"]) { response throws in
                let id = try #require(response.headers[.xRequestIDForTests])
                #expect(id != "bad id!" && RequestID.accepting(id) == id)
                #expect(try response.errorEnvelope()["request_id"] as? String == id)
            }
            try await client.execute(uri: "/api/v3.1/tools", method: .get) { response throws in
                #expect(response.status == .unauthorized)
                let id = try #require(response.headers[.xRequestIDForTests])
                #expect(try response.errorEnvelope()["request_id"] as? String == id)
            }
        }
    }

    @Test func theExecutionLogKeepsTheRequestIDAndLogsAreSearchableByIt() async throws {
        let server = try TestServer()
        try await server.test { client in
            var headers = HTTPFields.apiKey()
            headers[.xRequestIDForTests] = "trace-me-42"
            let logID = try await client.execute(
                uri: "/api/v3.1/tools/execute/PIPEDRIVE_ADD_A_DEAL", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"user_id":"user-1","arguments":{"title":"Big deal"}}"#)
            ) { response throws in try #require(try response.json()["log_id"] as? String) }
            try await client.execute(uri: "/api/v3.1/logs/\(logID)", method: .get, headers: .apiKey()) { response throws in
                #expect(try response.json()["request_id"] as? String == "trace-me-42")
            }
            let search = #"{"filters":[{"field":"request_id","operator":"==","value":"trace-me-42"}]}"#
            try await client.execute(uri: "/api/v3.1/logs/tool_execution", method: .post, headers: .apiKey(), body: ByteBuffer(string: search)) { response throws in
                let logs = try #require(try response.json()["logs"] as? [[String: Any]])
                #expect(logs.map { $0["id"] as? String } == [logID])
            }
        }
    }

    @Test func metricsCountCallsByOutcomeAndRequestsByRouteTemplate() async throws {
        let server = try TestServer()
        try await server.test { client in
            for _ in 0..<2 {
                try await client.execute(
                    uri: "/api/v3.1/tools/execute/PIPEDRIVE_ADD_A_DEAL", method: .post, headers: .apiKey(),
                    body: ByteBuffer(string: #"{"user_id":"user-1","arguments":{"title":"Big deal"}}"#)
                ) { response throws in #expect(response.status == .ok) }
            }
            try await client.execute(
                uri: "/api/v3.1/tools/execute/PIPEDRIVE_ADD_A_DEAL", method: .post, headers: .apiKey(),
                body: ByteBuffer(string: #"{"user_id":"user-1","arguments":{}}"#)
            ) { response throws in #expect(response.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { response throws in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains(#"toolport_tool_executions_total{tool="PIPEDRIVE_ADD_A_DEAL",outcome="success"} 2"#))
                #expect(text.contains(#"toolport_tool_executions_total{tool="PIPEDRIVE_ADD_A_DEAL",outcome="validation_error"} 1"#))
                #expect(text.contains(#"toolport_http_requests_total{route="/api/v3.1/tools/execute/{slug}",method="POST",status="200"} 3"#))
                #expect(text.contains(#"toolport_upstream_requests_total{method="POST",status_class="2xx"} 2"#))
                #expect(!text.contains("user-1") && !text.contains("pd-token"))
            }
        }
    }

    @Test func aMetricsTokenIsRequiredWhenSet() async throws {
        let server = try TestServer(metricsToken: "scrape-token")
        try await server.test { client in
            try await client.execute(uri: "/metrics", method: .get) { response throws in #expect(response.status == .unauthorized) }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer scrape-token"]) { response throws in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func jsonLogLinesCarryTheirMetadata() throws {
        let event = LogEvent(level: .info, message: "hello", metadata: nil, source: "Server", file: "f", function: "g", line: 1)
        let line = JSONLogHandler.line(event: event, label: "toolport", metadata: ["request_id": "req_1", "message": "shadow"], time: Date())
        #expect(line["request_id"] == "req_1")
        #expect(line["message"] == "hello")
        #expect(line["metadata.message"] == "shadow")
        #expect(line["level"] == "info")
    }
}

extension HTTPField.Name {
    static let xRequestIDForTests = Self("x-request-id")!
}

/// The pure readings behind process metrics and `--otel-endpoint`.
struct TelemetryParsingTests {
    @Test func procStatIsReadFromTheLastParenthesis() throws {
        let line = "4242 (tool port) (x)) S 1 4242 4242 0 -1 4194560 1 0 0 0 150 25 0 0 20 0 9 0 12345 987654321 2048 18446744073709551615"
        let stat = try #require(ProcStat(parsing: line))
        let fields: [Int] = [stat.userTicks, stat.systemTicks, stat.startTicks, stat.virtualBytes, stat.residentPages]
        #expect(fields == [150, 25, 12345, 987_654_321, 2048] as [Int])
        #expect(ProcStat(parsing: "garbage") == nil)
        #expect(ProcStat(parsing: "1 (short) S 1 2") == nil)
    }

    @Test(arguments: [
        ("http://127.0.0.1:4318", "http://127.0.0.1:4318/v1/traces"),
        ("http://collector:4318/", "http://collector:4318/v1/traces"),
        ("https://otel.example.com/v1/traces", "https://otel.example.com/v1/traces"),
        ("HTTP://Collector:4318", "HTTP://Collector:4318/v1/traces"),
        ("collector:4318", nil),
        ("ftp://collector", nil),
        ("http://", nil),
        ("http:///path", nil),
        ("http://bad host", nil),
    ] as [(String, String?)])
    func otlpEndpoints(base: String, traces: String?) {
        #expect(OTLPEndpoint.tracesURL(base) == traces)
    }
}
