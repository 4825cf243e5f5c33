import Foundation
import HTTPTypes
import Hummingbird
import Synchronization
import ToolportJSON

extension Sandbox {
    /// `GET /oauth/authorize`: checks the client and `redirect_uri`, approves at once, and redirects with a
    /// single-use `code` (or with `error=access_denied` when `denied` or `error_simulation=access_denied`).
    func authorize(_ request: RecordedRequest, denied: Bool) -> Response {
        guard request.query["client_id"] == configuration.oauthClientID else {
            return Self.htmlPage(.badRequest, title: "Invalid client", message: "The client_id is not a registered app.")
        }
        guard let redirectURI = request.query["redirect_uri"], !redirectURI.isEmpty else {
            return Self.htmlPage(.badRequest, title: "Invalid request", message: "The redirect_uri parameter is missing.")
        }
        var parameters: [(name: String, value: String)]
        if denied || request.query["error_simulation"] == "access_denied" {
            parameters = [("error", "access_denied")]
        } else {
            parameters = [("code", tokens.withLock { $0.makeCode(redirectURI: redirectURI) })]
        }
        if let state = request.query["state"] { parameters.append(("state", state)) }
        let location = redirectURI + (redirectURI.contains("?") ? "&" : "?") + FormURLEncoding.encode(parameters)
        return Response(status: .found, headers: [.location: location, .contentLength: "0"])
    }

    /// `POST /oauth/token`: HTTP Basic client auth, then an `authorization_code` or `refresh_token` grant.
    func token(_ request: RecordedRequest) -> Response {
        guard isOAuthClient(request.headers["authorization"]) else {
            return Self.oauthError(.unauthorized, "invalid_client", "Client authentication failed: send client_id:client_secret as HTTP Basic.")
        }
        let form = request.formFields
        let lifetime = Duration.seconds(configuration.accessTokenLifetime)
        let now = ContinuousClock.now
        let grant: TokenStore.Grant
        switch form["grant_type"] {
        case "authorization_code":
            guard let code = form["code"] else { return Self.oauthError(.badRequest, "invalid_request", "The code parameter is missing.") }
            guard let issued = tokens.withLock({ $0.redeem(code: code, redirectURI: form["redirect_uri"], lifetime: lifetime, now: now) }) else {
                return Self.oauthError(.badRequest, "invalid_grant", "The authorization code is invalid, used, or was issued for another redirect_uri.")
            }
            grant = issued
        case "refresh_token":
            guard let refreshToken = form["refresh_token"] else {
                return Self.oauthError(.badRequest, "invalid_request", "The refresh_token parameter is missing.")
            }
            guard let issued = tokens.withLock({ $0.refresh(refreshToken, lifetime: lifetime, now: now) }) else {
                return Self.oauthError(.badRequest, "invalid_grant", "The refresh token is invalid, used or revoked.")
            }
            grant = issued
        default:
            return Self.oauthError(.badRequest, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token.")
        }
        let answer: JSONValue = [
            "access_token": .string(grant.accessToken),
            "token_type": "Bearer",
            "refresh_token": .string(grant.refreshToken),
            "scope": .string(scope),
            "expires_in": .integer(configuration.accessTokenLifetime),
            "api_domain": .string(configuration.apiDomain ?? "http://\(request.headers["host"] ?? "localhost")"),
        ]
        return PipedriveResponse.json(answer, headers: [.cacheControl: "no-store"])
    }

    /// `POST /oauth/revoke`: HTTP Basic client auth and a `token` (refresh or access); revoking a refresh
    /// token ends its access token too. Answers 200 with an empty body, for unknown tokens as well (RFC 7009).
    func revoke(_ request: RecordedRequest) -> Response {
        guard isOAuthClient(request.headers["authorization"]) else {
            return Self.oauthError(.unauthorized, "invalid_client", "Client authentication failed: send client_id:client_secret as HTTP Basic.")
        }
        guard let token = request.formFields["token"], !token.isEmpty else {
            return Self.oauthError(.badRequest, "invalid_request", "The token parameter is missing.")
        }
        tokens.withLock { $0.revoke(token) }
        return Response(status: .ok, headers: [.contentLength: "0"])
    }

    /// Whether `authorization` is `Basic base64(client_id:client_secret)` for the configured client.
    private func isOAuthClient(_ authorization: String?) -> Bool {
        guard let authorization, authorization.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: authorization.dropFirst(6).trimmingCharacters(in: .whitespaces))
        else { return false }
        return String(decoding: decoded, as: UTF8.self) == "\(configuration.oauthClientID):\(configuration.oauthClientSecret)"
    }

    private static func oauthError(_ status: HTTPResponse.Status, _ error: String, _ description: String) -> Response {
        PipedriveResponse.json(["error": .string(error), "error_description": .string(description)], status: status)
    }

    /// A small HTML page, as Pipedrive's web front answers.
    static func htmlPage(_ status: HTTPResponse.Status, title: String, message: String) -> Response {
        let html = "<!DOCTYPE html><html><head><title>\(title)</title></head><body><h1>\(title)</h1><p>\(message)</p></body></html>"
        return PipedriveResponse.bytes(Data(html.utf8), contentType: "text/html; charset=utf-8", status: status)
    }
}
