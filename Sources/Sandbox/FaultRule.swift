/// One kind of trouble the sandbox makes on purpose, and the requests it applies to.
///
/// A rule matches a request when its method and path filters agree; it is applied to every
/// `everyNth` matching request (every one when `nil`), at most `times` times (forever when `nil`).
/// Latency rules add their delay and let the request continue; the first other rule that applies
/// answers the request in its place. Rules also match `/oauth/...` requests unless `pathContains`
/// narrows them.
///
/// ```swift
/// FaultRule(kind: .rateLimit(retryAfterSeconds: 1, resetSeconds: nil), pathContains: "/deals", everyNth: 3)
/// ```
public struct FaultRule: Sendable, Equatable {
    /// What the sandbox does to a request the rule applies to.
    public enum Kind: Sendable, Equatable {
        /// Waits this long, then answers normally.
        case latency(milliseconds: Int)
        /// 429 with `x-ratelimit-remaining: 0`, a daily budget left, and `Retry-After` and/or `x-ratelimit-reset` when given.
        case rateLimit(retryAfterSeconds: Int?, resetSeconds: Int?)
        /// 429 with `x-daily-ratelimit-token-remaining: 0`: the company's daily budget is spent.
        case dailyBudgetExhausted
        /// 500 with Pipedrive's error envelope.
        case serverError
        /// Closes the connection (with a TCP reset) without any HTTP response.
        case connectionReset
        /// 403 with an HTML page, as Pipedrive's gateway answers after ignored 429s.
        case html403
        /// 200 `application/json` whose body is cut off mid-document.
        case malformedJSON
        /// 200 `application/json` whose `Content-Length` promises more bytes than are sent before the
        /// connection closes.
        case truncatedBody
    }

    /// What the rule does.
    public var kind: Kind
    /// Only requests whose path contains this text (any path when `nil`).
    public var pathContains: String?
    /// Only requests with this method, compared case-insensitively (any method when `nil`).
    public var method: String?
    /// Apply to every Nth matching request (the Nth, 2Nth, …); `nil` applies to every one.
    public var everyNth: Int?
    /// Stop after applying this many times; `nil` never stops.
    public var times: Int?

    /// Creates a rule.
    public init(kind: Kind, pathContains: String? = nil, method: String? = nil, everyNth: Int? = nil, times: Int? = nil) {
        self.kind = kind
        self.pathContains = pathContains
        self.method = method
        self.everyNth = everyNth
        self.times = times
    }

    /// Whether the rule's filters select a request.
    func matches(method requestMethod: String, path: String) -> Bool {
        if let pathContains, !path.contains(pathContains) { return false }
        if let method, method.uppercased() != requestMethod.uppercased() { return false }
        return true
    }
}

extension FaultRule.Kind {
    /// The kind's name in JSON (`"kind"`) and in `--fault` specs.
    enum Name: String, CaseIterable {
        case latency
        case rateLimit = "rate-limit"
        case dailyBudgetExhausted = "daily-budget-exhausted"
        case serverError = "server-error"
        case connectionReset = "connection-reset"
        case html403 = "html-403"
        case malformedJSON = "malformed-json"
        case truncatedBody = "truncated-body"
    }

    var name: Name {
        switch self {
        case .latency: .latency
        case .rateLimit: .rateLimit
        case .dailyBudgetExhausted: .dailyBudgetExhausted
        case .serverError: .serverError
        case .connectionReset: .connectionReset
        case .html403: .html403
        case .malformedJSON: .malformedJSON
        case .truncatedBody: .truncatedBody
        }
    }
}
