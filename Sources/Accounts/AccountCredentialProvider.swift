public import Execution
import Foundation
public import Storage

/// Credentials from connected accounts, for the executor: picks the user's account, refreshes OAuth
/// tokens before they expire and once after a 401, one refresh at a time per account.
public struct AccountCredentialProvider: CredentialProvider {
    let authConfigs: any AuthConfigStore
    let accounts: any ConnectedAccountStore
    let refresher: TokenRefresher
    let configuration: AccountsConfiguration
    let cache: CredentialCache

    /// - Parameters:
    ///   - refresher: shared with every other user of these accounts, so refreshes stay single-flight.
    ///   - cache: recently resolved credentials; the stores' writes must empty it (``AccountServices`` wires this).
    public init(
        authConfigs: any AuthConfigStore, accounts: any ConnectedAccountStore, refresher: TokenRefresher, configuration: AccountsConfiguration,
        cache: CredentialCache = CredentialCache(lifetime: .zero)
    ) {
        self.authConfigs = authConfigs
        self.accounts = accounts
        self.refresher = refresher
        self.configuration = configuration
        self.cache = cache
    }

    public func credential(for selector: AccountSelector) async throws(CredentialError) -> Credential {
        let key = CredentialCache.Key(userID: selector.userID, accountID: selector.connectedAccountID, authConfigIDs: selector.authConfigIDs)
        if let cached = cache.credential(for: key, refreshMargin: configuration.refreshMargin) { return cached }
        let generation = cache.generation
        let credential = try await resolveCredential(selector)
        cache.store(credential.credential, tokenExpiresAt: credential.tokenExpiresAt, for: key, readAt: generation)
        return credential.credential
    }

    /// The selected account's credential read from the stores, refreshed first when its token is due.
    private func resolveCredential(_ selector: AccountSelector) async throws(CredentialError) -> (credential: Credential, tokenExpiresAt: Date?) {
        var account = try await resolve(selector)
        let config = try await read { () throws(StorageError) in try await authConfigs.get(id: account.authConfigID) }
        guard let config else { throw .accountNotFound(account.id) }
        if let expiresAt = account.expiresAt, account.secrets.refreshToken != nil,
            expiresAt.timeIntervalSinceNow < configuration.refreshMargin.seconds
        {
            account = try await refresher.refresh(account.id, seenVersion: account.tokenVersion)
        }
        return (try await usableCredential(account, config: config), account.expiresAt)
    }

    /// The account's credential once its host is checked again: a stored subdomain or `api_domain` that
    /// is not allowed (stored before these checks, or written to the database directly) fails the
    /// account, and no request is sent.
    private func usableCredential(_ account: ConnectedAccountRecord, config: AuthConfigRecord) async throws(CredentialError) -> Credential {
        var refusal: String?
        if let subdomain = account.subdomain, (try? PipedriveSubdomain(parsing: subdomain))?.label != subdomain {
            refusal = "its stored subdomain \"\(subdomain.prefix(80))\" is not a Pipedrive company subdomain"
        } else if let domain = account.apiDomain {
            refusal = AccountHost.refusal(apiDomain: domain, upstreams: configuration.upstreams)
        }
        guard let refusal else { return try Self.credential(account, config: config) }
        _ = try await read { () throws(StorageError) in try await accounts.setStatus(id: account.id, status: .failed, reason: refusal) }
        throw .accountNotActive(accountID: account.id, status: .failed, reason: refusal)
    }

    public func rejected(_ credential: Credential, afterRefresh: Bool) async -> String? {
        guard let accountID = credential.accountID else { return nil }
        let (status, reason): (ConnectionStatus, String)
        let at = Date().formatted(.iso8601)
        switch (credential.secret, afterRefresh) {
        case (.apiToken, _):
            (status, reason) = (.failed, "Pipedrive rejected the API token (401) at \(at); reconnect with a new token")
        case (.bearer, false):
            (status, reason) = (.failed, "Pipedrive rejected the bearer token (401) at \(at); reconnect with a new token")
        case (.bearer, true):
            (status, reason) = (.expired, "Pipedrive rejected the access token it had just issued by refresh (401) at \(at); reconnect")
        }
        do {
            _ = try await accounts.setStatus(id: accountID, status: status, reason: reason)
        } catch {
            return nil
        }
        return CredentialError.accountNotActive(accountID: accountID, status: status, reason: reason).description
    }

    public func refresh(after credential: Credential) async throws(CredentialError) -> Credential? {
        guard let accountID = credential.accountID,
            let account = try await read({ () throws(StorageError) in try await accounts.get(id: accountID) }),
            account.secrets.refreshToken != nil,
            let config = try await read({ () throws(StorageError) in try await authConfigs.get(id: account.authConfigID) })
        else { return nil }
        // Another call may already have refreshed the token this call was given.
        if case .bearer(let used) = credential.secret, account.secrets.accessToken != used {
            return try await usableCredential(account, config: config)
        }
        let refreshed = try await refresher.refresh(account.id, seenVersion: account.tokenVersion)
        return try await usableCredential(refreshed, config: config)
    }

    /// The account a call uses: `connected_account_id` (owned by `user_id` when both are given), else the user's one active
    /// account; made with one of the selector's auth configs, when it names some.
    private func resolve(_ selector: AccountSelector) async throws(CredentialError) -> ConnectedAccountRecord {
        let configs = selector.authConfigIDs
        if let id = selector.connectedAccountID {
            guard let account = try await read({ () throws(StorageError) in try await accounts.get(id: id) }) else { throw .accountNotFound(id) }
            if let user = selector.userID, user != account.userID { throw .accountOfAnotherUser(accountID: id, userID: user) }
            if !configs.isEmpty, !configs.contains(account.authConfigID) { throw .accountOutsideAuthConfigs(accountID: id, authConfigIDs: configs) }
            try Self.checkUsable(account)
            return account
        }
        guard let user = selector.userID else { throw .noSelector }
        let mine = try await read { () throws(StorageError) in
            try await accounts.list(ConnectedAccountFilter(userIDs: [user], authConfigIDs: configs, toolkits: ["pipedrive"]))
        }
        let usable = mine.filter { $0.status == .active && !$0.isDisabled }
        switch usable.count {
        case 1:
            return usable[0]
        case 0:
            // Say why the user's accounts cannot be used, if they have any.
            if let disabled = mine.first(where: { $0.isDisabled && $0.status == .active }) {
                throw .accountDisabled(disabled.id)
            }
            if let stale = mine.first(where: { [.expired, .failed, .revoked].contains($0.status) }) {
                throw .accountNotActive(accountID: stale.id, status: stale.status, reason: stale.statusReason)
            }
            throw configs.isEmpty ? .noActiveAccount(userID: user) : .noActiveAccountInAuthConfigs(userID: user, authConfigIDs: configs)
        default:
            throw .severalActiveAccounts(userID: user, accountIDs: usable.map(\.id))
        }
    }

    private static func checkUsable(_ account: ConnectedAccountRecord) throws(CredentialError) {
        if account.isDisabled { throw .accountDisabled(account.id) }
        guard account.status == .active else {
            throw .accountNotActive(accountID: account.id, status: account.status, reason: account.statusReason)
        }
    }

    static func credential(_ account: ConnectedAccountRecord, config: AuthConfigRecord) throws(CredentialError) -> Credential {
        let secret: Credential.Secret
        if let token = account.secrets.token {
            secret = .apiToken(token)
        } else if let token = account.secrets.bearerToken ?? account.secrets.accessToken {
            secret = .bearer(token)
        } else {
            throw .accountNotActive(accountID: account.id, status: account.status, reason: "it holds no token")
        }
        let base = account.apiDomain ?? account.subdomain.map { "https://\($0).pipedrive.com" }
        let client = config.publicFields["client_id"].flatMap { id in
            config.secretFields["client_secret"].map { Credential.OAuthClient(clientID: id, clientSecret: $0) }
        }
        return Credential(
            accountID: account.id, userID: account.userID, secret: secret, apiBase: base, oauthClient: client,
            allowedTools: ToolAccessConfig(config).toolsAvailableForExecution, authConfigID: config.id
        )
    }
}

/// Runs a storage read for the credential provider. The error keeps only the summary: it ends up in the
/// call's envelope and execution log, where the database's own text (SQL, row values) does not belong.
func read<T>(_ body: () async throws(StorageError) -> T) async throws(CredentialError) -> T {
    do {
        return try await body()
    } catch {
        throw .unavailable(error.summary)
    }
}
