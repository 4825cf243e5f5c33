import Accounts
import CurlHTTP
import Foundation
import Testing

/// The token endpoint's answers are read defensively: nothing it says can crash the server.
struct OAuthTokenClientTests {
    struct TokenEndpoint: UpstreamClient {
        let body: String

        func execute(_ request: UpstreamRequest) async throws(UpstreamError) -> UpstreamResponse {
            UpstreamResponse(status: 200, headers: [UpstreamHeader("content-type", "application/json")], body: Data(body.utf8))
        }
    }

    func tokens(expiresIn: String) async throws -> OAuthTokenClient.Tokens {
        let client = OAuthTokenClient(
            client: TokenEndpoint(body: #"{"access_token":"a","refresh_token":"r","expires_in":\#(expiresIn)}"#), oauthBase: "http://oauth"
        )
        return try await client.refresh(refreshToken: "r", clientID: "id", clientSecret: "secret")
    }

    @Test(arguments: [("3599", 3599), ("3599.9", 3599), ("1e300", 315_360_000), ("-1e300", 0), ("-5", 0), ("\"soon\"", nil), ("null", nil)])
    func expiresInIsClampedToTenYears(literal: String, expected: Int?) async throws {
        #expect(try await tokens(expiresIn: literal).expiresIn == expected)
    }
}
