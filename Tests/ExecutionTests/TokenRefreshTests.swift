import Accounts
import Catalog
import CurlHTTP
import Execution
import Foundation
import Server
import SQLiteStorage
import Storage
import Synchronization
import Testing
import ToolportJSON

/// Token refresh rules that the sandbox (which always rotates refresh tokens) cannot show.
struct TokenRefreshTests {
    /// A token endpoint that answers every refresh with a new access token and no refresh token.
    final class NoRotationTokenEndpoint: UpstreamClient {
        let grants = Mutex(0)

        func execute(_ request: UpstreamRequest) async throws(UpstreamError) -> UpstreamResponse {
            let count = grants.withLock { value in
                value += 1
                return value
            }
            return UpstreamResponse(
                status: 200, headers: [UpstreamHeader("content-type", "application/json")],
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
        #expect(stored.secrets.refreshToken == "rt-old")
        #expect(stored.secrets.accessToken == "at-new-1")
        // Fresh now: the next call does not refresh again.
        _ = try await accounts.credentials.credential(for: AccountSelector(userID: "user-1", connectedAccountID: nil))
        #expect(endpoint.grants.withLock { $0 } == 1)
    }

    /// Pipedrive as scripted: the token endpoint issues `at-new` with `apiDomain`; every API call answers 401.
    final class RejectingPipedrive: UpstreamClient {
        let apiDomain: String
        let apiCalls = Mutex<[String]>([])

        init(apiDomain: String) {
            self.apiDomain = apiDomain
        }

        func execute(_ request: UpstreamRequest) async throws(UpstreamError) -> UpstreamResponse {
            if request.url.hasSuffix("/oauth/token") {
                return UpstreamResponse(
                    status: 200, headers: [UpstreamHeader("content-type", "application/json")],
                    body: Data(#"{"access_token":"at-new","refresh_token":"rt-new","expires_in":3600,"api_domain":"\#(apiDomain)"}"#.utf8)
                )
            }
            apiCalls.withLock { $0.append(request.url) }
            return UpstreamResponse(status: 401, headers: [UpstreamHeader("content-type", "application/json")],
                                         body: Data(#"{"success":false,"error":"unauthorized access","errorCode":401}"#.utf8))
        }
    }

    /// Account services over a fresh database that reach `pipedrive`, and an OAuth account of theirs whose
    /// access token is due, so the next call refreshes first.
    static func dueOAuthAccount(talkingTo pipedrive: RejectingPipedrive) async throws -> (ServiceGraph, String) {
        let services = ServiceGraph(
            storage: try SQLiteStorage.inMemory(), box: SandboxHarness.box, toolkit: SandboxHarness.catalog.toolkit, client: pipedrive,
            accounts: AccountsConfiguration(oauthBase: "https://oauth.pipedrive.com"), executionLogs: DiscardingLogs()
        )
        let accounts = services.accounts
        let config = try await accounts.authConfigs.create(toolkitSlug: "pipedrive", options: [
            "authScheme": "OAUTH2", "credentials": ["client_id": "cid", "client_secret": "csecret"],
        ])
        let account = try await accounts.connections.initiate(
            authConfigID: config.id, userID: "user-1",
            state: ["authScheme": "OAUTH2", "val": ["access_token": "at-old", "refresh_token": "rt-old", "expires_in": 10]],
            callbackURL: nil, alias: nil
        ).account.id
        return (services, account)
    }

    @Test func aRefreshNamingAForeignAPIDomainFailsTheAccountBeforeAnyCall() async throws {
        let pipedrive = RejectingPipedrive(apiDomain: "https://evil.example")
        let (services, account) = try await Self.dueOAuthAccount(talkingTo: pipedrive)
        let accounts = services.accounts
        await #expect(throws: CredentialError.self) {
            try await accounts.credentials.credential(for: AccountSelector(userID: "user-1", connectedAccountID: nil))
        }
        let stored = try await accounts.connections.get(id: account)
        #expect(stored.status == .failed)
        #expect(stored.statusReason?.contains("https://evil.example") == true)
        #expect(stored.apiDomain == nil, "the foreign domain was stored")
        #expect(pipedrive.apiCalls.withLock { $0 }.isEmpty)
    }

    @Test func aTokenRejectedRightAfterARefreshExpiresTheAccount() async throws {
        let pipedrive = RejectingPipedrive(apiDomain: "https://acme.pipedrive.com")
        let (services, account) = try await Self.dueOAuthAccount(talkingTo: pipedrive)
        let accounts = services.accounts
        let executor = services.executor
        let tool = try #require(SandboxHarness.catalog.tool(named: "PIPEDRIVE_GET_CURRENT_USER_DATA"))
        let result = await executor.execute(tool: tool, arguments: [:], selector: AccountSelector(userID: "user-1", connectedAccountID: nil))
        #expect(!result.successful)
        #expect(result.error?.contains(account) == true)
        let stored = try await accounts.connections.get(id: account)
        #expect(stored.status == .expired)
        #expect(stored.statusReason?.contains("just issued by refresh (401)") == true)
        // The call, refreshed once more after its 401 and sent again: two requests, both to the token's api_domain.
        #expect(pipedrive.apiCalls.withLock { $0 } == Array(repeating: "https://acme.pipedrive.com/api/v1/users/me", count: 2))

        // The next call stops before Pipedrive.
        let next = await executor.execute(tool: tool, arguments: [:], selector: AccountSelector(userID: "user-1", connectedAccountID: nil))
        #expect(!next.successful)
        #expect(pipedrive.apiCalls.withLock { $0 }.count == 2)
    }

    /// Execution logs that are not kept.
    struct DiscardingLogs: ExecutionLogStore {
        func insert(_ record: ExecutionLogRecord) async throws(StorageError) {}
        func record(id: String) async throws(StorageError) -> ExecutionLogRecord? { nil }
        func search(_ query: ExecutionLogQuery) async throws(StorageError) -> [ExecutionLogRecord] { [] }
        func deleteOlder(than date: Date) async throws(StorageError) -> Int { 0 }
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
