extension CurlHTTPClient {
    /// Limits and defaults that apply to every request a `CurlHTTPClient` sends.
    public struct Configuration: Sendable {
        /// How long making a connection (DNS, TCP and TLS) may take.
        public var connectTimeout: Duration
        /// How long a whole request may take, connecting included, unless the request sets its own `timeout`.
        public var totalTimeout: Duration
        /// The largest response body accepted, in bytes (after decompression).
        public var maxResponseSize: Int
        /// How many connections may be open to one host at once; further requests wait for a free one.
        public var maxConnectionsPerHost: Int
        /// The `User-Agent` sent unless the request carries its own.
        public var userAgent: String
        /// Whether TLS certificates and host names are verified. Turn off only for tests.
        public var verifyTLS: Bool

        /// Creates a configuration; every parameter has the production default.
        /// - Parameters:
        ///   - connectTimeout: How long making a connection may take (10 s).
        ///   - totalTimeout: How long a whole request may take (60 s).
        ///   - maxResponseSize: The largest response body accepted, in bytes (20 MiB).
        ///   - maxConnectionsPerHost: How many connections may be open to one host at once (64).
        ///   - userAgent: The default `User-Agent` (`toolport/1.0`).
        ///   - verifyTLS: Whether TLS certificates and host names are verified (`true`).
        public init(
            connectTimeout: Duration = .seconds(10),
            totalTimeout: Duration = .seconds(60),
            maxResponseSize: Int = 20 * 1024 * 1024,
            maxConnectionsPerHost: Int = 64,
            userAgent: String = "toolport/1.0",
            verifyTLS: Bool = true
        ) {
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.maxResponseSize = maxResponseSize
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.userAgent = userAgent
            self.verifyTLS = verifyTLS
        }
    }
}
