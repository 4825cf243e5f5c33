import Catalog
public import CurlHTTP
import Foundation
public import ToolportJSON

/// A proxy request made ready to send: its endpoint read against the account's hosts and the request
/// signed with the account's credential, built again after a token refresh.
struct PreparedProxyCall: SignedCall {
    let proxy: ProxyRequest
    let endpoint: ProxyEndpoint
    private let configuration: ExecutionConfiguration
    private(set) var credential: Credential
    private(set) var built: BuiltRequest

    /// - Throws: `ProxyError` when the endpoint is not a Pipedrive path on one of the account's hosts.
    init(proxy: ProxyRequest, credential: Credential, configuration: ExecutionConfiguration) throws(ProxyError) {
        let hosts = [configuration.apiBase(for: credential), credential.apiBase, configuration.defaultAPIBase].compactMap { $0 }
        self.proxy = proxy
        self.endpoint = try ProxyEndpoint(parsing: proxy.endpoint, origins: Set(hosts.compactMap { try? Origin(parsing: $0) }))
        self.configuration = configuration
        self.credential = credential
        self.built = Self.request(proxy, endpoint: endpoint, credential: credential, base: configuration.apiBase(for: credential))
    }

    var request: UpstreamRequest { built.request }
    var server: HTTPBinding.Server { .api }

    mutating func renew(with renewed: Credential) throws(ExecutionError) {
        built = Self.request(proxy, endpoint: endpoint, credential: renewed, base: configuration.apiBase(for: renewed))
        credential = renewed
    }

    /// The request: the endpoint on `base`, the query parameters after the endpoint's own, the caller's
    /// headers, the credential's header, and the body (JSON unless a string with its own `Content-Type`).
    static func request(_ proxy: ProxyRequest, endpoint: ProxyEndpoint, credential: Credential, base: String) -> BuiltRequest {
        let logURL = base + endpoint.path
        let added = proxy.parameters.filter { $0.location == .query }
            .map { RequestBuilder.percentEncoded($0.name) + "=" + RequestBuilder.percentEncoded($0.value) }
        let query = ([endpoint.query].compactMap { $0 } + added).joined(separator: "&")
        var headers = proxy.parameters.filter { $0.location == .header }.map { UpstreamHeader($0.name, $0.value) }
        func has(_ name: String) -> Bool { headers.contains { $0.name.lowercased() == name } }
        if !has("accept") { headers.append(UpstreamHeader("Accept", "application/json")) }
        var body: Data?
        switch proxy.body {
        case nil: break
        case .string(let text)? where has("content-type"): body = Data(text.utf8)
        case let value?:
            body = value.encoded()
            if !has("content-type") { headers.append(UpstreamHeader("Content-Type", "application/json")) }
        }
        headers.append(credential.secret.header)
        let url = query.isEmpty ? logURL : logURL + "?" + query
        return BuiltRequest(request: UpstreamRequest(method: proxy.method.rawValue, url: url, headers: headers, body: body), logURL: logURL)
    }
}

/// Pipedrive's answer to a proxy request, in Composio's proxy shape: `{status, data, headers}`.
public struct ProxyAnswer: Sendable, Equatable {
    public var status: Int
    /// The parsed JSON body; a text body as a string; a binary body as `{file: {name, mimetype, size,
    /// content_base64}}`; nil when the body is empty.
    public var data: JSONValue?
    /// Pipedrive's response headers, lower-case names (several values joined with `, `), `set-cookie` left out.
    public var headers: [String: String]

    init(_ response: UpstreamResponse) {
        status = response.status
        var headers: [String: String] = [:]
        for header in response.headers where header.name != "set-cookie" {
            headers[header.name] = headers[header.name].map { $0 + ", " + header.value } ?? header.value
        }
        self.headers = headers
        let type = (response.header("content-type") ?? "").lowercased()
        if response.body.isEmpty {
            data = nil
        } else if type.contains("json"), let parsed = try? JSONValue(parsing: response.body) {
            data = parsed
        } else if type.hasPrefix("text/") || type.contains("json") || type.contains("xml"), let text = String(data: response.body, encoding: .utf8) {
            data = .string(text)
        } else {
            data = ["file": ResponseInterpreter.file(from: response)]
        }
    }

    /// `{status, data, headers}`.
    public var json: JSONValue {
        ["status": .integer(status), "data": data ?? .null, "headers": .object(headers.mapValues(JSONValue.string))]
    }
}

/// How a proxy call ended.
public enum ProxyOutcome: Sendable, Equatable {
    /// Pipedrive answered (any status). `note` is what the log keeps about a failed answer.
    case answered(ProxyAnswer, note: String?)
    /// Nothing was sent: the request is malformed or names another host.
    case invalid(ProxyError)
    /// Nothing was sent: no account could be used.
    case noCredential(CredentialError)
    /// No answer came (unreachable, timed out, refused by the upstream allow-list, cancelled).
    case unanswered(UpstreamError, attempts: Int)
}

/// A proxy call's outcome and its execution log's id.
public struct ProxyResult: Sendable, Equatable {
    public var outcome: ProxyOutcome
    public var logID: String
}
