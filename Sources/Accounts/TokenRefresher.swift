public import CurlHTTP
public import Execution
import Foundation
public import Storage
public import Telemetry

/// Refreshes OAuth tokens, one refresh at a time per account (single flight): concurrent callers wait
/// for the refresh in progress and share its result. Across processes the store's refresh lock makes the
/// others wait too, and they then use the token the winner stored; the compare-and-set on
/// `token_version` keeps a loser from ever overwriting the winner's tokens.
public actor TokenRefresher {
    private let authConfigs: any AuthConfigStore
    private let accounts: any ConnectedAccountStore
    private let tokens: OAuthTokenClient
    private let upstreams: UpstreamAllowList
    private let metrics: ToolportMetrics?
    private var inFlight: [String: Task<ConnectedAccountRecord, any Error>] = [:]

    /// - Parameters:
    ///   - upstreams: where a refreshed token's `api_domain` may point; another host fails the account.
    ///   - metrics: where each refresh's result is counted (`success`, `reused`, `invalid_grant`, `refused`, `error`).
    public init(
        authConfigs: any AuthConfigStore, accounts: any ConnectedAccountStore, tokens: OAuthTokenClient, upstreams: UpstreamAllowList,
        metrics: ToolportMetrics? = nil
    ) {
        self.authConfigs = authConfigs
        self.accounts = accounts
        self.tokens = tokens
        self.upstreams = upstreams
        self.metrics = metrics
    }

    /// The account with fresh tokens. `seenVersion` is the token version the caller found stale: if the
    /// account has moved past it, someone else refreshed and that result is used.
    public func refresh(_ accountID: String, seenVersion: Int) async throws(CredentialError) -> ConnectedAccountRecord {
        let task: Task<ConnectedAccountRecord, any Error>
        if let running = inFlight[accountID] {
            task = running
        } else {
            task = Task {
                try await self.accounts.withRefreshLock(id: accountID) { try await self.perform(accountID, seenVersion: seenVersion) }
            }
            inFlight[accountID] = task
        }
        do {
            let account = try await task.value
            if inFlight[accountID] == task { inFlight[accountID] = nil }
            return account
        } catch {
            if inFlight[accountID] == task { inFlight[accountID] = nil }
            // A storage error keeps only its summary: it ends up in the call's envelope.
            throw (error as? CredentialError) ?? .unavailable((error as? StorageError)?.summary ?? "\(error)")
        }
    }

    private func perform(_ accountID: String, seenVersion: Int) async throws -> ConnectedAccountRecord {
        guard let account = try await accounts.get(id: accountID) else { throw CredentialError.accountNotFound(accountID) }
        if account.tokenVersion != seenVersion {
            metrics?.tokenRefresh(result: "reused")
            return account
        }
        guard let refreshToken = account.secrets.refreshToken,
            let config = try await authConfigs.get(id: account.authConfigID),
            let clientID = config.publicFields["client_id"], let secret = config.secretFields["client_secret"]
        else {
            throw CredentialError.accountNotActive(accountID: accountID, status: account.status, reason: "it cannot be refreshed")
        }
        let answer: OAuthTokenClient.Tokens
        do {
            answer = try await tokens.refresh(refreshToken: refreshToken, clientID: clientID, clientSecret: secret)
        } catch .invalidGrant(let reason) {
            metrics?.tokenRefresh(result: "invalid_grant")
            let message = "Pipedrive rejected the refresh token (invalid_grant: \(reason))"
            _ = try await accounts.setStatus(id: accountID, status: .expired, reason: message)
            throw CredentialError.accountNotActive(accountID: accountID, status: .expired, reason: message)
        } catch {
            metrics?.tokenRefresh(result: "error")
            throw CredentialError.unavailable(error.description)
        }
        if let domain = answer.apiDomain, let refusal = AccountHost.refusal(apiDomain: domain, upstreams: upstreams) {
            metrics?.tokenRefresh(result: "refused")
            _ = try await accounts.setStatus(id: accountID, status: .failed, reason: refusal)
            throw CredentialError.accountNotActive(accountID: accountID, status: .failed, reason: refusal)
        }
        var secrets = account.secrets
        secrets.accessToken = answer.accessToken
        // A refresh answer without a refresh token keeps the old one.
        if let newRefresh = answer.refreshToken { secrets.refreshToken = newRefresh }
        let expiresAt = answer.expiresIn.map { Date().addingTimeInterval(Double($0)) }
        if let stored = try await accounts.replaceSecrets(
            id: accountID, expectedVersion: account.tokenVersion, secrets: secrets, expiresAt: expiresAt,
            apiDomain: answer.apiDomain ?? account.apiDomain, scope: answer.scope ?? account.scope
        ) {
            metrics?.tokenRefresh(result: "success")
            return stored
        }
        // Another process refreshed first: use what it stored.
        metrics?.tokenRefresh(result: "reused")
        guard let winner = try await accounts.get(id: accountID) else { throw CredentialError.accountNotFound(accountID) }
        return winner
    }
}
