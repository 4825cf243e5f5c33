import Accounts
import Catalog
import CurlHTTP
import Execution
import Foundation
import Sandbox
import Server
import SQLiteStorage
import Storage
import Synchronization
import Testing
import ToolportJSON

/// Proxy calls go through the executor's path: the account's token, the retry policy, token refresh and
/// the execution log.
struct ProxyExecutionTests {
    static let fastRetries = RetryPolicy(maxAttempts: 4, maxTotalWait: .seconds(5), baseDelay: .milliseconds(10), maxDelay: .milliseconds(50))

    func executor(_ harness: SandboxHarness) -> ToolExecutor {
        harness.executor(retry: Self.fastRetries)
    }

    @Test func aReadReachesPipedriveWithTheAccountsTokenAndIsLogged() async throws {
        try await SandboxHarness.run { harness in
            let proxy = try ProxyRequest(method: "GET", endpoint: "/v1/deals?limit=2", parameters: [.init(name: "X-Trace", value: "t-1", location: .header)])
            let result = await executor(harness).proxy(proxy, selector: AccountSelector(userID: "user-1", connectedAccountID: nil))
            guard case .answered(let answer, let note) = result.outcome else { Issue.record("not answered: \(result.outcome)"); return }
            #expect(answer.status == 200 && note == nil)
            #expect(answer.data?["success"] == true)
            #expect(answer.headers["content-type"]?.contains("json") == true)
            let sent = try #require(await harness.sandbox.recordedRequests().last)
            #expect(sent.path == "/api/v1/deals" && sent.query["limit"] == "2")
            #expect(sent.headers["x-api-token"] == harness.apiToken && sent.headers["x-trace"] == "t-1")
            let log = try #require(try await harness.database.executionLogs.record(id: result.logID))
            #expect(log.toolSlug == ProxyRequest.logSlug && log.connectedAccountID == "ca_test" && log.userID == "user-1")
            #expect(log.method == "GET" && log.url == harness.baseURL + "/api/v1/deals" && log.statusCode == 200 && log.successful)
        }
    }

    @Test func aGETIsRetriedAfterA5xxAndAPOSTIsNot() async throws {
        try await SandboxHarness.run { harness in
            await harness.sandbox.setFaults([FaultRule(kind: .serverError, pathContains: "/deals", times: 1)])
            let read = await executor(harness).proxy(try ProxyRequest(method: "GET", endpoint: "deals"), selector: .init(userID: "user-1", connectedAccountID: nil))
            guard case .answered(let answer, _) = read.outcome else { Issue.record("not answered"); return }
            #expect(answer.status == 200)
            #expect(try await harness.database.executionLogs.record(id: read.logID)?.attempts == 2)

            await harness.sandbox.setFaults([FaultRule(kind: .serverError, pathContains: "/deals", times: 1)])
            let write = await executor(harness).proxy(
                try ProxyRequest(method: "POST", endpoint: "/api/v2/deals", body: ["title": "Once"]), selector: .init(userID: "user-1", connectedAccountID: nil)
            )
            guard case .answered(let failed, let note) = write.outcome else { Issue.record("not answered"); return }
            #expect(failed.status == 500)
            #expect(note?.hasPrefix("Pipedrive 500") == true)
            let log = try await harness.database.executionLogs.record(id: write.logID)
            #expect(log?.attempts == 1 && log?.successful == false)
        }
    }

    @Test func aCredentialGivenWithTheCallIsUsedOnceAndNeverTiedToAnAccount() async throws {
        try await SandboxHarness.run { harness in
            let supplied = Credential(accountID: nil, userID: "someone", secret: .bearer(harness.apiToken))
            let result = await executor(harness).proxy(
                try ProxyRequest(method: "GET", endpoint: "/v1/users/me"), selector: .init(userID: "someone", connectedAccountID: nil), credential: supplied
            )
            guard case .answered(let answer, _) = result.outcome else { Issue.record("not answered"); return }
            #expect(answer.status == 200)
            #expect(await harness.sandbox.recordedRequests().last?.headers["authorization"] == "Bearer \(harness.apiToken)")
            let log = try await harness.database.executionLogs.record(id: result.logID)
            #expect(log?.connectedAccountID == nil && log?.userID == "someone")

            let refused = await executor(harness).proxy(
                try ProxyRequest(method: "GET", endpoint: "/v1/users/me"), selector: .init(userID: "someone", connectedAccountID: nil),
                credential: Credential(accountID: nil, userID: "someone", secret: .apiToken("not-a-token"))
            )
            guard case .answered(let rejected, _) = refused.outcome else { Issue.record("not answered"); return }
            #expect(rejected.status == 401)
            #expect(try await harness.database.executionLogs.record(id: refused.logID)?.attempts == 1, "a per-call token is never refreshed")
        }
    }

    @Test func anotherHostIsRefusedBeforeAnythingIsSent() async throws {
        try await SandboxHarness.run { harness in
            let before = await harness.sandbox.recordedRequests().count
            let result = await executor(harness).proxy(
                try ProxyRequest(method: "GET", endpoint: "https://evil.example.com/v1/deals"), selector: .init(userID: "user-1", connectedAccountID: nil)
            )
            #expect(result.outcome == .invalid(.otherHost("https://evil.example.com")))
            #expect(await harness.sandbox.recordedRequests().count == before)
            let log = try await harness.database.executionLogs.record(id: result.logID)
            #expect(log?.successful == false && log?.attempts == 0 && log?.error?.contains("evil.example.com") == true)

            let nobody = await executor(harness).proxy(try ProxyRequest(method: "GET", endpoint: "deals"), selector: .init(userID: "nobody", connectedAccountID: nil))
            #expect(nobody.outcome == .noCredential(.noActiveAccount(userID: "nobody")))
        }
    }

    /// Pipedrive scripted: the first API call answers 401, the token endpoint issues `at-new`, and calls with it succeed.
    final class ExpiringToken: UpstreamClient {
        let sent = Mutex<[UpstreamRequest]>([])

        func execute(_ request: UpstreamRequest) async throws(UpstreamError) -> UpstreamResponse {
            sent.withLock { $0.append(request) }
            let json = [UpstreamHeader("content-type", "application/json")]
            if request.url.hasSuffix("/oauth/token") {
                return UpstreamResponse(status: 200, headers: json, body: Data(#"{"access_token":"at-new","refresh_token":"rt-new","expires_in":3600}"#.utf8))
            }
            if request.headers.contains(UpstreamHeader("Authorization", "Bearer at-new")) {
                return UpstreamResponse(status: 200, headers: json, body: Data(#"{"success":true,"data":[]}"#.utf8))
            }
            return UpstreamResponse(status: 401, headers: json, body: Data(#"{"success":false,"error":"unauthorized access"}"#.utf8))
        }
    }

    @Test func anOAuthTokenRejectedMidCallIsRefreshedAndTheRequestSentAgain() async throws {
        let pipedrive = ExpiringToken()
        let services = ServiceGraph(
            storage: try SQLiteStorage.inMemory(), box: SandboxHarness.box, toolkit: SandboxHarness.catalog.toolkit, client: pipedrive,
            accounts: AccountsConfiguration(oauthBase: "https://oauth.pipedrive.com")
        )
        let config = try await services.accounts.authConfigs.create(toolkitSlug: "pipedrive", options: [
            "authScheme": "OAUTH2", "credentials": ["client_id": "cid", "client_secret": "csecret"],
        ])
        _ = try await services.accounts.connections.initiate(
            authConfigID: config.id, userID: "user-1",
            state: ["authScheme": "OAUTH2", "val": ["access_token": "at-old", "refresh_token": "rt-old", "expires_in": 3600]],
            callbackURL: nil, alias: nil
        )
        let result = await services.executor.proxy(try ProxyRequest(method: "GET", endpoint: "/v2/deals"), selector: .init(userID: "user-1", connectedAccountID: nil))
        guard case .answered(let answer, _) = result.outcome else { Issue.record("not answered: \(result.outcome)"); return }
        #expect(answer.status == 200)
        let urls = pipedrive.sent.withLock { $0.map(\.url) }
        #expect(urls == ["https://api.pipedrive.com/api/v2/deals", "https://oauth.pipedrive.com/oauth/token", "https://api.pipedrive.com/api/v2/deals"])
    }
}
