public import CurlHTTP

/// How one call authenticates to Pipedrive: resolved from a connected account, or given with the call.
public struct Credential: Sendable, Equatable {
    public enum Secret: Sendable, Equatable {
        /// A personal API token, sent as `x-api-token` (never in the URL).
        case apiToken(String)
        /// An OAuth access token or a bearer token, sent as `Authorization: Bearer`.
        case bearer(String)

        /// The header that carries it: `x-api-token`, or `Authorization: Bearer`.
        public var header: UpstreamHeader {
            switch self {
            case .apiToken(let token): UpstreamHeader("x-api-token", token)
            case .bearer(let token): UpstreamHeader("Authorization", "Bearer \(token)")
            }
        }
    }

    /// An OAuth app's client credentials, for the tools that call `oauth.pipedrive.com`.
    public struct OAuthClient: Sendable, Equatable {
        public var clientID: String
        public var clientSecret: String

        public init(clientID: String, clientSecret: String) {
            self.clientID = clientID
            self.clientSecret = clientSecret
        }
    }

    /// The connected account; nil for a credential given with the call (`custom_auth_params`,
    /// `custom_connection_data`), which is used once: never stored, refreshed or marked failed.
    public var accountID: String?
    public var userID: String
    public var secret: Secret
    /// The company host (`https://acme.pipedrive.com` or the OAuth token's `api_domain`); nil = the default host.
    public var apiBase: String?
    public var oauthClient: OAuthClient?
    /// The tools the account's auth config lets it run (`tool_access_config.tools_available_for_execution`);
    /// nil: every tool.
    public var allowedTools: [String]?
    /// The auth config the account belongs to, for errors.
    public var authConfigID: String?

    /// Whether the account's auth config lets it run the tool `slug` (slugs compare case-insensitively).
    public func mayRun(_ slug: String) -> Bool {
        allowedTools.map { $0.contains { $0.uppercased() == slug.uppercased() } } ?? true
    }

    public init(
        accountID: String?, userID: String, secret: Secret, apiBase: String? = nil, oauthClient: OAuthClient? = nil,
        allowedTools: [String]? = nil, authConfigID: String? = nil
    ) {
        self.accountID = accountID
        self.userID = userID
        self.secret = secret
        self.apiBase = apiBase
        self.oauthClient = oauthClient
        self.allowedTools = allowedTools
        self.authConfigID = authConfigID
    }
}

/// Which account a call should use: `connected_account_id`, else the user's one active account; in both cases one
/// made with `authConfigIDs`, when given (a configured MCP server's auth configs).
public struct AccountSelector: Sendable, Equatable {
    public var userID: String?
    public var connectedAccountID: String?
    /// The auth configs the account must have been made with; empty: any.
    public var authConfigIDs: [String]

    public init(userID: String?, connectedAccountID: String?, authConfigIDs: [String] = []) {
        self.userID = userID
        self.connectedAccountID = connectedAccountID
        self.authConfigIDs = authConfigIDs
    }
}

/// Why no credential could be used; each message says what to do.
public enum CredentialError: Error, Equatable, CustomStringConvertible {
    case noSelector
    case accountNotFound(String)
    case accountOfAnotherUser(accountID: String, userID: String)
    case noActiveAccount(userID: String)
    /// The user has no active account made with one of these auth configs.
    case noActiveAccountInAuthConfigs(userID: String, authConfigIDs: [String])
    /// The named account was made with an auth config outside these.
    case accountOutsideAuthConfigs(accountID: String, authConfigIDs: [String])
    case severalActiveAccounts(userID: String, accountIDs: [String])
    case accountDisabled(String)
    case accountNotActive(accountID: String, status: String, reason: String?)
    case unavailable(String)

    /// Whether the same call might succeed later without anyone acting (only a storage outage).
    public var isTransient: Bool {
        if case .unavailable = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .noSelector:
            "No account to run this tool with: pass user_id (or connected_account_id)."
        case .accountNotFound(let id):
            "Connected account \(id) does not exist; list the user's accounts with GET /api/v3.1/connected_accounts."
        case .accountOfAnotherUser(let id, let user):
            "Connected account \(id) does not belong to user \(user)."
        case .noActiveAccount(let user):
            "User \(user) has no active Pipedrive connection; connect one with POST /api/v3.1/connected_accounts."
        case .noActiveAccountInAuthConfigs(let user, let configs):
            "User \(user) has no active Pipedrive connection made with \(configs.joined(separator: " or ")), the auth configs this MCP "
                + "server uses; connect one with POST /api/v3.1/connected_accounts, or change the server's auth configs."
        case .accountOutsideAuthConfigs(let id, let configs):
            "Connected account \(id) was not made with \(configs.joined(separator: " or ")), the auth configs this MCP server uses."
        case .severalActiveAccounts(let user, let ids):
            "User \(user) has several active Pipedrive connections (\(ids.joined(separator: ", "))); pass connected_account_id to pick one."
        case .accountDisabled(let id):
            "Connected account \(id) is disabled; enable it with PATCH /api/v3.1/connected_accounts/\(id)/status."
        case .accountNotActive(let id, let status, let reason):
            "Connected account \(id) is \(status)\(reason.map { " (\($0))" } ?? ""); the user must reconnect Pipedrive: "
                + "send them a new connect link (POST /api/v3.1/connected_accounts/link) or give the account a new token "
                + "(connected_accounts.initiate, or PATCH /api/v3.1/connected_accounts/\(id))."
        case .unavailable(let reason):
            "The account store is unavailable: \(reason)"
        }
    }
}

/// Supplies credentials for calls. The accounts module implements it over the database; tests and the
/// single-account mode use `StaticCredentialProvider`.
public protocol CredentialProvider: Sendable {
    /// The credential to use for a call, refreshed first if it is about to expire.
    func credential(for selector: AccountSelector) async throws(CredentialError) -> Credential
    /// Called once after Pipedrive answered 401 with `credential`; returns a refreshed credential to retry
    /// with, or nil when there is nothing to refresh.
    func refresh(after credential: Credential) async throws(CredentialError) -> Credential?
    /// Called when Pipedrive answered 401 to `credential` and no refresh can help (there was nothing to
    /// refresh, or `afterRefresh`: the refreshed token was refused too). The provider marks the account
    /// unusable so later calls stop at once; returns what to tell the caller, or nil.
    func rejected(_ credential: Credential, afterRefresh: Bool) async -> String?
}

extension CredentialProvider {
    /// Nothing is recorded: fixed credentials have no state to change.
    public func rejected(_ credential: Credential, afterRefresh: Bool) async -> String? { nil }
}
