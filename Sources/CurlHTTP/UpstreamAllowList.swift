/// The origins a client may send requests to, checked on the URL as libcurl itself parses it, before
/// any connection is made.
///
/// An origin is allowed when it is one the operator named (any scheme), or an `https` origin on the
/// default port whose host is one of `hosts` or a single DNS label under one of `parentDomains`.
///
/// ```swift
/// let pipedrive = UpstreamAllowList(hosts: ["api.pipedrive.com"], parentDomains: ["pipedrive.com"],
///                                   origins: [try Origin(parsing: "http://127.0.0.1:8001")])
/// pipedrive.permits(Origin(scheme: "https", host: "acme.pipedrive.com", port: 443))   // true
/// ```
public struct UpstreamAllowList: Sendable, Equatable {
    /// Every origin: for tests of the client itself and for tools that are not tied to one service.
    public static let anyOrigin = UpstreamAllowList(hosts: [], parentDomains: [], origins: [], allowsAny: true)

    /// Hosts reachable over https on the default port.
    public var hosts: Set<String>
    /// Domains whose one-label subdomains are reachable over https on the default port.
    public var parentDomains: Set<String>
    /// Origins the operator named, reachable over their own scheme and port.
    public var origins: Set<Origin>
    private var allowsAny = false

    public init(hosts: Set<String>, parentDomains: Set<String>, origins: Set<Origin>) {
        self.hosts = Set(hosts.map { $0.lowercased() })
        self.parentDomains = Set(parentDomains.map { $0.lowercased() })
        self.origins = origins
    }

    private init(hosts: Set<String>, parentDomains: Set<String>, origins: Set<Origin>, allowsAny: Bool) {
        self.init(hosts: hosts, parentDomains: parentDomains, origins: origins)
        self.allowsAny = allowsAny
    }

    /// This list with `more` operator-named origins added.
    public func adding(_ more: some Sequence<Origin>) -> UpstreamAllowList {
        var copy = self
        copy.origins.formUnion(more)
        return copy
    }

    /// Whether a request to `origin` may be sent.
    public func permits(_ origin: Origin) -> Bool {
        if allowsAny || origins.contains(origin) { return true }
        guard origin.scheme == "https", origin.port == 443 else { return false }
        if hosts.contains(origin.host) { return true }
        guard let dot = origin.host.firstIndex(of: ".") else { return false }
        let label = origin.host[..<dot]
        let parent = String(origin.host[origin.host.index(after: dot)...])
        return parentDomains.contains(parent) && DNSLabel.isValid(label)
    }
}

/// A URL's scheme, host and port: what decides where a request goes.
public struct Origin: Sendable, Hashable, CustomStringConvertible {
    /// Lower-cased.
    public var scheme: String
    /// Lower-cased; an IPv6 literal keeps its brackets.
    public var host: String
    /// The explicit port, or the scheme's default.
    public var port: Int

    public init(scheme: String, host: String, port: Int) {
        self.scheme = scheme.lowercased()
        self.host = host.lowercased()
        self.port = port
    }

    /// The origin of an absolute http(s) URL, as libcurl parses it.
    /// - Throws: `UpstreamError.invalidURL` when libcurl cannot parse it or the scheme is not http(s).
    public init(parsing url: String) throws(UpstreamError) {
        self = try CurlURL.origin(of: url)
    }

    /// `scheme://host[:port]`, the port left out when it is the scheme's default.
    public var description: String {
        let defaultPort = scheme == "https" ? 443 : 80
        return "\(scheme)://\(host)" + (port == defaultPort ? "" : ":\(port)")
    }
}

/// One DNS label as Pipedrive company subdomains use them: `[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?`.
public enum DNSLabel {
    /// Whether `text` is one lower-case ASCII DNS label.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
    }
}
