/// The rate limits the sandbox counts, as Pipedrive's token-based limits: a burst limit of requests per
/// 2-second window (a lower one for search), and a daily budget of tokens that each operation spends.
/// Every API answer carries the headers; ``enforced`` refuses requests over a limit with 429.
public struct RateLimitPolicy: Sendable, Equatable {
    /// Requests per 2-second window (Pipedrive's Advanced plan with an API token).
    public var burstLimit: Int
    /// Search requests per 2-second window (every plan).
    public var searchBurstLimit: Int
    /// Tokens per day (UTC): 30,000 base tokens × plan multiplier × seats; one seat of the base plan by default.
    public var dailyTokens: Int
    /// Whether requests over a limit are refused with 429 (`--rate-limit`); otherwise they are only counted.
    public var enforced: Bool

    public init(burstLimit: Int = 40, searchBurstLimit: Int = 10, dailyTokens: Int = 30_000, enforced: Bool = false) {
        self.burstLimit = burstLimit
        self.searchBurstLimit = searchBurstLimit
        self.dailyTokens = dailyTokens
        self.enforced = enforced
    }
}
