/// A connected account's secrets, decrypted in memory. The database keeps them sealed as one JSON
/// object of strings under their stored keys (`{"access_token": "…", "refresh_token": "…"}`).
///
/// Printing, interpolating or dumping the secrets shows which ones are held, never their values.
public struct AccountSecrets: Sendable, Equatable {
    /// A Pipedrive API token (stored as `token`), for API-token accounts.
    public var token: String?
    /// A bearer token handed over by the user (`bearer_token`), for bearer-token accounts.
    public var bearerToken: String?
    /// An OAuth2 access token (`access_token`).
    public var accessToken: String?
    /// An OAuth2 refresh token (`refresh_token`).
    public var refreshToken: String?
    /// Stored keys that have no field here, kept as they are so that writing the secrets back does not
    /// drop them. Toolport itself writes none.
    public var otherFields: [String: String]

    public init(
        token: String? = nil, bearerToken: String? = nil, accessToken: String? = nil, refreshToken: String? = nil,
        otherFields: [String: String] = [:]
    ) {
        self.token = token
        self.bearerToken = bearerToken
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.otherFields = otherFields
    }

    /// The secrets stored under `fields`' keys.
    package init(fields: [String: String]) {
        var others = fields
        token = others.removeValue(forKey: Key.token)
        bearerToken = others.removeValue(forKey: Key.bearerToken)
        accessToken = others.removeValue(forKey: Key.accessToken)
        refreshToken = others.removeValue(forKey: Key.refreshToken)
        otherFields = others
    }

    /// Every secret held, under the key it is stored under.
    public var fields: [String: String] {
        var fields = otherFields
        if let token { fields[Key.token] = token }
        if let bearerToken { fields[Key.bearerToken] = bearerToken }
        if let accessToken { fields[Key.accessToken] = accessToken }
        if let refreshToken { fields[Key.refreshToken] = refreshToken }
        return fields
    }

    /// The stored keys of the named fields.
    private enum Key {
        static let token = "token"
        static let bearerToken = "bearer_token"
        static let accessToken = "access_token"
        static let refreshToken = "refresh_token"
    }
}

extension AccountSecrets: CustomStringConvertible, CustomReflectable {
    /// The keys held, without their values: `[access_token: <redacted>, refresh_token: <redacted>]`.
    public var description: String { RedactedFields(fields).description }

    /// The keys held, without their values, so that `dump` cannot leak them either.
    public var customMirror: Mirror {
        Mirror(self, children: ["fields": RedactedFields(fields)], displayStyle: .struct)
    }
}
