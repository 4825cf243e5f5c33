public import CurlHTTP
import Foundation

/// Composio's proxy `endpoint` read as a Pipedrive API path on the account's host.
///
/// | endpoint | path |
/// |---|---|
/// | `deals`, `/deals/1` | `/api/v1/deals`, `/api/v1/deals/1` (unversioned paths are Pipedrive's v1 API, as Composio's base URL) |
/// | `v1/deals`, `/v1/deals` | `/api/v1/deals` |
/// | `v2/deals`, `/v2/deals` | `/api/v2/deals` |
/// | `/api/v1/deals`, `api/v2/deals` | as written, with a leading `/` |
/// | `https://api.pipedrive.com/v1/deals` | `/api/v1/deals`, when the origin is one of the account's (else refused) |
///
/// A query string is kept as written. Refused: other origins, user info, fragments, `.`/`..` segments
/// (plain or percent-encoded), backslashes, spaces and control characters, versions other than v1 and v2,
/// and a token in the query (`api_token`).
public struct ProxyEndpoint: Sendable, Equatable {
    /// From the host root: `/api/v1/deals/1`.
    public let path: String
    /// The query as written, without `?`; nil when there is none.
    public let query: String?

    /// - Parameter origins: the origins an absolute endpoint may name: the account's Pipedrive hosts.
    /// - Throws: `ProxyError` saying what is wrong with `endpoint`.
    public init(parsing endpoint: String, origins: Set<Origin>) throws(ProxyError) {
        var rest = Substring(endpoint)
        guard !rest.isEmpty else { throw .invalidEndpoint(endpoint, "it is empty: give a Pipedrive path such as /api/v1/deals") }
        guard rest.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && $0 != "\\" }) else {
            throw .invalidEndpoint(endpoint, "it holds spaces, control characters or backslashes; percent-encode them")
        }
        if rest.hasPrefix("//") { throw .invalidEndpoint(endpoint, "it names a host without a scheme") }
        if let schemeEnd = rest.range(of: "://") {
            let authorityEnd = rest[schemeEnd.upperBound...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            let authority = rest[schemeEnd.upperBound..<authorityEnd]
            guard !authority.contains("@") else { throw .invalidEndpoint(endpoint, "it carries user info; credentials come from the connected account") }
            let origin: Origin
            do {
                origin = try Origin(parsing: String(rest[..<authorityEnd]))
            } catch {
                throw .invalidEndpoint(endpoint, "it is not an http(s) URL")
            }
            guard origins.contains(origin) else { throw .otherHost(origin.description) }
            rest = rest[authorityEnd...]
        }
        guard !rest.contains("#") else { throw .invalidEndpoint(endpoint, "it has a fragment (#…), which is never sent") }
        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var segments = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.first == "" { segments.removeFirst() }
        guard segments.allSatisfy({ !Self.isDotSegment($0) }) else {
            throw .invalidEndpoint(endpoint, "it has a . or .. segment; name the Pipedrive path directly")
        }
        let underAPI = segments.first == "api"
        if underAPI { segments.removeFirst() }
        let version: String
        if let first = segments.first, Self.isVersion(first) {
            guard first == "v1" || first == "v2" else { throw .unsupportedVersion(first) }
            version = first
            segments.removeFirst()
        } else if underAPI {
            throw .invalidEndpoint(endpoint, "Pipedrive's API paths start /api/v1/ or /api/v2/")
        } else {
            version = "v1"
        }
        guard segments.contains(where: { !$0.isEmpty }) else {
            throw .invalidEndpoint(endpoint, "it names no Pipedrive resource (such as deals or persons/1)")
        }
        if let query, Self.names(query, "api_token") {
            throw .credentialParameter("api_token")
        }
        self.path = "/api/\(version)/" + segments.joined(separator: "/")
        self.query = query.flatMap { $0.isEmpty ? nil : String($0) }
    }

    /// `v` and digits: a segment that names an API version.
    private static func isVersion(_ segment: String) -> Bool {
        segment.count > 1 && segment.first == "v" && segment.dropFirst().allSatisfy(\.isASCII) && segment.dropFirst().allSatisfy(\.isNumber)
    }

    /// `.` or `..`, also percent-encoded (`%2e`, `%2E.`): segments a URL parser removes with what precedes them.
    private static func isDotSegment(_ segment: String) -> Bool {
        let decoded = segment.replacingOccurrences(of: "%2e", with: ".").replacingOccurrences(of: "%2E", with: ".")
        return decoded == "." || decoded == ".."
    }

    /// Whether the query string has a parameter called `name` (case-insensitive).
    private static func names(_ query: Substring, _ name: String) -> Bool {
        query.split(separator: "&").contains { $0.split(separator: "=", maxSplits: 1).first?.lowercased() == name }
    }
}

/// Why a proxy request cannot be sent; nothing was sent.
public enum ProxyError: Error, Equatable, CustomStringConvertible {
    case invalidEndpoint(String, String)
    case otherHost(String)
    case unsupportedVersion(String)
    case invalidMethod(String)
    case invalidParameter(String)
    case credentialParameter(String)
    case bodyNotAllowed(method: String)

    public var description: String {
        switch self {
        case .invalidEndpoint(let endpoint, let reason):
            "endpoint \"\(endpoint.prefix(200))\" is not a Pipedrive API path: \(reason)"
        case .otherHost(let origin):
            "endpoint names \(origin), which is not this connected account's Pipedrive host; nothing was sent. "
                + "Give a path such as /api/v1/deals (it goes to the account's host)."
        case .unsupportedVersion(let version):
            "endpoint asks for Pipedrive API \(version); Pipedrive has v1 and v2 (/api/v1/…, /api/v2/…)"
        case .invalidMethod(let method):
            "method must be one of GET, POST, PUT, PATCH, DELETE, HEAD; got \"\(method.prefix(20))\""
        case .invalidParameter(let reason):
            "parameters: \(reason)"
        case .credentialParameter(let name):
            "\(name) carries a credential; the proxy signs requests with the connected account's token "
                + "(pass custom_connection_data to use another token for one call)"
        case .bodyNotAllowed(let method):
            "a \(method) request has no body; send the values as query parameters"
        }
    }
}
