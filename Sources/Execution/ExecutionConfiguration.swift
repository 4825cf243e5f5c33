/// Where tool calls go and how hard the executor tries.
public struct ExecutionConfiguration: Sendable {
    /// Sends every API call here instead of the account's host (`--pipedrive-api-base`; tests, sandbox).
    public var apiBaseOverride: String?
    /// Sends every OAuth call here instead of `https://oauth.pipedrive.com` (`--pipedrive-oauth-base`).
    public var oauthBaseOverride: String?
    /// The host of API-token and bearer accounts that name no company subdomain.
    public var defaultAPIBase: String
    public var oauthBase: String
    public var retry: RetryPolicy

    public init(
        apiBaseOverride: String? = nil,
        oauthBaseOverride: String? = nil,
        defaultAPIBase: String = "https://api.pipedrive.com",
        oauthBase: String = "https://oauth.pipedrive.com",
        retry: RetryPolicy = RetryPolicy()
    ) {
        self.apiBaseOverride = apiBaseOverride.map(Self.trimmed)
        self.oauthBaseOverride = oauthBaseOverride.map(Self.trimmed)
        self.defaultAPIBase = Self.trimmed(defaultAPIBase)
        self.oauthBase = Self.trimmed(oauthBase)
        self.retry = retry
    }

    private static func trimmed(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }
}
