import CurlHTTP
import Foundation
import Sandbox
import ToolportJSON

/// The OAuth code flow against the sandbox, for tests that need real tokens.
enum OAuthSteps {
    /// Authorizes, exchanges the code, and returns the refresh token.
    static func refreshToken(harness: SandboxHarness) async throws -> String {
        try await tokens(harness: harness)["refresh_token"]?.stringValue ?? ""
    }

    /// The sandbox's token answer for a fresh authorization.
    static func tokens(harness: SandboxHarness, redirectURI: String = "https://app.example/callback") async throws -> JSONValue {
        let configuration = SandboxConfiguration()
        let redirect = redirectURI.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? redirectURI
        let authorize = try await harness.client.execute(UpstreamRequest(
            method: "GET",
            url: harness.baseURL + "/oauth/authorize?client_id=\(configuration.oauthClientID)&redirect_uri=\(redirect)&state=s1"
        ))
        let location = authorize.header("location") ?? ""
        let code = URLComponents(string: location)?.queryItems?.first { $0.name == "code" }?.value ?? ""
        let basic = Data("\(configuration.oauthClientID):\(configuration.oauthClientSecret)".utf8).base64EncodedString()
        let token = try await harness.client.execute(UpstreamRequest(
            method: "POST", url: harness.baseURL + "/oauth/token",
            headers: [UpstreamHeader("Authorization", "Basic \(basic)"), UpstreamHeader("Content-Type", "application/x-www-form-urlencoded")],
            body: Data("grant_type=authorization_code&code=\(code)&redirect_uri=\(redirect)".utf8)
        ))
        return try JSONValue(parsing: token.body)
    }
}
