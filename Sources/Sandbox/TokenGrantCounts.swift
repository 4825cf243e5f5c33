/// How many tokens `/oauth/token` has issued, by grant type.
public struct TokenGrantCounts: Sendable, Equatable {
    /// Grants that redeemed an authorization code.
    public var authorizationCode: Int
    /// Grants that redeemed (and rotated) a refresh token.
    public var refreshToken: Int

    /// Creates counts.
    public init(authorizationCode: Int = 0, refreshToken: Int = 0) {
        self.authorizationCode = authorizationCode
        self.refreshToken = refreshToken
    }

    /// All successful grants.
    public var total: Int { authorizationCode + refreshToken }
}
