import Foundation

/// A session's MCP URL: Toolport's `/mcp` for the session, on the origin the client called (the SDK attaches
/// its credential only when the MCP URL's origin is its `base_url`'s).
enum SessionMCPURL {
    /// `<scheme>://<host>/mcp?session_id=<id>`: the scheme of `publicURL`, the host (and port) the request
    /// named when it is a well-formed host, else `publicURL`'s.
    static func url(sessionID: String, host: String?, publicURL: String) -> String {
        let base = URLComponents(string: publicURL)
        let scheme = base?.scheme ?? "http"
        let origin: String
        if let host, isWellFormed(host: host) {
            origin = "\(scheme)://\(host)"
        } else {
            origin = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        }
        return "\(origin)/mcp?session_id=\(sessionID)"
    }

    /// A `Host` header that is a DNS name, IPv4 address or bracketed IPv6 address with an optional port: never
    /// a URL of its own, a path, credentials or spaces.
    static func isWellFormed(host: String) -> Bool {
        host.wholeMatch(of: #/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(:[0-9]{1,5})?/#) != nil
    }
}
