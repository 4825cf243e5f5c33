import CurlHTTP
@testable import Execution
import Foundation
import Testing
import ToolportJSON

/// How Composio's proxy `endpoint` becomes a Pipedrive path, and what a proxy request may carry.
struct ProxyEndpointTests {
    static let accountHosts: Set<Origin> = [
        Origin(scheme: "https", host: "acme.pipedrive.com", port: 443), Origin(scheme: "https", host: "api.pipedrive.com", port: 443),
    ]

    @Test(arguments: [
        ("deals", "/api/v1/deals", nil),
        ("/deals", "/api/v1/deals", nil),
        ("deals/12/products", "/api/v1/deals/12/products", nil),
        ("v1/deals", "/api/v1/deals", nil),
        ("/v1/deals/1", "/api/v1/deals/1", nil),
        ("/v2/deals", "/api/v2/deals", nil),
        ("v2/deals/3", "/api/v2/deals/3", nil),
        ("/api/v1/persons", "/api/v1/persons", nil),
        ("api/v2/organizations/9", "/api/v2/organizations/9", nil),
        ("/api/v2/deals?limit=5&cursor=abc", "/api/v2/deals", "limit=5&cursor=abc"),
        ("deals?", "/api/v1/deals", nil),
        ("/v1/persons/search?term=Ada%20Lovelace", "/api/v1/persons/search", "term=Ada%20Lovelace"),
        ("https://api.pipedrive.com/v1/deals", "/api/v1/deals", nil),
        ("https://ACME.pipedrive.com/api/v2/deals?limit=1", "/api/v2/deals", "limit=1"),
        ("https://acme.pipedrive.com:443/deals", "/api/v1/deals", nil),
        ("/api/v1/deals/", "/api/v1/deals/", nil),
    ] as [(String, String, String?)])
    func readsPipedrivePaths(endpoint: String, path: String, query: String?) throws {
        let parsed = try ProxyEndpoint(parsing: endpoint, origins: Self.accountHosts)
        #expect(parsed.path == path)
        #expect(parsed.query == query)
    }

    @Test(arguments: [
        ("https://evil.example.com/v1/deals", ProxyError.otherHost("https://evil.example.com")),
        ("https://other.pipedrive.com/v1/deals", .otherHost("https://other.pipedrive.com")),
        ("http://acme.pipedrive.com/v1/deals", .otherHost("http://acme.pipedrive.com")),
        ("https://acme.pipedrive.com:8443/v1/deals", .otherHost("https://acme.pipedrive.com:8443")),
        ("https://oauth.pipedrive.com/oauth/token", .otherHost("https://oauth.pipedrive.com")),
        ("/v3/deals", .unsupportedVersion("v3")),
        ("/api/v0/deals", .unsupportedVersion("v0")),
        ("/deals?api_token=secret", .credentialParameter("api_token")),
        ("/deals?limit=1&API_TOKEN=secret", .credentialParameter("api_token")),
    ] as [(String, ProxyError)])
    func refusesOtherHostsVersionsAndTokens(endpoint: String, error: ProxyError) {
        #expect(throws: error) { try ProxyEndpoint(parsing: endpoint, origins: Self.accountHosts) }
    }

    @Test(arguments: [
        "", "/", "v1", "/api/v2/", "//evil.example.com/v1/deals", "https://user:pw@acme.pipedrive.com/v1/deals",
        "/v1/deals#top", "/v1/deals/../../oauth/token", "/v1/deals/%2e%2E/x", "/v1/./deals", "/v1/deals with space",
        "/v1/deals\\1", "/v1/deals\n", "/api/deals", "ftp://api.pipedrive.com/v1/deals",
    ])
    func refusesWhatIsNotAPipedrivePath(endpoint: String) {
        #expect {
            try ProxyEndpoint(parsing: endpoint, origins: Self.accountHosts)
        } throws: { error in
            guard case .invalidEndpoint = error as? ProxyError else { return false }
            return true
        }
    }

    @Test(arguments: [
        ("GET", [], nil, nil), ("delete", [], JSONValue.object(["ids": "1,2"]), nil),
        ("TRACE", [], nil, ProxyError.invalidMethod("TRACE")),
        ("GET", [], JSONValue.object(["a": 1]), .bodyNotAllowed(method: "GET")),
        ("HEAD", [], .string("x"), .bodyNotAllowed(method: "HEAD")),
        ("GET", [.init(name: "Authorization", value: "Bearer x", location: .header)], nil, .credentialParameter("Authorization")),
        ("GET", [.init(name: "X-Api-Token", value: "x", location: .header)], nil, .credentialParameter("X-Api-Token")),
        ("GET", [.init(name: "api_token", value: "x", location: .query)], nil, .credentialParameter("api_token")),
        ("GET", [.init(name: "Host", value: "evil.example.com", location: .header)], nil, .invalidParameter("the Host header is set by Toolport")),
        ("GET", [.init(name: "X-Trace", value: "a\r\nInjected: 1", location: .header)], nil,
         .invalidParameter("the X-Trace header's value has a line break")),
        ("GET", [.init(name: "bad name", value: "x", location: .header)], nil, .invalidParameter("\"bad name\" is not a header name")),
        ("GET", [.init(name: "", value: "x", location: .query)], nil, .invalidParameter("a query parameter has no name")),
        ("GET", [.init(name: "X-Trace", value: "1", location: .header), .init(name: "limit", value: "5", location: .query)], nil, nil),
    ] as [(String, [ProxyRequest.Parameter], JSONValue?, ProxyError?)])
    func checksMethodParametersAndBody(method: String, parameters: [ProxyRequest.Parameter], body: JSONValue?, error: ProxyError?) {
        let make = { try ProxyRequest(method: method, endpoint: "deals", parameters: parameters, body: body) }
        if let error {
            #expect(throws: error, performing: make)
        } else {
            #expect(throws: Never.self, performing: make)
        }
    }

    @Test func theRequestCarriesTheAccountsTokenAndTheCallersParameters() throws {
        let proxy = try ProxyRequest(
            method: "POST", endpoint: "/v1/deals?a=1",
            parameters: [.init(name: "X-Trace", value: "t1", location: .header), .init(name: "b c", value: "d&e", location: .query)],
            body: ["title": "Proxy deal"]
        )
        let credential = Credential(accountID: "ca_1", userID: "u1", secret: .apiToken("tok"), apiBase: "https://acme.pipedrive.com")
        var call = try PreparedProxyCall(proxy: proxy, credential: credential, configuration: ExecutionConfiguration())
        #expect(call.request.url == "https://acme.pipedrive.com/api/v1/deals?a=1&b%20c=d%26e")
        #expect(call.built.logURL == "https://acme.pipedrive.com/api/v1/deals")
        #expect(call.request.headers.map { "\($0.name): \($0.value)" } == [
            "X-Trace: t1", "Accept: application/json", "Content-Type: application/json", "x-api-token: tok",
        ])
        #expect(call.request.body.flatMap { try? JSONValue(parsing: $0) } == ["title": "Proxy deal"])

        try call.renew(with: Credential(accountID: "ca_1", userID: "u1", secret: .bearer("fresh"), apiBase: "https://acme.pipedrive.com"))
        #expect(call.request.headers.last == UpstreamHeader("Authorization", "Bearer fresh"))
    }

    @Test func aStringBodyWithItsContentTypeIsSentAsWritten() throws {
        let proxy = try ProxyRequest(
            method: "PUT", endpoint: "deals/1", parameters: [.init(name: "Content-Type", value: "application/x-www-form-urlencoded", location: .header)],
            body: "title=Renamed"
        )
        let call = try PreparedProxyCall(
            proxy: proxy, credential: Credential(accountID: nil, userID: "", secret: .bearer("b")), configuration: ExecutionConfiguration()
        )
        #expect(call.request.url == "https://api.pipedrive.com/api/v1/deals/1")
        #expect(call.request.body == Data("title=Renamed".utf8))
        #expect(!call.request.headers.contains { $0.name == "Content-Type" && $0.value == "application/json" })
    }
}
