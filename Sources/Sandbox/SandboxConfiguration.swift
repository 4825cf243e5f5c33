/// How a ``Sandbox`` behaves: the credentials it accepts, the tokens it issues, and the trouble it makes.
///
/// ```swift
/// var configuration = SandboxConfiguration()
/// configuration.accessTokenLifetime = 2
/// configuration.faults = [FaultRule(kind: .serverError, pathContains: "/deals", times: 1)]
/// ```
public struct SandboxConfiguration: Sendable {
    /// The personal API token accepted as `x-api-token`, `Authorization: Bearer` or `?api_token=`.
    public var apiToken: String
    /// The OAuth client that may authorize and redeem codes.
    public var oauthClientID: String
    /// The secret the OAuth client sends with HTTP Basic auth to `/oauth/token`.
    public var oauthClientSecret: String
    /// Seconds an issued access token stays valid: the `expires_in` of token answers.
    public var accessTokenLifetime: Int
    /// The `api_domain` returned with tokens; `nil` answers `http://` plus the token request's `Host`.
    public var apiDomain: String?
    /// Added to every recorded request before it is answered.
    public var latency: Duration
    /// The faults installed at start; ``Sandbox/setFaults(_:)`` replaces them.
    public var faults: [FaultRule]
    /// How long a failed webhook call waits before each retry: Pipedrive's 3 s, 30 s and 150 s by default.
    public var webhookRetryDelays: [Duration]
    /// The rate limits counted in every API answer's headers, and enforced when the policy says so.
    public var rateLimit: RateLimitPolicy

    /// Creates a configuration; every argument has a default suitable for tests.
    public init(
        apiToken: String = "sandbox-api-token",
        oauthClientID: String = "sandbox-client-id",
        oauthClientSecret: String = "sandbox-client-secret",
        accessTokenLifetime: Int = 3600,
        apiDomain: String? = nil,
        latency: Duration = .zero,
        faults: [FaultRule] = [],
        webhookRetryDelays: [Duration] = [.seconds(3), .seconds(30), .seconds(150)],
        rateLimit: RateLimitPolicy = RateLimitPolicy()
    ) {
        self.apiToken = apiToken
        self.oauthClientID = oauthClientID
        self.oauthClientSecret = oauthClientSecret
        self.accessTokenLifetime = accessTokenLifetime
        self.apiDomain = apiDomain
        self.latency = latency
        self.faults = faults
        self.webhookRetryDelays = webhookRetryDelays
        self.rateLimit = rateLimit
    }
}
