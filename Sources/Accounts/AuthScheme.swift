/// The auth schemes Toolport supports for Pipedrive.
public enum AuthScheme: String, Sendable, CaseIterable {
    case oauth2 = "OAUTH2"
    case apiKey = "API_KEY"
    case bearerToken = "BEARER_TOKEN"

    /// Parses a scheme name in any case; nil for a scheme Toolport does not support.
    public init?(name: String) {
        self.init(rawValue: name.uppercased())
    }
}
