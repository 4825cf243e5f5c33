import Catalog
import Accounts
import CurlHTTP
import Execution
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Sandbox
import Server
import SQLiteStorage
import Storage
import Testing
import ToolportJSON

/// Auth configs and connected accounts end to end: Toolport's HTTP API in front, the sandbox's OAuth
/// server and API behind.
struct AccountFlowTests {
    static let key = HTTPField.Name("x-api-key")!

    /// Toolport's router over the harness, with account-backed credentials.
    static func withToolport(
        _ harness: SandboxHarness, configuration: AccountsConfiguration? = nil,
        _ body: @escaping @Sendable (any TestClientProtocol, AccountServices) async throws -> Void
    ) async throws {
        let graph = harness.services(accounts: configuration ?? harness.accountsConfiguration())
        let accounts = graph.accounts
        let dependencies = graph.serverDependencies(catalog: EncodedCatalog(catalog: SandboxHarness.catalog), bootstrapKey: ToolportAPI.apiKey)
        let app = Application(router: buildRouter(dependencies: dependencies), logger: Logger(label: "accounts-test"))
        try await app.test(.router) { client in try await body(client, accounts) }
    }

    static func call(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, _ body: JSONValue? = nil) async throws -> (HTTPResponse.Status, JSONValue) {
        try await client.execute(uri: uri, method: method, headers: [key: ToolportAPI.apiKey], body: body.map { ByteBuffer(bytes: $0.encoded()) }) { response in
            (response.status, (try? JSONValue(parsing: Data(response.body.readableBytesView))) ?? .null)
        }
    }

    static func execute(_ client: any TestClientProtocol, _ slug: String, _ arguments: JSONValue, user: String = "user-1") async throws -> JSONValue {
        try await call(client, .post, "/api/v3.1/tools/execute/\(slug)", ["user_id": .string(user), "arguments": arguments]).1
    }

    @Test func oauthConnectExecuteRefreshOnceUnderLoadThenExpireOnRevocation() async throws {
        try await SandboxHarness.run(SandboxConfiguration(accessTokenLifetime: 2)) { harness in
            let configuration = AccountsConfiguration(publicURL: "http://127.0.0.1:8000", oauthBase: harness.baseURL, refreshMargin: .milliseconds(500))
            try await Self.withToolport(harness, configuration: configuration) { client, _ in
                let sandbox = SandboxConfiguration()
                let (created, config) = try await Self.call(client, .post, "/api/v3.1/auth_configs", [
                    "toolkit": ["slug": "PIPEDRIVE"],
                    "auth_config": ["type": "use_custom_auth", "authScheme": "OAUTH2", "credentials": [
                        "client_id": .string(sandbox.oauthClientID), "client_secret": .string(sandbox.oauthClientSecret), "scopes": ["deals:full", "base"],
                    ]],
                ])
                #expect(created == .created)
                let configID = try #require(config["auth_config"]?["id"]?.stringValue)

                let (_, initiated) = try await Self.call(client, .post, "/api/v3.1/connected_accounts", [
                    "auth_config": ["id": .string(configID)], "connection": ["user_id": "user-1", "callback_url": "https://app.example/done"],
                ])
                #expect(initiated["connectionData"]?["val"]?["status"] == "INITIATED")
                let accountID = try #require(initiated["id"]?.stringValue)
                let consent = try #require(initiated["connectionData"]?["val"]?["redirectUrl"]?.stringValue)
                #expect(consent.hasPrefix(harness.baseURL + "/oauth/authorize?client_id=\(sandbox.oauthClientID)"))
                #expect(consent.contains("redirect_uri=http://127.0.0.1:8000/api/v1/auth-apps/add") || consent.contains("redirect_uri=http%3A"))

                // The browser follows the consent URL; the sandbox approves and sends it back to Toolport.
                let approval = try await harness.client.execute(UpstreamRequest(method: "GET", url: consent))
                let back = try #require(URLComponents(string: approval.header("location") ?? ""))
                #expect(back.path == "/api/v1/auth-apps/add")
                let finished = try await client.execute(uri: back.path + "?" + (back.percentEncodedQuery ?? ""), method: .get) { response in
                    (response.status, response.headers[.location])
                }
                #expect(finished.0 == .found)
                #expect(finished.1 == "https://app.example/done?status=success&connected_account_id=\(accountID)")

                let (_, account) = try await Self.call(client, .get, "/api/v3.1/connected_accounts/\(accountID)")
                #expect(account["status"] == "ACTIVE")
                #expect(account["state"]?["val"]?["access_token"]?.stringValue?.hasPrefix("****") == true)

                let first = try await Self.execute(client, "PIPEDRIVE_GET_CURRENT_USER_DATA", [:])
                #expect(first["successful"] == true, "\(first["error"] ?? .null)")
                #expect(await harness.sandbox.recordedRequests().last?.headers["authorization"]?.hasPrefix("Bearer sbx_at_") == true)

                // The token expires; 50 concurrent calls refresh it exactly once.
                try await Task.sleep(for: .milliseconds(2100))
                let before = await harness.sandbox.tokenGrantCounts().refreshToken
                let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for index in 0..<50 {
                        group.addTask { try await Self.execute(client, "PIPEDRIVE_GET_DEAL", ["id": .integer(index + 1)])["error"]?.stringValue?.contains("401") != true }
                    }
                    var fine = 0
                    for try await ok in group where ok { fine += 1 }
                    return fine
                }
                #expect(results == 50)
                #expect(await harness.sandbox.tokenGrantCounts().refreshToken == before + 1)

                // Pipedrive revokes the grant: the next call fails telling the user to reconnect.
                await harness.sandbox.revokeAllTokens()
                let revoked = try await Self.execute(client, "PIPEDRIVE_GET_CURRENT_USER_DATA", [:])
                #expect(revoked["successful"] == false)
                #expect(revoked["error"]?.stringValue?.contains("reconnect") == true, "\(revoked["error"] ?? .null)")
                let (_, expired) = try await Self.call(client, .get, "/api/v3.1/connected_accounts/\(accountID)")
                #expect(expired["status"] == "EXPIRED")
                #expect(expired["status_reason"]?.stringValue?.contains("invalid_grant") == true)
                let again = try await Self.execute(client, "PIPEDRIVE_GET_CURRENT_USER_DATA", [:])
                #expect(again["error"]?.stringValue?.contains("EXPIRED") == true)
            }
        }
    }

    @Test func deniedConsentAndReusedStatesFailReadably() async throws {
        try await SandboxHarness.run { harness in
            try await Self.withToolport(harness) { client, accounts in
                let sandbox = SandboxConfiguration()
                let config = try await accounts.authConfigs.create(toolkitSlug: "pipedrive", options: [
                    "authScheme": "OAUTH2", "credentials": ["client_id": .string(sandbox.oauthClientID), "client_secret": .string(sandbox.oauthClientSecret)],
                ])
                let initiation = try await accounts.connections.initiate(authConfigID: config.id, userID: "user-1", state: nil, callbackURL: nil, alias: nil)
                let state = try #require(URLComponents(string: initiation.redirectURL ?? "")?.queryItems?.first { $0.name == "state" }?.value)
                try await client.execute(uri: "/api/v1/auth-apps/add?error=access_denied&state=\(state)", method: .get) { response in
                    #expect(response.status == .badRequest)
                    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                    #expect(String(buffer: response.body).contains("declined consent"))
                }
                let account = try await accounts.connections.get(id: initiation.account.id)
                #expect(account.status == .failed)
                #expect(account.statusReason == "the user declined consent")
                try await client.execute(uri: "/api/v1/auth-apps/add?code=abc&state=\(state)", method: .get) { response in
                    #expect(String(buffer: response.body).contains("expired or was already used"))
                }
                try await client.execute(uri: "/api/v1/auth-apps/add?code=abc&state=forged", method: .get) { response in
                    #expect(response.status == .badRequest)
                }
            }
        }
    }

    @Test func bearerAndAPIKeyAccountsAreActiveAtOnceAndCallWithTheirToken() async throws {
        try await SandboxHarness.run { harness in
            try await Self.withToolport(harness) { client, _ in
                let (_, bearerConfig) = try await Self.call(client, .post, "/api/v3.1/auth_configs", [
                    "toolkit": ["slug": "PIPEDRIVE"], "auth_config": ["type": "use_custom_auth", "authScheme": "BEARER_TOKEN", "name": "pd bearer", "credentials": [:]],
                ])
                let bearerID = try #require(bearerConfig["auth_config"]?["id"]?.stringValue)
                // The seed's snippet passes the token itself as `val`.
                let (_, bearer) = try await Self.call(client, .post, "/api/v3.1/connected_accounts", [
                    "auth_config": ["id": .string(bearerID)],
                    "connection": ["user_id": "user-b", "state": ["authScheme": "BEARER_TOKEN", "val": .string(harness.apiToken)]],
                ])
                #expect(bearer["status"] == "ACTIVE")
                #expect(bearer["connectionData"]?["val"]?["status"] == "ACTIVE")
                let viaBearer = try await Self.execute(client, "PIPEDRIVE_GET_CURRENT_USER_DATA", [:], user: "user-b")
                #expect(viaBearer["successful"] == true, "\(viaBearer["error"] ?? .null)")
                #expect(await harness.sandbox.recordedRequests().last?.headers["authorization"] == "Bearer \(harness.apiToken)")

                let (_, keyConfig) = try await Self.call(client, .post, "/api/v3.1/auth_configs", [
                    "toolkit": ["slug": "pipedrive"], "auth_config": ["type": "use_custom_auth", "authScheme": "API_KEY"],
                ])
                let keyID = try #require(keyConfig["auth_config"]?["id"]?.stringValue)
                let (_, keyed) = try await Self.call(client, .post, "/api/v3.1/connected_accounts", [
                    "auth_config": ["id": .string(keyID)],
                    "connection": ["user_id": "user-k", "state": ["authScheme": "API_KEY", "val": ["status": "ACTIVE", "generic_api_key": .string(harness.apiToken), "subdomain": "acme"]]],
                ])
                #expect(keyed["status"] == "ACTIVE")
                let viaKey = try await Self.execute(client, "PIPEDRIVE_GET_ALL_DEALS", [:], user: "user-k")
                #expect(viaKey["successful"] == true, "\(viaKey["error"] ?? .null)")
                #expect(await harness.sandbox.recordedRequests().last?.headers["x-api-token"] == harness.apiToken)

                // Isolation: user-b cannot reach user-k's account, even naming it.
                let keyedID = try #require(keyed["id"]?.stringValue)
                let stolen = try await Self.call(client, .post, "/api/v3.1/tools/execute/PIPEDRIVE_GET_ALL_DEALS", [
                    "user_id": "user-b", "connected_account_id": .string(keyedID), "arguments": [:],
                ]).1
                #expect(stolen["successful"] == false)
                #expect(stolen["error"]?.stringValue?.contains("does not belong to user user-b") == true)
                let nobody = try await Self.execute(client, "PIPEDRIVE_GET_ALL_DEALS", [:], user: "user-x")
                #expect(nobody["error"]?.stringValue?.contains("no active Pipedrive connection") == true)
            }
        }
    }
}
