public import Foundation
import Execution
public import Storage
public import ToolportJSON

/// Hosted connect links (`/connect/{token}`): a page where an end user connects their own account.
public struct ConnectLinkService: Sendable {
    let links: any ConnectLinkStore
    let connections: ConnectedAccountService
    let configuration: AccountsConfiguration

    public init(links: any ConnectLinkStore, connections: ConnectedAccountService, configuration: AccountsConfiguration) {
        self.links = links
        self.connections = connections
        self.configuration = configuration
    }

    /// A new link: `{connected_account_id, redirect_url, link_token, expires_at}`.
    public struct Link: Sendable {
        public var account: ConnectedAccountRecord
        public var token: String
        public var url: String
        public var expiresAt: Date
    }

    /// Creates an INITIATED account and a single-use link that expires after the configured lifetime.
    public func create(authConfigID: String, userID: String, callbackURL: String?, alias: String?) async throws(AccountsError) -> Link {
        let config = try await connections.enabledAuthConfig(authConfigID)
        guard !userID.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalid("user_id is required", fields: ["user_id"]) }
        let account = ConnectedAccountRecord(
            id: RandomID.make(prefix: "ca_"), userID: userID, authConfigID: config.id, status: .initiated,
            statusReason: nil, isDisabled: false, alias: alias, callbackURL: callbackURL, subdomain: nil, apiDomain: nil,
            secrets: AccountSecrets(), expiresAt: nil, scope: nil, tokenVersion: 0, createdAt: Date(), updatedAt: Date()
        )
        try await storage { () throws(StorageError) in try await connections.accounts.insert(account) }
        let expiresAt = Date().addingTimeInterval(configuration.linkLifetime.seconds)
        let link = ConnectLinkRecord(token: RandomID.token(), connectedAccountID: account.id, csrfToken: RandomID.token(), expiresAt: expiresAt, usedAt: nil)
        try await storage { () throws(StorageError) in try await links.insert(link) }
        return Link(account: account, token: link.token, url: configuration.publicURL + "/connect/" + link.token, expiresAt: expiresAt)
    }

    /// Composio's `connected_accounts.initiate` (which `toolkits.authorize` calls): with a connection state,
    /// or for OAuth2, as ``ConnectedAccountService/initiate(authConfigID:userID:state:callbackURL:alias:)``;
    /// an API-token or bearer connection without its token gets a connect link, where the user enters it,
    /// as its redirect URL (the account INITIATED until then).
    public func initiate(
        authConfigID: String, userID: String, state: JSONValue?, callbackURL: String?, alias: String?
    ) async throws(AccountsError) -> ConnectedAccountService.Initiation {
        if state == nil || state == .null {
            let config = try await connections.enabledAuthConfig(authConfigID)
            if let scheme = AuthScheme(name: config.authScheme), scheme != .oauth2 {
                let link = try await create(authConfigID: authConfigID, userID: userID, callbackURL: callbackURL, alias: alias)
                return ConnectedAccountService.Initiation(account: link.account, authScheme: scheme.rawValue, redirectURL: link.url)
            }
        }
        return try await connections.initiate(authConfigID: authConfigID, userID: userID, state: state, callbackURL: callbackURL, alias: alias)
    }

    /// What `GET /connect/{token}` shows.
    public enum Page: Sendable, Equatable {
        /// Ask for the API token (and optional subdomain); the form posts back with `csrfToken`.
        case tokenForm(scheme: AuthScheme, csrfToken: String, error: String?)
        /// Send the browser to Pipedrive's consent page.
        case redirect(String)
        case message(title: String, text: String, success: Bool)
    }

    public func open(token: String) async -> Page {
        guard let link = try? await links.get(token: token), link.usedAt == nil, link.expiresAt > Date(),
            let accountID = link.connectedAccountID, let account = try? await connections.get(id: accountID),
            let config = try? await connections.authConfig(account.authConfigID), let scheme = AuthScheme(name: config.authScheme)
        else {
            return Self.expired
        }
        switch scheme {
        case .apiKey, .bearerToken:
            return .tokenForm(scheme: scheme, csrfToken: link.csrfToken, error: nil)
        case .oauth2:
            guard (try? await links.consume(token: token, now: Date())) != nil,
                let url = try? await connections.consentURL(for: account, config: config)
            else { return Self.expired }
            return .redirect(url)
        }
    }

    /// Handles the form: checks the CSRF token and the subdomain, asks Pipedrive whether the token works
    /// (a refused token shows the form again with Pipedrive's reason, the link still usable), then
    /// stores the token and subdomain and uses up the link.
    public func submit(token: String, csrfToken: String, apiToken: String, subdomain: String) async -> Page {
        guard let link = try? await links.get(token: token), link.usedAt == nil, link.expiresAt > Date(),
            let accountID = link.connectedAccountID, let account = try? await connections.get(id: accountID),
            let config = try? await connections.authConfig(account.authConfigID), let scheme = AuthScheme(name: config.authScheme)
        else {
            return Self.expired
        }
        guard Self.constantTimeEquals(csrfToken, link.csrfToken) else {
            return .message(title: "Request refused", text: "This form was not issued by this page. Open the link again.", success: false)
        }
        let trimmedToken = apiToken.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmedToken.isEmpty else { return .tokenForm(scheme: scheme, csrfToken: link.csrfToken, error: "Enter your Pipedrive API token.") }
        var parsedSubdomain: PipedriveSubdomain?
        if !subdomain.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            do {
                parsedSubdomain = try PipedriveSubdomain(parsing: subdomain)
            } catch {
                return .tokenForm(scheme: scheme, csrfToken: link.csrfToken, error: "The company subdomain is one word of letters, digits and dashes (acme for acme.pipedrive.com).")
            }
        }
        // Checked before the link is used up, so a mistyped token can be corrected on the same page.
        let secret: Credential.Secret = scheme == .apiKey ? .apiToken(trimmedToken) : .bearer(trimmedToken)
        let verdict = await connections.check(secret, subdomain: parsedSubdomain)
        if case .rejected(let reason) = verdict {
            return .tokenForm(scheme: scheme, csrfToken: link.csrfToken, error: "Pipedrive did not accept this token (\(reason)). Check it and try again.")
        }
        guard (try? await links.consume(token: token, now: Date())) != nil else { return Self.expired }
        let field = scheme == .apiKey ? "generic_api_key" : "token"
        var value: [String: String] = [field: trimmedToken]
        if let parsedSubdomain { value["subdomain"] = parsedSubdomain.label }
        do {
            let stored = try await connections.update(id: account.id, alias: nil, connection: .object([
                "authScheme": .string(scheme.rawValue), "val": .object(value.mapValues { .string($0) }),
            ]), verified: verdict)
            switch ConnectedAccountService.finish(stored, status: "success", title: "Pipedrive connected", message: "Your Pipedrive account is connected. You can close this window.") {
            case .redirect(let url): return .redirect(url)
            case .page(let title, let message, let success): return .message(title: title, text: message, success: success)
            }
        } catch {
            return .message(title: "Connection failed", text: "The account could not be saved. Try again with a new link.", success: false)
        }
    }

    public static let expired = Page.message(title: "Link expired", text: "This connect link has expired or was already used. Ask for a new one.", success: false)

    private static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8), right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
