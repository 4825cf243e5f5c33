public import Catalog
public import CurlHTTP

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
    /// Which binding set calls go through (`--pipedrive-api`): today's API or the 2024 v1 one.
    public var api: PipedriveAPI

    public init(
        apiBaseOverride: String? = nil,
        oauthBaseOverride: String? = nil,
        defaultAPIBase: String = "https://api.pipedrive.com",
        oauthBase: String = "https://oauth.pipedrive.com",
        retry: RetryPolicy = RetryPolicy(),
        api: PipedriveAPI = .current
    ) {
        self.apiBaseOverride = apiBaseOverride.map(Self.trimmed)
        self.oauthBaseOverride = oauthBaseOverride.map(Self.trimmed)
        self.defaultAPIBase = Self.trimmed(defaultAPIBase)
        self.oauthBase = Self.trimmed(oauthBase)
        self.retry = retry
        self.api = api
    }

    /// Where Toolport's requests may go: `https://api.pipedrive.com`, `https://oauth.pipedrive.com`,
    /// `https://<company>.pipedrive.com`, the bases this configuration names, and `extra` (`--allow-upstream`).
    public func upstreamAllowList(adding extra: [Origin] = []) -> UpstreamAllowList {
        let named = [apiBaseOverride, oauthBaseOverride, defaultAPIBase, oauthBase].compactMap { $0 }.compactMap { try? Origin(parsing: $0) }
        return UpstreamAllowList(hosts: ["api.pipedrive.com", "oauth.pipedrive.com"], parentDomains: ["pipedrive.com"], origins: Set(named))
            .adding(extra)
    }

    /// The host API calls with `credential` go to: `--pipedrive-api-base` if set, else the account's
    /// company host, else the default API host.
    public func apiBase(for credential: Credential) -> String {
        apiBaseOverride ?? credential.apiBase.map(Self.trimmed) ?? defaultAPIBase
    }

    private static func trimmed(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }
}
