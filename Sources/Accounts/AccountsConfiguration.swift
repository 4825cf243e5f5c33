public import CurlHTTP
import Execution

/// How accounts connect: where the browser comes back to, how long links and states live, and which
/// hosts accounts may point at.
public struct AccountsConfiguration: Sendable {
    /// The externally visible base of this server (`--public-url`), for callback and connect-link URLs.
    public var publicURL: String
    /// The OAuth callback route, the path of Composio's default redirect URI so existing setups keep working.
    public var callbackPath: String
    /// Pipedrive's OAuth server (or `--pipedrive-oauth-base`).
    public var oauthBase: String
    /// How long an OAuth `state` and a connect link stay usable.
    public var linkLifetime: Duration
    /// Access tokens with less than this left are refreshed before a call.
    public var refreshMargin: Duration
    /// The scopes an OAuth2 auth config requests unless it names its own.
    public var defaultScopes: String
    /// How long a resolved credential is reused by the executor (zero: never). Writes through this
    /// process are seen at once; writes by another process on the same database within this time.
    public var credentialCacheLifetime: Duration
    /// Sends account checks (`GET /v1/users/me`) here instead of the account's host (`--pipedrive-api-base`).
    public var apiBaseOverride: String?
    /// The host of API-token and bearer accounts that name no company subdomain.
    public var defaultAPIBase: String
    /// Whether API-token and bearer connections are checked with Pipedrive before they become ACTIVE
    /// (`--verify-connections`).
    public var verifyConnections: Bool
    /// Where an account's host (a subdomain or an OAuth token's `api_domain`) may point.
    public var upstreams: UpstreamAllowList

    public init(
        publicURL: String = "http://127.0.0.1:8000",
        callbackPath: String = "/api/v1/auth-apps/add",
        oauthBase: String = "https://oauth.pipedrive.com",
        linkLifetime: Duration = .seconds(600),
        refreshMargin: Duration = .seconds(300),
        defaultScopes: String = "contacts:full leads:full mail:full activities:full products:full projects:full",
        credentialCacheLifetime: Duration = .seconds(1),
        apiBaseOverride: String? = nil,
        defaultAPIBase: String = "https://api.pipedrive.com",
        verifyConnections: Bool = true,
        upstreams: UpstreamAllowList? = nil
    ) {
        self.credentialCacheLifetime = credentialCacheLifetime
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.callbackPath = callbackPath
        self.oauthBase = oauthBase.hasSuffix("/") ? String(oauthBase.dropLast()) : oauthBase
        self.linkLifetime = linkLifetime
        self.refreshMargin = refreshMargin
        self.defaultScopes = defaultScopes
        self.apiBaseOverride = apiBaseOverride.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.defaultAPIBase = defaultAPIBase
        self.verifyConnections = verifyConnections
        self.upstreams = upstreams
            ?? ExecutionConfiguration(apiBaseOverride: apiBaseOverride, oauthBaseOverride: oauthBase, defaultAPIBase: defaultAPIBase).upstreamAllowList()
    }

    /// The redirect URI an OAuth2 auth config uses unless it names its own.
    public var callbackURL: String { publicURL + callbackPath }
}
