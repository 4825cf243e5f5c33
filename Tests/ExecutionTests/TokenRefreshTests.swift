import Accounts
import Catalog
import CurlHTTP
import Execution
import Foundation
import Storage
import Synchronization
import Testing
import ToolportJSON

/// Token refresh rules that the sandbox (which always rotates refresh tokens) cannot show.
struct TokenRefreshTests {
    /// A token endpoint that answers every refresh with a new access token and no refresh token.
    final class NoRotationTokenEndpoint: HTTPClient {
        let grants = Mutex(0)

        func execute(_ request: CurlHTTP.HTTPRequest) async throws(HTTPClientError) -> CurlHTTP.HTTPResponse {
            let count = grants.withLock { value in
                value += 1
                return value
            }
            return CurlHTTP.HTTPResponse(
                status: 200, headers: [HTTPHeader("content-type", "application/json")],
                body: Data(#"{"access_token":"at-new-\#(count)","token_type":"Bearer","expires_in":3600,"api_domain":"https://acme.pipedrive.com"}"#.utf8)
            )
        }
    }

    @Test func aRefreshWithoutARefreshTokenKeepsTheOldOne() async throws {
        let database = try SQLiteStorage.inMemory()
        let endpoint = NoRotationTokenEndpoint()
        let accounts = AccountServices(
            database: database, box: SandboxHarness.box, toolkit: SandboxHarness.catalog.toolkit, client: endpoint,
            configuration: AccountsConfiguration(oauthBase: "https://oauth.example")
        )
        let config = try await accounts.authConfigs.create(toolkitSlug: "pipedrive", options: [
            "authScheme": "OAUTH2", "credentials": ["client_id": "cid", "client_secret": "csecret"],
        ])
        let initiation = try await accounts.connections.initiate(
            authConfigID: config.id, userID: "user-1",
            state: ["authScheme": "OAUTH2", "val": ["access_token": "at-old", "refresh_token": "rt-old", "expires_in": 10]],
            callbackURL: nil, alias: nil
        )
        let credential = try await accounts.credentials.credential(for: AccountSelector(userID: "user-1", connectedAccountID: nil))
        #expect(credential.secret == .bearer("at-new-1"))
        #expect(credential.apiBase == "https://acme.pipedrive.com")
        #expect(credential.oauthClient == Credential.OAuthClient(clientID: "cid", clientSecret: "csecret"))
        let stored = try await accounts.connections.get(id: initiation.account.id)
        #expect(stored.secrets["refresh_token"] == "rt-old")
        #expect(stored.secrets["access_token"] == "at-new-1")
        // Fresh now: the next call does not refresh again.
        _ = try await accounts.credentials.credential(for: AccountSelector(userID: "user-1", connectedAccountID: nil))
        #expect(endpoint.grants.withLock { $0 } == 1)
    }

    @Test func expiredConnectLinksAreRefused() async throws {
        let database = try SQLiteStorage.inMemory()
        let accounts = AccountServices(
            database: database, box: SandboxHarness.box, toolkit: SandboxHarness.catalog.toolkit, client: NoRotationTokenEndpoint(),
            configuration: AccountsConfiguration(linkLifetime: .milliseconds(50))
        )
        let config = try await accounts.authConfigs.create(toolkitSlug: "pipedrive", options: ["authScheme": "API_KEY"])
        let link = try await accounts.links.create(authConfigID: config.id, userID: "user-1", callbackURL: nil, alias: nil)
        try await Task.sleep(for: .milliseconds(120))
        #expect(await accounts.links.open(token: link.token) == ConnectLinkService.expired)
        #expect(await accounts.links.submit(token: link.token, csrfToken: "x", apiToken: "t", subdomain: "") == ConnectLinkService.expired)
    }
}
