public import CurlHTTP
import Foundation
import ToolportJSON

/// Talks to Pipedrive's token and revocation endpoints: form body, client credentials as HTTP Basic.
public struct OAuthTokenClient: Sendable {
    /// A token answer: `{access_token, refresh_token?, expires_in, api_domain, scope}`.
    public struct Tokens: Sendable, Equatable {
        public var accessToken: String
        public var refreshToken: String?
        public var expiresIn: Int?
        public var apiDomain: String?
        public var scope: String?

        /// The longest lifetime taken from an `expires_in` (ten years): larger values, which no real token
        /// has, would overflow the dates they are turned into.
        public static let longestLifetime = 315_360_000

        /// Seconds from an `expires_in` value, clamped to 0…`longestLifetime`; `nil` when it is not a finite number.
        static func lifetime(_ value: JSONValue?) -> Int? {
            guard let seconds = value?.doubleValue, seconds.isFinite else { return nil }
            return Int(min(max(seconds, 0), Double(longestLifetime)))
        }
    }

    /// Why the token endpoint did not give tokens.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// `invalid_grant`: the code or refresh token is no longer valid; the user must reconnect.
        case invalidGrant(String)
        /// Any other refusal (bad client credentials, …).
        case rejected(status: Int, reason: String)
        /// No answer (network, timeout).
        case unreachable(String)

        public var description: String {
            switch self {
            case .invalidGrant(let reason): "Pipedrive rejected the grant (invalid_grant): \(reason)"
            case .rejected(let status, let reason): "Pipedrive's token endpoint answered \(status): \(reason)"
            case .unreachable(let reason): "Pipedrive's token endpoint could not be reached: \(reason)"
            }
        }
    }

    let client: any UpstreamClient
    let oauthBase: String

    public init(client: any UpstreamClient, oauthBase: String) {
        self.client = client
        self.oauthBase = oauthBase
    }

    /// Exchanges an authorization code.
    public func exchange(code: String, redirectURI: String, clientID: String, clientSecret: String) async throws(Failure) -> Tokens {
        try await request(["grant_type": "authorization_code", "code": code, "redirect_uri": redirectURI], clientID: clientID, clientSecret: clientSecret)
    }

    /// Refreshes an access token.
    public func refresh(refreshToken: String, clientID: String, clientSecret: String) async throws(Failure) -> Tokens {
        try await request(["grant_type": "refresh_token", "refresh_token": refreshToken], clientID: clientID, clientSecret: clientSecret)
    }

    /// Revokes `refreshToken` (`POST /oauth/revoke`), which ends the grant and the access tokens issued under it.
    public func revoke(refreshToken: String, clientID: String, clientSecret: String) async throws(Failure) {
        let response = try await post("/oauth/revoke", ["token": refreshToken, "token_type_hint": "refresh_token"], clientID: clientID, clientSecret: clientSecret)
        guard (200..<300).contains(response.status) else {
            let json = try? JSONValue(parsing: response.body)
            let reason = json?["error_description"]?.stringValue ?? json?["error"]?.stringValue ?? "no reason given"
            throw .rejected(status: response.status, reason: reason)
        }
    }

    /// A form POST to `path` on the OAuth server, the client credentials as HTTP Basic.
    private func post(_ path: String, _ form: [String: String], clientID: String, clientSecret: String) async throws(Failure) -> UpstreamResponse {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let body = form.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.value)" }
            .joined(separator: "&")
        let basic = Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
        do {
            return try await client.execute(UpstreamRequest(
                method: "POST", url: oauthBase + path,
                headers: [
                    UpstreamHeader("Authorization", "Basic \(basic)"),
                    UpstreamHeader("Content-Type", "application/x-www-form-urlencoded"),
                    UpstreamHeader("Accept", "application/json"),
                ],
                body: Data(body.utf8)
            ))
        } catch {
            throw .unreachable(error.description)
        }
    }

    private func request(_ form: [String: String], clientID: String, clientSecret: String) async throws(Failure) -> Tokens {
        let response = try await post("/oauth/token", form, clientID: clientID, clientSecret: clientSecret)
        let json = try? JSONValue(parsing: response.body)
        guard (200..<300).contains(response.status), let access = json?["access_token"]?.stringValue, !access.isEmpty else {
            let code = json?["error"]?.stringValue ?? ""
            let reason = json?["error_description"]?.stringValue ?? json?["message"]?.stringValue ?? (code.isEmpty ? "no tokens in the answer" : code)
            if code == "invalid_grant" { throw .invalidGrant(reason) }
            throw .rejected(status: response.status, reason: code.isEmpty ? reason : "\(code): \(reason)")
        }
        return Tokens(
            accessToken: access,
            refreshToken: json?["refresh_token"]?.stringValue,
            expiresIn: Tokens.lifetime(json?["expires_in"]),
            apiDomain: json?["api_domain"]?.stringValue,
            scope: json?["scope"]?.stringValue
        )
    }
}
