import Foundation

/// The OAuth state: authorization codes waiting to be redeemed, live access and refresh tokens, and grant counts.
struct TokenStore: Sendable {
    /// A token pair as `/oauth/token` hands it out.
    struct Grant: Sendable {
        var accessToken: String
        var refreshToken: String
    }

    /// Codes by value, with the `redirect_uri` they were issued for.
    private var codes: [String: String] = [:]
    private var accessTokenExpiries: [String: ContinuousClock.Instant] = [:]
    private var refreshTokens: Set<String> = []
    /// The access token issued with each live refresh token, so that revoking the grant ends both.
    private var accessTokenOfRefreshToken: [String: String] = [:]
    private(set) var grantCounts = TokenGrantCounts()

    /// Issues a single-use code for `redirectURI`.
    mutating func makeCode(redirectURI: String) -> String {
        let code = Self.randomToken(prefix: "sbx_code_")
        codes[code] = redirectURI
        return code
    }

    /// Consumes `code` (whatever the outcome) and issues tokens when it was pending for `redirectURI`.
    mutating func redeem(code: String, redirectURI: String?, lifetime: Duration, now: ContinuousClock.Instant) -> Grant? {
        guard let expected = codes.removeValue(forKey: code), expected == redirectURI else { return nil }
        grantCounts.authorizationCode += 1
        return issue(lifetime: lifetime, now: now)
    }

    /// Rotates a live refresh token: the old one stops working and a new pair is issued.
    mutating func refresh(_ refreshToken: String, lifetime: Duration, now: ContinuousClock.Instant) -> Grant? {
        guard refreshTokens.remove(refreshToken) != nil else { return nil }
        accessTokenOfRefreshToken[refreshToken] = nil
        grantCounts.refreshToken += 1
        return issue(lifetime: lifetime, now: now)
    }

    /// Whether `token` is an issued access token that has not expired or been revoked.
    func isLive(accessToken token: String, now: ContinuousClock.Instant) -> Bool {
        accessTokenExpiries[token].map { now < $0 } ?? false
    }

    /// Invalidates every access and refresh token issued so far.
    mutating func revokeAll() {
        accessTokenExpiries.removeAll()
        refreshTokens.removeAll()
        accessTokenOfRefreshToken.removeAll()
    }

    /// Revokes `token`: a refresh token together with the access token issued with it, or an access token.
    mutating func revoke(_ token: String) {
        if refreshTokens.remove(token) != nil, let access = accessTokenOfRefreshToken.removeValue(forKey: token) {
            accessTokenExpiries[access] = nil
        }
        accessTokenExpiries[token] = nil
    }

    private mutating func issue(lifetime: Duration, now: ContinuousClock.Instant) -> Grant {
        accessTokenExpiries = accessTokenExpiries.filter { now < $0.value }
        let grant = Grant(accessToken: Self.randomToken(prefix: "sbx_at_"), refreshToken: Self.randomToken(prefix: "sbx_rt_"))
        accessTokenExpiries[grant.accessToken] = now.advanced(by: lifetime)
        refreshTokens.insert(grant.refreshToken)
        accessTokenOfRefreshToken[grant.refreshToken] = grant.accessToken
        return grant
    }

    private static func randomToken(prefix: String) -> String {
        prefix + (UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "").lowercased()
    }
}
