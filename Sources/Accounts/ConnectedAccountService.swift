import CurlHTTP
public import Execution
import Foundation
public import Storage
public import ToolportJSON

/// Connects end users' Pipedrive accounts (`ca_…`): token accounts at once, OAuth2 through consent.
public struct ConnectedAccountService: Sendable {
    let authConfigs: any AuthConfigStore
    let accounts: any ConnectedAccountStore
    let states: any OAuthStateStore
    let tokens: OAuthTokenClient
    let refresher: TokenRefresher
    let verifier: ConnectionVerifier
    let configuration: AccountsConfiguration

    public init(
        authConfigs: any AuthConfigStore, accounts: any ConnectedAccountStore, states: any OAuthStateStore,
        tokens: OAuthTokenClient, refresher: TokenRefresher, verifier: ConnectionVerifier, configuration: AccountsConfiguration
    ) {
        self.authConfigs = authConfigs
        self.accounts = accounts
        self.states = states
        self.tokens = tokens
        self.refresher = refresher
        self.verifier = verifier
        self.configuration = configuration
    }

    /// A new connection: the account, and for OAuth2 the consent URL to send the user to.
    public struct Initiation: Sendable {
        public var account: ConnectedAccountRecord
        public var authScheme: String
        public var redirectURL: String?
    }

    /// Starts a connection. With `state` (token schemes, or OAuth2 tokens obtained elsewhere) the account is
    /// ACTIVE at once, a token first checked with Pipedrive (see `verify`); an OAuth2 connection without it
    /// is INITIATED with a consent URL.
    /// - Parameters:
    ///   - state: Composio's `connection.state`: `{authScheme, val}` where `val` is an object of fields or,
    ///     for a token scheme, the token itself.
    public func initiate(authConfigID: String, userID: String, state: JSONValue?, callbackURL: String?, alias: String?) async throws(AccountsError) -> Initiation {
        let config = try await enabledAuthConfig(authConfigID)
        guard let scheme = AuthScheme(name: config.authScheme) else { throw .invalid("unsupported scheme \(config.authScheme)") }
        guard !userID.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalid("connection.user_id is required", fields: ["connection.user_id"]) }
        var account = ConnectedAccountRecord(
            id: RandomID.make(prefix: "ca_"), userID: userID, authConfigID: config.id, status: .initializing,
            statusReason: nil, isDisabled: false, alias: alias, callbackURL: callbackURL, subdomain: nil, apiDomain: nil,
            secrets: AccountSecrets(), expiresAt: nil, scope: nil, tokenVersion: 0, createdAt: Date(), updatedAt: Date()
        )
        if let state, state != .null {
            try Self.apply(state: state, scheme: scheme, upstreams: configuration.upstreams, to: &account)
            try await verify(&account, scheme: scheme)
            let ready = account
            try await storage { () throws(StorageError) in try await accounts.insert(ready) }
            return Initiation(account: ready, authScheme: scheme.rawValue, redirectURL: nil)
        }
        guard scheme == .oauth2 else {
            throw .invalid(
                "A \(scheme.rawValue) connection needs the user's token: pass connection.state {authScheme: \"\(scheme.rawValue)\", val: {...}}, or create a connect link with POST /api/v3.1/connected_accounts/link",
                fields: ["connection.state"]
            )
        }
        account.status = .initiated
        let initiated = account
        try await storage { () throws(StorageError) in try await accounts.insert(initiated) }
        let url = try await consentURL(for: initiated, config: config)
        return Initiation(account: initiated, authScheme: scheme.rawValue, redirectURL: url)
    }

    /// A fresh single-use `state` and Pipedrive's consent URL for an INITIATED OAuth2 account.
    func consentURL(for account: ConnectedAccountRecord, config: AuthConfigRecord) async throws(AccountsError) -> String {
        let redirectURI = config.publicFields["oauth_redirect_uri"] ?? configuration.callbackURL
        let state = OAuthStateRecord(
            state: RandomID.token(), connectedAccountID: account.id, redirectURI: redirectURI,
            expiresAt: Date().addingTimeInterval(configuration.linkLifetime.seconds), usedAt: nil
        )
        try await storage { () throws(StorageError) in try await states.insert(state) }
        var components = URLComponents(string: configuration.oauthBase + "/oauth/authorize")
        components?.queryItems = [
            URLQueryItem(name: "client_id", value: config.publicFields["client_id"] ?? ""),
            URLQueryItem(name: "redirect_uri", value: redirectURI),
            URLQueryItem(name: "state", value: state.state),
        ]
        return components?.url?.absoluteString ?? ""
    }

    /// Reads Composio's `state.val` into the account's secrets and connection fields.
    /// - Parameter field: where `state` sits in the request, for errors (`connection.state`, `custom_connection_data`).
    static func apply(
        state: JSONValue, scheme: AuthScheme, upstreams: UpstreamAllowList, to account: inout ConnectedAccountRecord, at field: String = "connection.state"
    ) throws(AccountsError) {
        let stateScheme = state["authScheme"]?.stringValue ?? state["auth_scheme"]?.stringValue ?? scheme.rawValue
        guard AuthScheme(name: stateScheme) == scheme else {
            throw .invalid("\(field).authScheme is \(stateScheme), but the auth config uses \(scheme.rawValue)", fields: ["\(field).authScheme"])
        }
        let value = state["val"] ?? .null
        func text(_ names: String...) -> String? {
            if case .string(let token) = value, !token.isEmpty { return token }
            for name in names { if let text = value[name]?.stringValue, !text.isEmpty { return text } }
            return nil
        }
        account.subdomain = nil
        switch value["subdomain"] {
        case nil, .null: break
        case .string(let text) where text.trimmingCharacters(in: .whitespaces).isEmpty: break
        case .string(let text):
            do {
                account.subdomain = try PipedriveSubdomain(parsing: text).label
            } catch {
                throw .invalid("\(field).val.subdomain: \(error)", fields: ["\(field).val.subdomain"])
            }
        default:
            throw .invalid("\(field).val.subdomain must be a string such as \"acme\"", fields: ["\(field).val.subdomain"])
        }
        switch scheme {
        case .apiKey:
            guard let token = text("generic_api_key", "api_key", "token", "api_token") else {
                throw .invalid("\(field).val needs the Pipedrive API token (generic_api_key or token)", fields: ["\(field).val.generic_api_key"])
            }
            account.secrets = AccountSecrets(token: token)
        case .bearerToken:
            guard let token = text("token", "bearer_token", "access_token") else {
                throw .invalid("\(field).val needs the bearer token (token)", fields: ["\(field).val.token"])
            }
            account.secrets = AccountSecrets(bearerToken: token)
        case .oauth2:
            guard let access = value["access_token"]?.stringValue, !access.isEmpty else {
                throw .invalid("An OAUTH2 \(field) needs val.access_token", fields: ["\(field).val.access_token"])
            }
            account.secrets = AccountSecrets(accessToken: access, refreshToken: value["refresh_token"]?.stringValue)
            if let seconds = value["expires_in"]?.doubleValue { account.expiresAt = Date().addingTimeInterval(seconds) }
            account.apiDomain = value["api_domain"]?.stringValue
            if let domain = account.apiDomain, let refusal = AccountHost.refusal(apiDomain: domain, upstreams: upstreams) {
                throw .invalid("\(field).val.api_domain: \(refusal)", fields: ["\(field).val.api_domain"])
            }
            account.scope = value["scope"]?.stringValue
        }
        let status = value["status"]?.stringValue.flatMap(ConnectionStatus.init(rawValue:)) ?? .active
        account.status = status == .inactive ? .inactive : .active
    }

    // MARK: - OAuth callback

    /// Where the browser goes after Pipedrive's consent page, or the page to show it.
    public enum CallbackOutcome: Sendable, Equatable {
        case redirect(String)
        case page(title: String, message: String, success: Bool)
    }

    /// Completes an OAuth2 connection from the callback's `code`, `state` and `error` query parameters.
    public func completeOAuth(code: String?, state: String?, error: String?, errorDescription: String?) async -> CallbackOutcome {
        guard let state, !state.isEmpty else {
            return .page(title: "Connection failed", message: "The link is missing its state. Start the connection again.", success: false)
        }
        let consumed: OAuthStateRecord?
        do {
            consumed = try await states.consume(state: state, now: Date())
        } catch {
            return .page(title: "Connection failed", message: "The server could not check this link. Try again.", success: false)
        }
        guard let consumed, let accountID = consumed.connectedAccountID, var account = try? await accounts.get(id: accountID) else {
            return .page(title: "Link expired", message: "This connection link has expired or was already used. Start the connection again.", success: false)
        }
        if let error {
            let reason = error == "access_denied" ? "the user declined consent" : "Pipedrive answered \(error)\(errorDescription.map { ": \($0)" } ?? "")"
            return await fail(&account, reason: reason)
        }
        guard let code, !code.isEmpty else { return await fail(&account, reason: "Pipedrive sent no authorization code") }
        guard let config = try? await authConfigs.get(id: account.authConfigID),
            let clientID = config.publicFields["client_id"], let secret = config.secretFields["client_secret"]
        else {
            return await fail(&account, reason: "the auth config's OAuth client credentials are missing")
        }
        do {
            let answer = try await tokens.exchange(code: code, redirectURI: consumed.redirectURI ?? configuration.callbackURL, clientID: clientID, clientSecret: secret)
            if let domain = answer.apiDomain, let refusal = AccountHost.refusal(apiDomain: domain, upstreams: configuration.upstreams) {
                return await fail(&account, reason: refusal)
            }
            let secrets = AccountSecrets(accessToken: answer.accessToken, refreshToken: answer.refreshToken)
            let expiresAt = answer.expiresIn.map { Date().addingTimeInterval(Double($0)) }
            guard let stored = try await accounts.replaceSecrets(
                id: account.id, expectedVersion: account.tokenVersion, secrets: secrets, expiresAt: expiresAt, apiDomain: answer.apiDomain, scope: answer.scope
            ) else {
                return .page(title: "Connection failed", message: "The connection changed while it was being completed. Start again.", success: false)
            }
            return Self.finish(stored, status: "success", title: "Pipedrive connected", message: "Your Pipedrive account is connected. You can close this window.")
        } catch let failure as OAuthTokenClient.Failure {
            return await fail(&account, reason: failure.description)
        } catch {
            return await fail(&account, reason: "the connection could not be stored")
        }
    }

    private func fail(_ account: inout ConnectedAccountRecord, reason: String) async -> CallbackOutcome {
        _ = try? await accounts.setStatus(id: account.id, status: .failed, reason: reason)
        account.status = .failed
        return Self.finish(account, status: "failed", title: "Connection failed", message: "Pipedrive was not connected: \(reason).")
    }

    /// Back to the account's `callback_url` with `status` and `connected_account_id`, or a page when it has none.
    static func finish(_ account: ConnectedAccountRecord, status: String, title: String, message: String) -> CallbackOutcome {
        guard let callback = account.callbackURL, var components = URLComponents(string: callback), components.scheme != nil else {
            return .page(title: title, message: message, success: status == "success")
        }
        components.queryItems = (components.queryItems ?? []) + [
            URLQueryItem(name: "status", value: status),
            URLQueryItem(name: "connected_account_id", value: account.id),
        ]
        return .redirect(components.url?.absoluteString ?? callback)
    }

    // MARK: - Reading and changing accounts

    public func get(id: String) async throws(AccountsError) -> ConnectedAccountRecord {
        guard let account = try await storage({ () throws(StorageError) in try await accounts.get(id: id) }) else { throw .accountNotFound(id) }
        return account
    }

    public func list(_ filter: ConnectedAccountFilter) async throws(AccountsError) -> [ConnectedAccountRecord] {
        try await storage { () throws(StorageError) in try await accounts.list(filter) }
    }

    public func delete(id: String) async throws(AccountsError) {
        guard try await storage({ () throws(StorageError) in try await accounts.delete(id: id) }) else { throw .accountNotFound(id) }
    }

    public func setEnabled(id: String, enabled: Bool) async throws(AccountsError) {
        var account = try await get(id: id)
        account.isDisabled = !enabled
        let updated = account
        _ = try await storage { () throws(StorageError) in try await accounts.update(updated) }
    }

    /// Composio's `PATCH /connected_accounts/{id}`: a new alias and/or new connection state (token), a
    /// token checked with Pipedrive first (see `verify`). A new token makes a FAILED or EXPIRED account
    /// ACTIVE again.
    /// - Parameter verified: what Pipedrive already said of the new token (the connect page checks it
    ///   before it uses up its link); nil to ask now.
    public func update(
        id: String, alias: JSONValue?, connection: JSONValue?, verified: ConnectionVerifier.Outcome? = nil
    ) async throws(AccountsError) -> ConnectedAccountRecord {
        var account = try await get(id: id)
        if let alias {
            switch alias {
            case .null: account.alias = nil
            case .string(let text): account.alias = text
            default: throw .invalid("alias must be a string", fields: ["alias"])
            }
        }
        if let connection, connection != .null {
            let config = try await authConfig(account.authConfigID)
            guard let scheme = AuthScheme(name: config.authScheme) else { throw .invalid("unsupported scheme") }
            try Self.apply(state: connection, scheme: scheme, upstreams: configuration.upstreams, to: &account)
            account.statusReason = nil
            try await verify(&account, scheme: scheme, outcome: verified)
            account.tokenVersion += 1
        }
        let updated = account
        guard try await storage({ () throws(StorageError) in try await accounts.update(updated) }) else { throw .accountNotFound(id) }
        return updated
    }

    /// Refreshes an OAuth account's token now (Composio's deprecated `POST …/refresh`); other accounts are
    /// returned as they are. An `invalid_grant` leaves the account EXPIRED, which the answer shows.
    public func refreshNow(id: String) async throws(AccountsError) -> ConnectedAccountRecord {
        let account = try await get(id: id)
        guard account.secrets.refreshToken != nil else { return account }
        do {
            return try await refresher.refresh(id, seenVersion: account.tokenVersion)
        } catch {
            return try await get(id: id)
        }
    }

    /// What a revocation did.
    public struct Revocation: Sendable {
        /// The account after it: REVOKED, holding no token.
        public var account: ConnectedAccountRecord
        /// The tokens this revocation removed, as Composio names them (`access_token`, `refresh_token`,
        /// `credential` for an API or bearer token); empty when the account held none (revoked before).
        public var revokedTokens: [String]
    }

    /// Composio's `POST /connected_accounts/{id}/revoke`: forgets the account's tokens and marks it REVOKED.
    /// An OAuth account's refresh token is first revoked at Pipedrive (`/oauth/revoke`), best effort: a
    /// failure there is kept in the status reason. Pipedrive offers no revocation of API tokens; the user
    /// can regenerate theirs in Pipedrive. Revoking again answers the same account with nothing revoked.
    /// Runs under the account's refresh lock, so no refresh stores a token after it.
    public func revoke(id: String) async throws(AccountsError) -> Revocation {
        _ = try await get(id: id)
        do {
            return try await accounts.withRefreshLock(id: id) { () async throws -> Revocation in
                guard var account = try await self.accounts.get(id: id) else { throw AccountsError.accountNotFound(id) }
                let secrets = account.secrets
                var revoked: [String] = []
                if secrets.accessToken != nil { revoked.append("access_token") }
                if secrets.refreshToken != nil { revoked.append("refresh_token") }
                if secrets.token != nil || secrets.bearerToken != nil { revoked.append("credential") }
                guard !revoked.isEmpty || account.status != .revoked else { return Revocation(account: account, revokedTokens: []) }
                var reason = "Revoked at \(Date().formatted(.iso8601)); reconnect to use it again"
                if let refreshToken = secrets.refreshToken, let note = await self.revokeAtPipedrive(refreshToken, authConfigID: account.authConfigID) {
                    reason += " (\(note))"
                }
                account.secrets = AccountSecrets()
                account.expiresAt = nil
                account.status = .revoked
                account.statusReason = reason
                guard try await self.accounts.update(account) else { throw AccountsError.accountNotFound(id) }
                return Revocation(account: account, revokedTokens: revoked)
            }
        } catch let error as AccountsError {
            throw error
        } catch let error as StorageError {
            throw .storage(error.summary)
        } catch {
            throw .storage("\(error)")
        }
    }

    /// Revokes `refreshToken` with the auth config's OAuth client; nil when it worked, else why not.
    private func revokeAtPipedrive(_ refreshToken: String, authConfigID: String) async -> String? {
        guard let config = try? await authConfigs.get(id: authConfigID),
            let clientID = config.publicFields["client_id"], let secret = config.secretFields["client_secret"]
        else { return "Pipedrive was not asked to revoke the grant: the auth config has no OAuth client credentials" }
        do {
            try await tokens.revoke(refreshToken: refreshToken, clientID: clientID, clientSecret: secret)
            return nil
        } catch {
            return "Pipedrive's revocation failed: \(error); the grant may stay live until the user removes the app in Pipedrive"
        }
    }

    /// Checks an API-token or bearer account's token with Pipedrive (unless `--verify-connections=false`):
    /// refused → `AccountsError.invalid` naming Pipedrive's reason, and nothing is stored; no verdict →
    /// kept ACTIVE with a `status_reason` saying so; works → Pipedrive's company domain becomes the
    /// subdomain when none was given.
    func verify(_ account: inout ConnectedAccountRecord, scheme: AuthScheme, outcome known: ConnectionVerifier.Outcome? = nil) async throws(AccountsError) {
        guard configuration.verifyConnections, scheme != .oauth2, account.status == .active,
            let secret = Self.tokenSecret(account)
        else { return }
        let subdomain = account.subdomain.flatMap { try? PipedriveSubdomain(parsing: $0) }
        let outcome: ConnectionVerifier.Outcome
        if let known { outcome = known } else { outcome = await verifier.verify(secret, subdomain: subdomain) }
        switch outcome {
        case .verified(let companyDomain):
            if account.subdomain == nil { account.subdomain = companyDomain?.label }
        case .rejected(let reason):
            let field = scheme == .apiKey ? "connection.state.val.generic_api_key" : "connection.state.val.token"
            throw .invalid("The token was not accepted: \(reason). Check the token and try again.", fields: [field])
        case .unverified(let reason):
            account.statusReason = "Connected without verification: \(reason); the first tool call will tell."
        }
    }

    /// What Pipedrive says of `secret`, or nil when connections are not verified (`--verify-connections=false`).
    public func check(_ secret: Credential.Secret, subdomain: PipedriveSubdomain?) async -> ConnectionVerifier.Outcome? {
        guard configuration.verifyConnections else { return nil }
        return await verifier.verify(secret, subdomain: subdomain)
    }

    /// The token an API-token or bearer account holds.
    static func tokenSecret(_ account: ConnectedAccountRecord) -> Credential.Secret? {
        if let token = account.secrets.token { return .apiToken(token) }
        if let token = account.secrets.bearerToken { return .bearer(token) }
        return nil
    }

    func authConfig(_ id: String) async throws(AccountsError) -> AuthConfigRecord {
        guard let config = try await storage({ () throws(StorageError) in try await authConfigs.get(id: id) }) else { throw .authConfigNotFound(id) }
        return config
    }

    func enabledAuthConfig(_ id: String) async throws(AccountsError) -> AuthConfigRecord {
        let config = try await authConfig(id)
        guard config.isEnabled else { throw .authConfigDisabled(id) }
        return config
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval` (for `Date` arithmetic); shared by the modules above Accounts.
    package var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
