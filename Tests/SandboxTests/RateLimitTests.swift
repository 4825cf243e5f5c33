import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Sandbox
import Testing
import ToolportJSON

struct RateLimitTests {
    @Test(arguments: [
        ("GET", ["deals", "1"], 2, false),
        ("GET", ["deals"], 20, false),
        ("GET", ["deals", "1", "activities"], 20, false),
        ("GET", ["users", "me"], 2, false),
        ("GET", ["leads", "0f8fad5b-d9cb-469f-a165-70867728950e"], 2, false),
        ("GET", ["deals", "summary"], 20, false),
        ("GET", ["dealFields"], 20, false),
        ("GET", ["deals", "search"], 40, true),
        ("GET", ["itemSearch"], 40, true),
        ("POST", ["deals"], 10, false),
        ("PATCH", ["deals", "1"], 10, false),
        ("DELETE", ["deals", "1"], 10, false),
    ])
    func costsTokensByKindOfOperation(method: String, segments: [String], tokens: Int, isSearch: Bool) {
        let cost = TokenCost(method: method, segments: segments)
        #expect(cost.tokens == tokens && cost.isSearch == isSearch)
    }

    /// One case: a policy, the requests charged (seconds after midnight, method, path), and the last decision's
    /// (allowed, burst remaining, reset, daily remaining).
    @Test(arguments: [
        (RateLimitPolicy(burstLimit: 2), [(0.0, "GET", ["deals", "1"])], (true, 1, 2, 29_998)),
        (RateLimitPolicy(burstLimit: 2), [(0.0, "GET", ["deals"]), (0.5, "GET", ["deals"]), (1.0, "GET", ["deals"])], (true, 0, 1, 29_940)),
        (RateLimitPolicy(burstLimit: 2, enforced: true), [(0.0, "GET", ["deals"]), (0.5, "GET", ["deals"]), (1.0, "GET", ["deals"])], (false, 0, 1, 29_960)),
        (RateLimitPolicy(burstLimit: 2, enforced: true), [(0.0, "GET", ["deals"]), (0.5, "GET", ["deals"]), (2.0, "GET", ["deals"])], (true, 1, 2, 29_940)),
        (RateLimitPolicy(searchBurstLimit: 1, enforced: true), [(0.0, "GET", ["deals", "search"]), (0.1, "GET", ["deals", "1"])], (true, 39, 2, 29_958)),
        (RateLimitPolicy(searchBurstLimit: 1, enforced: true), [(0.0, "GET", ["deals", "search"]), (0.1, "GET", ["itemSearch"])], (false, 0, 2, 29_960)),
        (RateLimitPolicy(dailyTokens: 25, enforced: true), [(0.0, "GET", ["deals"]), (10.0, "POST", ["deals"]), (20.0, "GET", ["deals", "1"])], (false, 40, 2, 0)),
        (RateLimitPolicy(dailyTokens: 25, enforced: true), [(0.0, "GET", ["deals"]), (10.0, "POST", ["deals"]), (86_400.0, "GET", ["deals", "1"])], (true, 39, 2, 23)),
    ] as [(RateLimitPolicy, [(Double, String, [String])], (Bool, Int, Int, Int))])
    func countsBurstWindowsAndTheDailyBudget(policy: RateLimitPolicy, requests: [(Double, String, [String])], expected: (Bool, Int, Int, Int)) throws {
        var budget = RateLimitBudget(policy: policy)
        let midnight = Date(timeIntervalSince1970: 1_796_515_200)
        var last: RateLimitBudget.Decision?
        for (seconds, method, segments) in requests {
            last = budget.charge(TokenCost(method: method, segments: segments), now: midnight.addingTimeInterval(seconds))
        }
        let decision = try #require(last)
        #expect(decision.allowed == expected.0)
        #expect(decision.burstRemaining == expected.1)
        #expect(decision.reset == expected.2)
        #expect(decision.dailyRemaining == expected.3)
    }

    @Test func aSpentDailyBudgetRetriesAfterMidnight() {
        var budget = RateLimitBudget(policy: RateLimitPolicy(dailyTokens: 2, enforced: true))
        let noon = Date(timeIntervalSince1970: 1_796_515_200 + 43_200)
        _ = budget.charge(TokenCost(method: "GET", segments: ["deals", "1"]), now: noon)
        let refused = budget.charge(TokenCost(method: "GET", segments: ["deals", "1"]), now: noon)
        #expect(refused.isDailyExhausted && refused.retryAfter == 43_200)
    }

    @Test func everyAPIAnswerCarriesTheHeaders() async throws {
        try await TestSandbox().test { client in
            let response = try await client.call(.get, "/api/v1/deals")
            #expect(response.headers[HTTPField.Name("x-ratelimit-limit")!] == "40")
            #expect(response.headers[HTTPField.Name("x-ratelimit-remaining")!] == "39")
            #expect(response.headers[HTTPField.Name("x-daily-ratelimit-token-remaining")!] == "29980")
            let v2 = try await client.call(.get, "/api/v2/deals/search?term=ab")
            #expect(v2.headers[HTTPField.Name("x-ratelimit-limit")!] == "10")
        }
    }

    @Test func anEnforcedLimitAnswers429WithRetryAfter() async throws {
        let sandbox = TestSandbox(configuration: SandboxConfiguration(rateLimit: RateLimitPolicy(burstLimit: 1, enforced: true)))
        try await sandbox.test { client in
            #expect(try await client.call(.get, "/api/v1/deals").status == .ok)
            let refused = try await client.call(.get, "/api/v1/deals")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter].flatMap { Int($0) }.map { (1...2).contains($0) } == true)
            #expect(refused.headers[HTTPField.Name("x-ratelimit-remaining")!] == "0")
            #expect(try refused.json()["errorCode"] == 429)
        }
    }
}

extension RateLimitTests {
    @Test func eachCredentialHasItsOwnBurstWindowAndTheCompanyOneDailyBudget() {
        var budget = RateLimitBudget(policy: RateLimitPolicy(burstLimit: 1, enforced: true))
        let now = Date(timeIntervalSince1970: 1_796_515_200)
        let cost = TokenCost(method: "GET", segments: ["deals"])
        #expect(budget.charge(cost, credential: "a", now: now).allowed)
        #expect(!budget.charge(cost, credential: "a", now: now).allowed)
        let other = budget.charge(cost, credential: "b", now: now)
        #expect(other.allowed && other.dailyRemaining == 29_960)
    }
}
