/// When and how long the executor waits before trying a call again.
///
/// - A 429 is retried (any method: Pipedrive did not process it) after `Retry-After`, else
///   `x-ratelimit-reset`, else exponential backoff with full jitter; a 429 whose
///   `x-daily-ratelimit-token-remaining` is 0 fails at once (the budget resets at midnight).
/// - A 5xx, timeout or dropped connection is retried only for GET and HEAD; a connection that was never
///   made is retried for any method, since nothing was sent.
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

    /// The backoff before attempt `attempt + 1` (attempt counts from 1): full jitter over an exponential cap.
    func backoff(after attempt: Int) -> Duration {
        let cap = min(baseDelay * (1 << min(attempt - 1, 16)), maxDelay)
        let milliseconds = Double(cap.components.seconds) * 1000 + Double(cap.components.attoseconds) / 1e15
        return .milliseconds(Int.random(in: Int(milliseconds / 2)...max(Int(milliseconds / 2), Int(milliseconds))))
    }

    /// Whether `method` may be sent again after a failure that may have reached the server.
    static func isIdempotentForRetry(_ method: String) -> Bool {
        method == "GET" || method == "HEAD"
    }
}
