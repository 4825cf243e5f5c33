import Foundation
import HTTPTypes

/// The sandbox's count against its ``RateLimitPolicy``: per credential (API or access token) the requests of the
/// current 2-second window (one for search, one for the rest), and for the company the tokens spent today (UTC).
struct RateLimitBudget: Sendable {
    static let window: TimeInterval = 2

    /// The outcome of charging one request: whether it may pass, and the figures of its headers.
    struct Decision: Sendable, Equatable {
        var allowed: Bool
        var burstLimit: Int
        var burstRemaining: Int
        /// Whole seconds until the burst window restarts.
        var reset: Int
        var dailyLimit: Int
        var dailyRemaining: Int
        /// Seconds until midnight UTC, when the daily budget refills.
        var secondsToMidnight: Int

        /// The headers Pipedrive sends with every answer.
        var headers: HTTPFields {
            [
                HTTPField.Name("x-ratelimit-limit")!: String(burstLimit),
                HTTPField.Name("x-ratelimit-remaining")!: String(burstRemaining),
                HTTPField.Name("x-ratelimit-reset")!: String(reset),
                HTTPField.Name("x-daily-ratelimit-token-limit")!: String(dailyLimit),
                HTTPField.Name("x-daily-ratelimit-token-remaining")!: String(dailyRemaining),
            ]
        }

        /// The daily budget is spent: only midnight helps.
        var isDailyExhausted: Bool { !allowed && dailyRemaining == 0 }

        /// `Retry-After`: the burst window's reset, or midnight once the daily budget is spent.
        var retryAfter: Int { isDailyExhausted ? secondsToMidnight : reset }
    }

    private struct Window: Sendable {
        var start: Date
        var requests: Int
    }

    private struct WindowKey: Hashable, Sendable {
        var credential: String
        var isSearch: Bool
    }

    let policy: RateLimitPolicy
    private var windows: [WindowKey: Window] = [:]
    private var day: Date?
    private var tokensSpent = 0

    init(policy: RateLimitPolicy) {
        self.policy = policy
    }

    /// Counts a request costing `cost`, made with `credential`, at `now`. Under an enforced policy a request over the burst limit, or any
    /// request once the daily budget is spent, is refused and spends nothing (the last request a budget pays
    /// for may overdraw it); otherwise it passes and is counted (remaining stops at 0).
    mutating func charge(_ cost: TokenCost, credential: String = "", now: Date) -> Decision {
        let today = Self.startOfDay(now)
        if day != today {
            day = today
            tokensSpent = 0
        }
        let key = WindowKey(credential: credential, isSearch: cost.isSearch)
        var window = windows[key] ?? Window(start: now, requests: 0)
        if now.timeIntervalSince(window.start) >= Self.window { window = Window(start: now, requests: 0) }
        let limit = cost.isSearch ? policy.searchBurstLimit : policy.burstLimit
        let overBurst = window.requests >= limit
        let overDaily = tokensSpent >= policy.dailyTokens
        let allowed = !policy.enforced || !(overBurst || overDaily)
        if allowed {
            window.requests += 1
            tokensSpent += cost.tokens
        }
        windows[key] = window
        let elapsed = now.timeIntervalSince(window.start)
        return Decision(
            allowed: allowed,
            burstLimit: limit,
            burstRemaining: max(0, limit - window.requests),
            reset: max(1, Int((Self.window - elapsed).rounded(.up))),
            dailyLimit: policy.dailyTokens,
            dailyRemaining: max(0, policy.dailyTokens - tokensSpent),
            secondsToMidnight: Int(today.addingTimeInterval(86_400).timeIntervalSince(now).rounded(.up))
        )
    }

    private static func startOfDay(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }
}
