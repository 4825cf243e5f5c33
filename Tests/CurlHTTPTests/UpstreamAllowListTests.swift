import CurlHTTP
import Testing

/// Requests leave only for allowed origins, decided on the URL as libcurl parses it, before any socket.
struct UpstreamAllowListTests {
    static let pipedrive = UpstreamAllowList(
        hosts: ["api.pipedrive.com", "oauth.pipedrive.com"], parentDomains: ["pipedrive.com"],
        origins: [Origin(scheme: "http", host: "127.0.0.1", port: 8001)]
    )

    @Test(arguments: [
        ("https://api.pipedrive.com/v1/deals", true),
        ("https://oauth.pipedrive.com/oauth/token", true),
        ("https://acme.pipedrive.com/api/v2/deals?limit=5", true),
        ("https://ACME.Pipedrive.com/v1/users/me", true),
        ("https://api.pipedrive.com:443/v1/deals", true),
        ("http://127.0.0.1:8001/v1/deals", true),
        // Not https, or not the default port, for Pipedrive's hosts.
        ("http://api.pipedrive.com/v1/deals", false),
        ("https://api.pipedrive.com:8443/v1/deals", false),
        // The SSRF shapes a subdomain or api_domain could smuggle in.
        ("https://evil.example#.pipedrive.com/v1/deals", false),
        ("https://evil.example/.pipedrive.com/v1/deals", false),
        ("https://evil.example?.pipedrive.com/v1/deals", false),
        ("https://acme.pipedrive.com@evil.example/v1/deals", false),
        ("https://acme.pipedrive.com.evil.example/v1/deals", false),
        ("https://a.b.pipedrive.com/v1/deals", false),
        ("https://-acme.pipedrive.com/v1/deals", false),
        ("https://acme-.pipedrive.com/v1/deals", false),
        ("https://pipedrive.com/v1/deals", false),
        ("https://127.0.0.1:8801/x?.pipedrive.com/v1/deals", false),
        ("http://127.0.0.1:8002/v1/deals", false),
        ("http://localhost:8001/v1/deals", false),
        ("https://[::1]/v1/deals", false),
        ("https://169.254.169.254/latest/meta-data", false),
    ])
    func permitsOnlyPipedriveAndNamedOrigins(url: String, allowed: Bool) throws {
        let origin = try Origin(parsing: url)
        #expect(Self.pipedrive.permits(origin) == allowed, "\(url) parsed as \(origin)")
    }

    @Test(arguments: ["ftp://api.pipedrive.com/x", "file:///etc/passwd", "gopher://127.0.0.1:70/x", "not a url", "/v1/deals"])
    func onlyHTTPURLsHaveAnOrigin(url: String) {
        #expect(throws: UpstreamError.self) { try Origin(parsing: url) }
    }

    @Test func aRefusedRequestNeverOpensASocket() async throws {
        let listener = try SilentListener()
        let client = CurlHTTPClient(allowing: Self.pipedrive)
        defer { client.shutdown() }
        for url in ["http://127.0.0.1:\(listener.port)/v1/deals", "https://127.0.0.1:\(listener.port)/v1/deals",
                    "http://127.0.0.1:\(listener.port)#.pipedrive.com/v1/deals"] {
            await #expect(throws: UpstreamError.refused(origin: try Origin(parsing: url).description)) {
                try await client.execute(UpstreamRequest(method: "GET", url: url))
            }
        }
        #expect(!listener.wasContacted)
    }

    @Test func anAllowedOriginIsReached() async throws {
        let listener = try SilentListener()
        let client = CurlHTTPClient(
            allowing: Self.pipedrive.adding([Origin(scheme: "http", host: "127.0.0.1", port: listener.port)]),
            configuration: .init(totalTimeout: .milliseconds(300))
        )
        defer { client.shutdown() }
        _ = try? await client.execute(UpstreamRequest(method: "GET", url: "http://127.0.0.1:\(listener.port)/v1/deals"))
        #expect(listener.wasContacted)
    }
}
