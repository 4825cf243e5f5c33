import Foundation
import HTTPTypes
import HummingbirdTesting
import Sandbox
import Testing
import ToolportJSON

struct FaultTests {
    static func sandbox(_ rules: FaultRule...) -> TestSandbox {
        TestSandbox(configuration: SandboxConfiguration(faults: rules))
    }

    @Test func rateLimitAnswers429WithRetryHeaders() async throws {
        try await Self.sandbox(FaultRule(kind: .rateLimit(retryAfterSeconds: 2, resetSeconds: 3))).test { client in
            let response = try await client.call(.get, "/api/v1/deals")
            #expect(response.status == .tooManyRequests)
            #expect(response.headers[.retryAfter] == "2")
            #expect(response.headers[HTTPField.Name("x-ratelimit-reset")!] == "3")
            #expect(response.headers[HTTPField.Name("x-ratelimit-remaining")!] == "0")
            #expect(Int(response.headers[HTTPField.Name("x-daily-ratelimit-token-remaining")!] ?? "") ?? 0 > 0)
            #expect(try response.json()["success"] == false)
        }
    }

    @Test func rateLimitOmitsHeadersItWasNotGiven() async throws {
        try await Self.sandbox(FaultRule(kind: .rateLimit(retryAfterSeconds: nil, resetSeconds: 1))).test { client in
            let response = try await client.call(.get, "/api/v1/deals")
            #expect(response.headers[.retryAfter] == nil)
            #expect(response.headers[HTTPField.Name("x-ratelimit-reset")!] == "1")
        }
    }

    @Test func dailyBudgetExhaustionReportsNoTokensLeft() async throws {
        try await Self.sandbox(FaultRule(kind: .dailyBudgetExhausted)).test { client in
            let response = try await client.call(.get, "/api/v1/deals")
            #expect(response.status == .tooManyRequests)
            #expect(response.headers[HTTPField.Name("x-daily-ratelimit-token-remaining")!] == "0")
        }
    }

    @Test func serverErrorAnswers500WithTheEnvelope() async throws {
        try await Self.sandbox(FaultRule(kind: .serverError)).test { client in
            let response = try await client.call(.get, "/api/v1/deals")
            #expect(response.status == .internalServerError)
            #expect(try response.json()["success"] == false)
        }
    }

    @Test func html403AnswersAnHTMLPage() async throws {
        try await Self.sandbox(FaultRule(kind: .html403)).test { client in
            let response = try await client.call(.get, "/api/v1/deals")
            #expect(response.status == .forbidden)
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(response.text.contains("<html>"))
        }
    }

    @Test func malformedJSONAnswersATruncatedDocument() async throws {
        try await Self.sandbox(FaultRule(kind: .malformedJSON)).test { client in
            let response = try await client.call(.get, "/api/v1/deals")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            #expect(throws: (any Error).self) { try response.json() }
        }
    }

    @Test func latencyDelaysTheAnswer() async throws {
        try await Self.sandbox(FaultRule(kind: .latency(milliseconds: 200))).test { client in
            let clock = ContinuousClock()
            let started = clock.now
            let response = try await client.call(.get, "/api/v1/deals")
            #expect(response.status == .ok)
            #expect(clock.now - started >= .milliseconds(200))
        }
    }

    @Test func configuredLatencyDelaysEveryRequest() async throws {
        try await TestSandbox(configuration: SandboxConfiguration(latency: .milliseconds(150))).test { client in
            let clock = ContinuousClock()
            let started = clock.now
            let response = try await client.call(.get, "/api/v1/deals", headers: [:])
            #expect(response.status == .unauthorized)
            #expect(clock.now - started >= .milliseconds(150))
        }
    }

    @Test func appliesToEveryNthMatchingRequestAtMostTimesTimes() async throws {
        let rule = FaultRule(kind: .serverError, pathContains: "/deals", method: "get", everyNth: 2, times: 2)
        try await Self.sandbox(rule).test { client in
            var statuses: [Int] = []
            for _ in 1...6 { statuses.append(try await client.call(.get, "/api/v1/deals").status.code) }
            #expect(statuses == [200, 500, 200, 500, 200, 200])
            #expect(try await client.call(.get, "/api/v1/persons").status == .ok)
            #expect(try await client.call(.post, "/api/v1/deals", json: ["title": "x"]).status == .created)
        }
    }

    @Test func checksAuthBeforeFaults() async throws {
        try await Self.sandbox(FaultRule(kind: .serverError)).test { client in
            let response = try await client.call(.get, "/api/v1/deals", headers: [:])
            #expect(response.status == .unauthorized)
        }
    }

    @Test func replacesRulesThroughTheAPIAndTheControlEndpoint() async throws {
        let harness = TestSandbox()
        try await harness.test { client in
            await harness.sandbox.setFaults([FaultRule(kind: .serverError, times: 1)])
            #expect(try await client.call(.get, "/api/v1/deals").status == .internalServerError)
            #expect(try await client.call(.get, "/api/v1/deals").status == .ok)

            let rules: JSONValue = [["kind": "rate-limit", "retry_after_seconds": 1, "path_contains": "/persons"]]
            let installed = try await client.call(.put, "/_sandbox/faults", json: rules, headers: [:])
            #expect(installed.status == .ok)
            #expect(try installed.json() == rules)
            #expect(try await client.call(.get, "/api/v1/persons").status == .tooManyRequests)
            #expect(try await client.call(.get, "/api/v1/deals").status == .ok)

            let refused = try await client.call(.put, "/_sandbox/faults", json: [["kind": "meteor-strike"]], headers: [:])
            #expect(refused.status == .badRequest)
        }
    }

    @Test func faultRulesRoundTripThroughJSON() throws {
        let rules = [
            FaultRule(kind: .latency(milliseconds: 5), method: "GET"),
            FaultRule(kind: .rateLimit(retryAfterSeconds: 1, resetSeconds: nil), pathContains: "/deals", everyNth: 3, times: 2),
            FaultRule(kind: .dailyBudgetExhausted), FaultRule(kind: .serverError), FaultRule(kind: .connectionReset),
            FaultRule(kind: .html403), FaultRule(kind: .malformedJSON),
        ]
        #expect(try JSONDecoder().decode([FaultRule].self, from: JSONEncoder().encode(rules)) == rules)
    }
}
