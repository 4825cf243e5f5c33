import Foundation
import HTTPTypes
import HummingbirdTesting
import Sandbox
import Testing
import ToolportJSON

struct OAuthTests {
    static let redirectURI = "http://localhost:9000/callback"
    static var clientAuth: HTTPFields {
        [.authorization: "Basic " + Data("sandbox-client-id:sandbox-client-secret".utf8).base64EncodedString()]
    }

    /// Authorizes and returns the code from the redirect.
    static func authorize(_ client: any TestClientProtocol, state: String = "xyz") async throws -> String {
        let response = try await client.call(.get, "/oauth/authorize?client_id=sandbox-client-id&redirect_uri=\(redirectURI)&state=\(state)", headers: [:])
        #expect(response.status == .found)
        let location = try #require(response.headers[.location])
        let items = try #require(URLComponents(string: location)?.queryItems)
        #expect(location.hasPrefix(redirectURI + "?"))
        #expect(items.first { $0.name == "state" }?.value == state)
        return try #require(items.first { $0.name == "code" }?.value)
    }

    static func exchange(_ client: any TestClientProtocol, code: String, redirectURI: String = redirectURI) async throws -> TestResponse {
        try await client.callForm(.post, "/oauth/token", form: "grant_type=authorization_code&code=\(code)&redirect_uri=\(redirectURI)", headers: clientAuth)
    }

    static func refresh(_ client: any TestClientProtocol, _ token: String) async throws -> TestResponse {
        try await client.callForm(.post, "/oauth/token/", form: "grant_type=refresh_token&refresh_token=\(token)", headers: clientAuth)
    }

    @Test func runsTheCodeFlowAndCallsTheAPIWithTheAccessToken() async throws {
        let harness = TestSandbox()
        try await harness.test { client in
            let code = try await Self.authorize(client)
            let response = try await Self.exchange(client, code: code)
            #expect(response.status == .ok)
            let token = try response.json()
            #expect(token["token_type"] == "Bearer")
            #expect(token["expires_in"] == 3600)
            #expect(token["api_domain"] == "http://localhost")
            #expect(token["scope"]?.stringValue?.contains("deals:full") == true)
            let accessToken = try #require(token["access_token"]?.stringValue)
            #expect(try await client.call(.get, "/api/v1/users/me", headers: .bearer(accessToken)).status == .ok)
        }
        #expect(await harness.sandbox.tokenGrantCounts() == TokenGrantCounts(authorizationCode: 1, refreshToken: 0))
    }

    @Test func usesACodeOnlyOnce() async throws {
        try await TestSandbox().test { client in
            let code = try await Self.authorize(client)
            #expect(try await Self.exchange(client, code: code).status == .ok)
            let reused = try await Self.exchange(client, code: code)
            #expect(reused.status == .badRequest)
            #expect(try reused.json()["error"] == "invalid_grant")
            #expect(try await Self.exchange(client, code: "unknown").json()["error"] == "invalid_grant")
        }
    }

    @Test func requiresTheAuthorizeRedirectURI() async throws {
        try await TestSandbox().test { client in
            let code = try await Self.authorize(client)
            #expect(try await Self.exchange(client, code: code, redirectURI: "http://elsewhere/cb").json()["error"] == "invalid_grant")
        }
    }

    @Test func requiresClientAuthentication() async throws {
        try await TestSandbox().test { client in
            let code = try await Self.authorize(client)
            let form = "grant_type=authorization_code&code=\(code)&redirect_uri=\(Self.redirectURI)"
            let wrongSecret: HTTPFields = [.authorization: "Basic " + Data("sandbox-client-id:wrong".utf8).base64EncodedString()]
            for headers in [[:], wrongSecret] {
                let response = try await client.callForm(.post, "/oauth/token", form: form, headers: headers)
                #expect(response.status == .unauthorized)
                #expect(try response.json()["error"] == "invalid_client")
            }
        }
    }

    @Test func rotatesRefreshTokens() async throws {
        let harness = TestSandbox()
        try await harness.test { client in
            let first = try await Self.exchange(client, code: try await Self.authorize(client)).json()
            let oldRefresh = try #require(first["refresh_token"]?.stringValue)
            let refreshed = try await Self.refresh(client, oldRefresh)
            #expect(refreshed.status == .ok)
            let newRefresh = try #require(try refreshed.json()["refresh_token"]?.stringValue)
            #expect(newRefresh != oldRefresh)
            #expect(try await Self.refresh(client, oldRefresh).json()["error"] == "invalid_grant")
            #expect(try await Self.refresh(client, newRefresh).status == .ok)
        }
        #expect(await harness.sandbox.tokenGrantCounts() == TokenGrantCounts(authorizationCode: 1, refreshToken: 2))
        #expect(await harness.sandbox.issuedTokenCount() == 3)
    }

    @Test func revokingInvalidatesAccessAndRefreshTokens() async throws {
        let harness = TestSandbox()
        try await harness.test { client in
            let token = try await Self.exchange(client, code: try await Self.authorize(client)).json()
            let accessToken = try #require(token["access_token"]?.stringValue)
            await harness.sandbox.revokeAllTokens()
            #expect(try await client.call(.get, "/api/v1/deals", headers: .bearer(accessToken)).status == .unauthorized)
            let refresh = try await Self.refresh(client, try #require(token["refresh_token"]?.stringValue))
            #expect(refresh.status == .badRequest)
            #expect(try refresh.json()["error"] == "invalid_grant")
        }
    }

    @Test func revokesThroughTheControlEndpoint() async throws {
        try await TestSandbox().test { client in
            let token = try await Self.exchange(client, code: try await Self.authorize(client)).json()
            #expect(try await client.call(.post, "/_sandbox/oauth/revoke", headers: [:]).status == .noContent)
            #expect(try await Self.refresh(client, try #require(token["refresh_token"]?.stringValue)).json()["error"] == "invalid_grant")
        }
    }

    @Test func expiresAccessTokens() async throws {
        try await TestSandbox(configuration: SandboxConfiguration(accessTokenLifetime: 1, apiDomain: "https://sandbox.example")).test { client in
            let token = try await Self.exchange(client, code: try await Self.authorize(client)).json()
            #expect(token["expires_in"] == 1)
            #expect(token["api_domain"] == "https://sandbox.example")
            let accessToken = try #require(token["access_token"]?.stringValue)
            // Valid until its lifetime has passed (TokenStoreTests, on explicit instants: a busy machine may take
            // longer than one second to serve a first call); refused after.
            try await Task.sleep(for: .milliseconds(1100))
            let expired = try await client.call(.get, "/api/v1/deals", headers: .bearer(accessToken))
            #expect(expired.status == .unauthorized)
            #expect(try expired.json()["error"] == "unauthorized access")
        }
    }

    @Test func redirectsWithAccessDeniedWhenSimulated() async throws {
        try await TestSandbox().test { client in
            let response = try await client.call(
                .get, "/oauth/authorize?client_id=sandbox-client-id&redirect_uri=\(Self.redirectURI)&state=s1&error_simulation=access_denied", headers: [:])
            #expect(response.status == .found)
            #expect(response.headers[.location] == "\(Self.redirectURI)?error=access_denied&state=s1")
        }
    }

    @Test func redirectsWithAccessDeniedWhenAFaultApplies() async throws {
        let configuration = SandboxConfiguration(faults: [FaultRule(kind: .serverError, pathContains: "/oauth/authorize", times: 1)])
        try await TestSandbox(configuration: configuration).test { client in
            let uri = "/oauth/authorize?client_id=sandbox-client-id&redirect_uri=\(Self.redirectURI)&state=s2"
            let first = try await client.call(.get, uri, headers: [:])
            #expect(first.headers[.location] == "\(Self.redirectURI)?error=access_denied&state=s2")
            let second = try await client.call(.get, uri, headers: [:])
            #expect(second.headers[.location]?.contains("code=") == true)
        }
    }

    @Test func refusesAnUnknownClientOrMissingRedirect() async throws {
        try await TestSandbox().test { client in
            let unknown = try await client.call(.get, "/oauth/authorize?client_id=other&redirect_uri=\(Self.redirectURI)", headers: [:])
            #expect(unknown.status == .badRequest)
            #expect(unknown.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(try await client.call(.get, "/oauth/authorize?client_id=sandbox-client-id", headers: [:]).status == .badRequest)
        }
    }
}
