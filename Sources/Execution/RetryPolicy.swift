import Catalog
import CurlHTTP
import Foundation

/// Decides what follows each attempt of a call: send again after a wait, refresh the token and send
/// again, or stop with an answer. ``nextStep(after:state:jitter:now:)`` is a pure function: the executor
/// only carries its decisions out.
///
/// - A 401 from Pipedrive's API is answered by one token refresh and one more attempt; a second 401 (or a
///   401 from the OAuth server, which answers the tool's own arguments) stops the call.
/// - A 429 is retried (any method: Pipedrive did not process it) after `Retry-After`, else
///   `x-ratelimit-reset`, else exponential backoff with full jitter; a 429 whose
///   `x-daily-ratelimit-token-remaining` is 0 stops at once (the budget resets at midnight).
/// - A 5xx, timeout or dropped connection is retried only for GET and HEAD; a connection that was never
///   made is retried for any method, since nothing was sent. A refused origin or a cancelled call is never retried.
/// - At most `maxAttempts` attempts and `maxTotalWait` of waiting in all.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var maxTotalWait: Duration
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 4, maxTotalWait: Duration = .seconds(30), baseDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(8)) {
        self.maxAttempts = maxAttempts
        self.maxTotalWait = maxTotalWait
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// What one attempt came back with.
    enum Attempt: Sendable {
        case response(UpstreamResponse)
        case failure(UpstreamError)
    }

    /// Where a call stands after an attempt.
    struct State: Sendable, Equatable {
        /// Attempts made so far, this one included (from 1).
        var attempts: Int
        /// Time waited between attempts so far.
        var waited: Duration = .zero
        /// Whether the token was already refreshed once for this call.
        var refreshed = false
        /// The request's method.
        var method: String
        /// Which Pipedrive server the request goes to.
        var server: HTTPBinding.Server
    }

    /// What the executor does next.
    enum Step: Sendable, Equatable {
        /// Wait this long, then send the same request again.
        case resend(after: Duration)
        /// Refresh the account's token, rebuild the request with it and send that.
        case refreshAndResend
        /// The call is over.
        case stop(Stop)
    }

    /// How a call ends.
    enum Stop: Sendable, Equatable {
        /// Pipedrive's answer stands as it is.
        case answered
        /// Pipedrive's API refused the account's token (after the one refresh, when there was one).
        case tokenRejected
        /// A 429 with the company's daily budget spent: no retry can succeed today.
        case dailyBudgetSpent
        /// 429s until the attempt or wait budget ran out.
        case rateLimited
        /// No answer arrived; the last error.
        case unreachable(UpstreamError)
    }

    /// The step after `attempt`. Pure: `jitter` (0...1) picks the point in the backoff range and `now`
    /// reads `Retry-After` dates.
    func nextStep(after attempt: Attempt, state: State, jitter: Double, now: Date) -> Step {
        switch attempt {
        case .failure(let error):
            let retryable = error != .cancelled && !error.isRefusal && (Self.isIdempotentForRetry(state.method) || error.nothingWasSent)
            guard retryable, let delay = allowedWait(backoff(after: state.attempts, jitter: jitter), state: state) else {
                return .stop(.unreachable(error))
            }
            return .resend(after: delay)
        case .response(let response):
            switch response.status {
            case 401 where state.server == .api:
                return state.refreshed ? .stop(.tokenRejected) : .refreshAndResend
            case 429:
                if response.header("x-daily-ratelimit-token-remaining") == "0" { return .stop(.dailyBudgetSpent) }
                let wait = Self.retryAfter(response, now: now) ?? backoff(after: state.attempts, jitter: jitter)
                return allowedWait(wait, state: state).map { .resend(after: $0) } ?? .stop(.rateLimited)
            case 500...599 where Self.isIdempotentForRetry(state.method):
                return allowedWait(backoff(after: state.attempts, jitter: jitter), state: state).map { .resend(after: $0) } ?? .stop(.answered)
            default:
                return .stop(.answered)
            }
        }
    }

    /// `wait`, when another attempt fits in the attempt and wait budgets.
    private func allowedWait(_ wait: Duration, state: State) -> Duration? {
        guard state.attempts < maxAttempts, state.waited + wait <= maxTotalWait else { return nil }
        return wait
    }

    /// The backoff after attempt `attempt` (from 1): full jitter over an exponential cap, `jitter` (0...1)
    /// picking the point between half the cap and the cap.
    func backoff(after attempt: Int, jitter: Double) -> Duration {
        let cap = min(baseDelay * (1 << min(max(attempt - 1, 0), 16)), maxDelay)
        let milliseconds = Double(cap.components.seconds) * 1000 + Double(cap.components.attoseconds) / 1e15
        return .milliseconds(Int((milliseconds / 2) * (1 + min(max(jitter, 0), 1))))
    }

    /// `Retry-After` (seconds or an HTTP date), else `x-ratelimit-reset` (seconds).
    static func retryAfter(_ response: UpstreamResponse, now: Date) -> Duration? {
        if let value = response.header("retry-after")?.trimmingCharacters(in: .whitespaces) {
            if let seconds = Double(value), seconds >= 0 {
                return .milliseconds(Int(seconds * 1000))
            }
            if let date = HTTPDate.parse(value) {
                return .milliseconds(max(0, Int(date.timeIntervalSince(now) * 1000)))
            }
        }
        if let value = response.header("x-ratelimit-reset"), let seconds = Double(value), seconds >= 0 {
            return .milliseconds(Int(seconds * 1000))
        }
        return nil
    }

    /// Whether `method` may be sent again after a failure that may have reached the server.
    static func isIdempotentForRetry(_ method: String) -> Bool {
        method == "GET" || method == "HEAD"
    }
}

/// HTTP's preferred date format (RFC 9110 IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`), read without a
/// formatter.
enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The date `text` names, or nil when it is not an IMF-fixdate.
    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = Int(parts[1]), parts[1].count == 2, (1...31).contains(day),
            let month = months.firstIndex(of: String(parts[2])),
            let year = Int(parts[3]), parts[3].count == 4
        else { return nil }
        let clock = parts[4].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
            let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = daysSinceEpoch(year: year, month: month + 1, day: day)
        return Date(timeIntervalSince1970: TimeInterval(((days * 24 + hour) * 60 + minute) * 60 + second))
    }

    /// Days from 1970-01-01 to the proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
