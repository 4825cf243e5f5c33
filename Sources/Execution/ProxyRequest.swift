public import ToolportJSON

/// A call through Composio's proxy (`composio.tools.proxy`): any Pipedrive API endpoint and method, signed
/// with the account's credential, sent and retried like a tool call.
public struct ProxyRequest: Sendable, Equatable {
    /// The methods Composio's proxy takes.
    public enum Method: String, Sendable, CaseIterable {
        case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE", head = "HEAD"
    }

    /// A header or query parameter to add to the request (Composio's `parameters[]`).
    public struct Parameter: Sendable, Equatable {
        public enum Location: String, Sendable {
            case header
            case query
        }

        public var name: String
        public var value: String
        public var location: Location

        public init(name: String, value: String, location: Location) {
            self.name = name
            self.value = value
            self.location = location
        }
    }

    /// The slug execution logs give proxy calls.
    public static let logSlug = "PIPEDRIVE_PROXY"

    /// Header names a caller may not set: the credential is the account's, and the framing is libcurl's.
    static let reservedHeaders: Set<String> = [
        "authorization", "x-api-token", "proxy-authorization", "host", "content-length", "transfer-encoding", "connection",
        "keep-alive", "te", "trailer", "upgrade",
    ]

    public let method: Method
    /// Composio's `endpoint`, read by `ProxyEndpoint` once the account (and so its host) is known.
    public let endpoint: String
    public let parameters: [Parameter]
    /// Sent as JSON, or as written when it is a string and a `Content-Type` header parameter is given.
    public let body: JSONValue?

    /// - Throws: `ProxyError` for an unknown method, a body on GET or HEAD, a header that is not a
    ///   token name or whose value breaks lines, or a parameter that would carry a credential.
    public init(method: String, endpoint: String, parameters: [Parameter] = [], body: JSONValue? = nil) throws(ProxyError) {
        guard let known = Method(rawValue: method.uppercased()) else { throw .invalidMethod(method) }
        let body = body == .null ? nil : body
        if body != nil, known == .get || known == .head { throw .bodyNotAllowed(method: known.rawValue) }
        for parameter in parameters {
            let name = parameter.name.lowercased()
            switch parameter.location {
            case .header:
                guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenCharacter) else {
                    throw .invalidParameter("\"\(parameter.name.prefix(60))\" is not a header name")
                }
                if ["authorization", "x-api-token"].contains(name) { throw .credentialParameter(parameter.name) }
                guard !Self.reservedHeaders.contains(name) else { throw .invalidParameter("the \(parameter.name) header is set by Toolport") }
                guard !parameter.value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
                    throw .invalidParameter("the \(parameter.name) header's value has a line break")
                }
            case .query:
                guard !name.isEmpty else { throw .invalidParameter("a query parameter has no name") }
                if name == "api_token" { throw .credentialParameter(parameter.name) }
            }
        }
        self.method = known
        self.endpoint = endpoint
        self.parameters = parameters
        self.body = body
    }

    /// RFC 9110's `tchar`.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
