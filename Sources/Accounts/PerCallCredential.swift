public import CurlHTTP
public import Execution
import Foundation
import Storage
public import ToolportJSON

/// A credential given with one call instead of a connected account's: Composio's `custom_auth_params` or
/// `custom_connection_data`. Read and checked here, used for that call only: never stored, refreshed or
/// logged (its execution log has no connected account).
public enum PerCallCredential {
    /// Reads `custom_connection_data`: `{authScheme, toolkitSlug, val}` as a connection state is written
    /// (`API_KEY` with `val.generic_api_key`, `BEARER_TOKEN` with `val.token`, `OAUTH2` with
    /// `val.access_token`; `val.subdomain` or `val.api_domain` name the company host).
    /// - Throws: `AccountsError.invalid` naming the field at fault (never its value).
    public static func credential(connectionData data: JSONValue, userID: String?, upstreams: UpstreamAllowList) throws(AccountsError) -> Credential {
        let field = "custom_connection_data"
        guard case .object = data else { throw .invalid("\(field) must be an object {authScheme, toolkitSlug, val}", fields: [field]) }
        if let toolkit = data["toolkitSlug"]?.stringValue ?? data["toolkit_slug"]?.stringValue, toolkit.lowercased() != "pipedrive" {
            throw .invalid("\(field).toolkitSlug is \(toolkit.prefix(40)); this server serves the pipedrive toolkit", fields: ["\(field).toolkitSlug"])
        }
        let name = data["authScheme"]?.stringValue ?? data["auth_scheme"]?.stringValue ?? ""
        guard let scheme = AuthScheme(name: name) else {
            throw .invalid(
                "\(field).authScheme must be one of \(AuthScheme.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(name.prefix(40))\"",
                fields: ["\(field).authScheme"]
            )
        }
        var account = ConnectedAccountRecord(
            id: "", userID: userID ?? "", authConfigID: "", status: .active, statusReason: nil, isDisabled: false, alias: nil, callbackURL: nil,
            subdomain: nil, apiDomain: nil, secrets: AccountSecrets(), expiresAt: nil, scope: nil, tokenVersion: 0, createdAt: Date(), updatedAt: Date()
        )
        try ConnectedAccountService.apply(state: data, scheme: scheme, upstreams: upstreams, to: &account, at: field)
        let secret: Credential.Secret
        if let token = account.secrets.token {
            secret = .apiToken(token)
        } else if let token = account.secrets.bearerToken ?? account.secrets.accessToken {
            secret = .bearer(token)
        } else {
            throw .invalid("\(field).val holds no token", fields: ["\(field).val"])
        }
        let base = account.apiDomain ?? account.subdomain.map { "https://\($0).pipedrive.com" }
        return Credential(accountID: nil, userID: userID ?? "", secret: secret, apiBase: base)
    }

    /// Reads `custom_auth_params`: `{base_url?, parameters: [{name, value, in}]}` with exactly one Pipedrive
    /// credential among the parameters (header `x-api-token`, header `Authorization: Bearer …`, or query
    /// `api_token`, which is sent as the header, never in the URL). `base_url` must be a Pipedrive host or
    /// an allowed upstream (`https://acme.pipedrive.com`, optionally ending `/v1`, `/api/v1` or `/api/v2`).
    /// - Throws: `AccountsError.invalid` naming the field at fault (never its value).
    public static func credential(authParams params: JSONValue, userID: String?, upstreams: UpstreamAllowList) throws(AccountsError) -> Credential {
        let field = "custom_auth_params"
        guard case .object = params else { throw .invalid("\(field) must be an object {base_url, parameters}", fields: [field]) }
        if let body = params["body"], body != .null, body != .object([:]) {
            throw .invalid("\(field).body: Pipedrive takes no credential in a request body; pass the token as a parameter", fields: ["\(field).body"])
        }
        var base: String?
        switch params["base_url"] {
        case nil, .null: break
        case .string(let url): base = try apiBase(url, upstreams: upstreams)
        default: throw .invalid("\(field).base_url must be a string", fields: ["\(field).base_url"])
        }
        guard case .array(let parameters)? = params["parameters"] else {
            throw .invalid("\(field).parameters must list the Pipedrive token: [{\"name\": \"x-api-token\", \"value\": \"…\", \"in\": \"header\"}]",
                           fields: ["\(field).parameters"])
        }
        var secrets: [Credential.Secret] = []
        for (index, parameter) in parameters.enumerated() {
            let path = "\(field).parameters[\(index)]"
            guard let name = parameter["name"]?.stringValue, let location = parameter["in"]?.stringValue else {
                throw .invalid("\(path) needs name, value and in (header or query)", fields: [path])
            }
            let value: String
            switch parameter["value"] {
            case .string(let text)?: value = text
            case .integer(let number)?: value = String(number)
            default: throw .invalid("\(path).value must be a string", fields: ["\(path).value"])
            }
            switch (location.lowercased(), name.lowercased()) {
            case ("header", "x-api-token"), ("query", "api_token"):
                secrets.append(.apiToken(value))
            case ("header", "authorization"):
                let parts = value.split(separator: " ", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                    throw .invalid("\(path): Pipedrive takes an Authorization header of the form \"Bearer <token>\"", fields: ["\(path).value"])
                }
                secrets.append(.bearer(String(parts[1])))
            default:
                throw .invalid(
                    "\(path): \(location.prefix(10)) parameter \(name.prefix(60)) is not a Pipedrive credential; use the x-api-token or Authorization "
                        + "header, or the api_token query parameter", fields: ["\(path).name"]
                )
            }
        }
        guard secrets.count == 1, let secret = secrets.first else {
            throw .invalid("\(field).parameters must hold exactly one Pipedrive token, it holds \(secrets.count)", fields: ["\(field).parameters"])
        }
        if secret.token.isEmpty { throw .invalid("\(field).parameters: the token is empty", fields: ["\(field).parameters"]) }
        return Credential(accountID: nil, userID: userID ?? "", secret: secret, apiBase: base)
    }

    /// The origin `url` names, when it is a Pipedrive API base the upstream allow-list permits.
    static func apiBase(_ url: String, upstreams: UpstreamAllowList) throws(AccountsError) -> String {
        let field = "custom_auth_params.base_url"
        var origin = url.hasSuffix("/") ? String(url.dropLast()) : url
        for suffix in ["/api/v1", "/api/v2", "/v1"] where origin.hasSuffix(suffix) {
            origin = String(origin.dropLast(suffix.count))
            break
        }
        guard let parsed = try? Origin(parsing: origin), parsed.description == origin.lowercased() else {
            throw .invalid("\(field) \"\(url.prefix(100))\" is not a Pipedrive API base such as https://api.pipedrive.com", fields: [field])
        }
        guard upstreams.permits(parsed) else {
            throw .invalid("\(field) names \(parsed), which is not a Pipedrive host or an allowed upstream; nothing was sent", fields: [field])
        }
        return parsed.description
    }
}

extension Credential.Secret {
    /// The token itself.
    var token: String {
        switch self {
        case .apiToken(let token), .bearer(let token): token
        }
    }
}
