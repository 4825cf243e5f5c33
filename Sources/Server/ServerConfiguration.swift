/// Where and how the HTTP server listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8000) {
        self.host = host
        self.port = port
    }
}

/// What the server needs from the rest of Toolport, built once by the CLI or a test.
public struct ServerDependencies: Sendable {
    public var catalog: EncodedCatalog
    public var authenticator: APIKeyAuthenticator

    public init(catalog: EncodedCatalog, authenticator: APIKeyAuthenticator) {
        self.catalog = catalog
        self.authenticator = authenticator
    }
}
