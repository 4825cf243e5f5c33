public import CurlHTTP

/// The checks on where an account's calls go: its stored company subdomain and an OAuth token's
/// `api_domain`, each refused unless it names exactly an allowed origin.
public enum AccountHost {
    /// Why `apiDomain` (an OAuth token answer's `api_domain`) may not be used, or nil when it may: it must be
    /// a bare origin (`https://acme.pipedrive.com`, no user, path, query or fragment) that `upstreams` permits.
    public static func refusal(apiDomain: String, upstreams: UpstreamAllowList) -> String? {
        let trimmed = apiDomain.hasSuffix("/") ? String(apiDomain.dropLast()) : apiDomain
        guard let origin = try? Origin(parsing: trimmed), origin.description == trimmed.lowercased() else {
            return "Pipedrive's token answer named api_domain \"\(apiDomain.prefix(100))\", which is not a bare https origin"
        }
        guard upstreams.permits(origin) else {
            return "Pipedrive's token answer named api_domain \(origin), which is not a Pipedrive host or an allowed upstream; the connection was refused"
        }
        return nil
    }
}
