import CurlHTTP
import Execution
import Foundation
import Sandbox
import SQLiteStorage
import Storage
import Synchronization
import Testing
import ToolportJSON

/// Each fault the sandbox can inject produces the documented behaviour; attempt counts come from the
/// sandbox's own record of what it received.
struct RetryTests {
    /// Records the waits the executor asks for instead of sleeping.
    final class Waits: Sendable {
        private let values = Mutex<[Duration]>([])
        var all: [Duration] { values.withLock { $0 } }
        var sleep: @Sendable (Duration) async throws -> Void { { [self] duration in values.withLock { $0.append(duration) } } }
    }

    func executor(_ harness: SandboxHarness, waits: Waits) -> ToolExecutor {
        ToolExecutor(
            client: harness.client,
            credentials: StaticCredentialProvider([Credential(accountID: "ca_test", userID: "user-1", secret: .apiToken(harness.apiToken))]),
            logs: harness.database.executionLogs,
            configuration: ExecutionConfiguration(
                apiBaseOverride: harness.baseURL,
                retry: RetryPolicy(maxAttempts: 4, maxTotalWait: .seconds(30), baseDelay: .milliseconds(100), maxDelay: .seconds(2))
            ),
            sleep: waits.sleep
        )
    }

    func requests(_ harness: SandboxHarness, path: String) async -> Int {
        await harness.sandbox.recordedRequests().filter { $0.path.hasSuffix(path) }.count
    }

    /// How many requests to `path` the sandbox has recorded once `count` have arrived, or after 10 s: an attempt the
    /// client gave up on may reach the sandbox after the executor returned, when the machine is busy.
    func requests(_ harness: SandboxHarness, path: String, reaching count: Int) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(10)
        var seen = await requests(harness, path: path)
        while seen < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            seen = await requests(harness, path: path)
        }
        return seen
    }

    @Test func aBurst429IsRetriedAfterRetryAfter() async throws {
        try await SandboxHarness.run { harness in
            await harness.sandbox.setFaults([FaultRule(kind: .rateLimit(retryAfterSeconds: 2, resetSeconds: 7), pathContains: "/deals", times: 2)])
            let waits = Waits()
            let result = try await executor(harness, waits: waits).run("PIPEDRIVE_GET_ALL_DEALS", [:])
            #expect(result.successful, "\(result.error ?? "")")
            #expect(await requests(harness, path: "/deals") == 3)
            #expect(waits.all == [.seconds(2), .seconds(2)])
            let log = try await harness.database.executionLogs.record(id: result.logID)
            #expect(log?.attempts == 3)
        }
    }

    @Test func withoutRetryAfterTheRateLimitResetIsUsed() async throws {
        try await SandboxHarness.run { harness in
            await harness.sandbox.setFaults([FaultRule(kind: .rateLimit(retryAfterSeconds: nil, resetSeconds: 1), pathContains: "/deals", times: 1)])
            let waits = Waits()
            let result = try await executor(harness, waits: waits).run("PIPEDRIVE_ADD_A_DEAL", ["title": "Retried"])
            #expect(result.successful, "\(result.error ?? "")")
            #expect(waits.all == [.seconds(1)])
            #expect(await requests(harness, path: "/deals") == 2)
        }
    }

    @Test func aSpentDailyBudgetFailsAtOnce() async throws {
        try await SandboxHarness.run { harness in
            await harness.sandbox.setFaults([FaultRule(kind: .dailyBudgetExhausted)])
            let waits = Waits()
            let result = try await executor(harness, waits: waits).run("PIPEDRIVE_GET_ALL_DEALS", [:])
            #expect(!result.successful)
            #expect(result.error?.contains("daily API budget is spent") == true)
            #expect(waits.all.isEmpty)
            #expect(await requests(harness, path: "/deals") == 1)
        }
    }

    @Test func persistent429GivesUpWithinTheAttemptBudget() async throws {
        try await SandboxHarness.run { harness in
            await harness.sandbox.setFaults([FaultRule(kind: .rateLimit(retryAfterSeconds: 1, resetSeconds: nil))])
            let result = try await executor(harness, waits: Waits()).run("PIPEDRIVE_GET_ALL_DEALS", [:])
            #expect(!result.successful)
            #expect(result.error?.contains("gave up after 4 attempts") == true)
            #expect(result.data["retryable"] == true)
            #expect(await requests(harness, path: "/deals") == 4)
        }
    }

    @Test func serverErrorsAreRetriedForReadsOnly() async throws {
        try await SandboxHarness.run { harness in
            await harness.sandbox.setFaults([FaultRule(kind: .serverError, pathContains: "/deals", times: 2)])
            let read = try await executor(harness, waits: Waits()).run("PIPEDRIVE_GET_ALL_DEALS", [:])
            #expect(read.successful, "\(read.error ?? "")")
            #expect(await requests(harness, path: "/deals") == 3)

            await harness.sandbox.clearRecordedRequests()
            await harness.sandbox.setFaults([FaultRule(kind: .serverError, pathContains: "/deals")])
            let write = try await executor(harness, waits: Waits()).run("PIPEDRIVE_ADD_A_DEAL", ["title": "Once"])
            #expect(!write.successful)
            #expect(write.error?.hasPrefix("Pipedrive 500") == true)
            #expect(write.data["retryable"] == true)
            #expect(await requests(harness, path: "/deals") == 1)
        }
    }

    @Test func aResetConnectionIsRetriedForReadsButNeverAfterAPostBody() async throws {
        try await SandboxHarness.run { harness in
            await harness.sandbox.setFaults([FaultRule(kind: .connectionReset, pathContains: "/deals", times: 1)])
            let read = try await executor(harness, waits: Waits()).run("PIPEDRIVE_GET_ALL_DEALS", [:])
            #expect(read.successful, "\(read.error ?? "")")
            #expect(await requests(harness, path: "/deals") == 2)

            await harness.sandbox.clearRecordedRequests()
            await harness.sandbox.setFaults([FaultRule(kind: .connectionReset, pathContains: "/deals", times: 1)])
            let write = try await executor(harness, waits: Waits()).run("PIPEDRIVE_ADD_A_DEAL", ["title": "Not twice"])
            #expect(!write.successful)
            #expect(write.error?.hasPrefix("Could not reach Pipedrive") == true)
            #expect(await requests(harness, path: "/deals") == 1)
        }
    }

    @Test func aTruncatedAnswerIsRetriedForReadsAndReportedForWrites() async throws {
        try await SandboxHarness.run { harness in
            await harness.sandbox.setFaults([FaultRule(kind: .truncatedBody, pathContains: "/deals", times: 1)])
            let read = try await executor(harness, waits: Waits()).run("PIPEDRIVE_GET_ALL_DEALS", [:])
            #expect(read.successful, "\(read.error ?? "")")
            #expect(await requests(harness, path: "/deals") == 2)

            await harness.sandbox.clearRecordedRequests()
            await harness.sandbox.setFaults([FaultRule(kind: .truncatedBody, pathContains: "/deals", times: 1)])
            let write = try await executor(harness, waits: Waits()).run("PIPEDRIVE_ADD_A_DEAL", ["title": "Cut off"])
            #expect(!write.successful)
            #expect(write.error == "Could not reach Pipedrive: transport error: the connection closed before the whole response arrived")
            #expect(await requests(harness, path: "/deals") == 1)
        }
    }

    @Test func slowAnswersTimeOutAndAreRetriedForReadsOnly() async throws {
        try await SandboxHarness.run { harness in
            let impatient = CurlHTTPClient(allowing: .anyOrigin, configuration: .init(totalTimeout: .milliseconds(300)))
            defer { impatient.shutdown() }
            let executor = ToolExecutor(
                client: impatient,
                credentials: StaticCredentialProvider([Credential(accountID: "ca_test", userID: "user-1", secret: .apiToken(harness.apiToken))]),
                logs: harness.database.executionLogs,
                configuration: ExecutionConfiguration(apiBaseOverride: harness.baseURL, retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10))),
                sleep: Waits().sleep
            )
            await harness.sandbox.setFaults([FaultRule(kind: .latency(milliseconds: 1000), pathContains: "/deals")])
            let read = try await executor.run("PIPEDRIVE_GET_ALL_DEALS", [:])
            #expect(!read.successful)
            #expect(read.error == "Could not reach Pipedrive: timed out waiting for the response (after 3 attempts)")
            #expect(read.data["retryable"] == true)
            #expect(try await requests(harness, path: "/deals", reaching: 3) == 3)
            #expect(try await harness.database.executionLogs.record(id: read.logID)?.attempts == 3)

            await harness.sandbox.clearRecordedRequests()
            let write = try await executor.run("PIPEDRIVE_ADD_A_DEAL", ["title": "Slow"])
            #expect(write.error == "Could not reach Pipedrive: timed out waiting for the response")
            #expect(try await requests(harness, path: "/deals", reaching: 1) == 1)
            #expect(try await harness.database.executionLogs.record(id: write.logID)?.attempts == 1)
        }
    }

    @Test func nonJSONAnswersAreReportedNotCrashedOn() async throws {
        try await SandboxHarness.run { harness in
            await harness.sandbox.setFaults([FaultRule(kind: .html403, pathContains: "/deals", times: 1)])
            let html = try await executor(harness, waits: Waits()).run("PIPEDRIVE_GET_ALL_DEALS", [:])
            #expect(!html.successful)
            #expect(html.error?.hasPrefix("Pipedrive 403: non-JSON response (text/html") == true)
            #expect(html.data["status_code"] == 403)

            await harness.sandbox.setFaults([FaultRule(kind: .malformedJSON, pathContains: "/deals", times: 1)])
            let garbage = try await executor(harness, waits: Waits()).run("PIPEDRIVE_GET_ALL_DEALS", [:])
            #expect(!garbage.successful)
            #expect(garbage.error?.contains("not valid JSON") == true)
        }
    }

    @Test func aBadTokenIsReportedAsA401ThatNamesTheFix() async throws {
        try await SandboxHarness.run { harness in
            let executor = harness.executor(credentials: [Credential(accountID: "ca_bad", userID: "user-1", secret: .apiToken("wrong"))])
            let result = try await executor.run("PIPEDRIVE_GET_ALL_DEALS", [:])
            #expect(!result.successful)
            #expect(result.error?.hasPrefix("Pipedrive 401:") == true)
            #expect(result.error?.contains("reconnect Pipedrive") == true)
        }
    }

    @Test func bearerAccountsSendAuthorizationAndNeverPutTokensInTheURL() async throws {
        try await SandboxHarness.run { harness in
            let tokens = try await OAuthSteps.tokens(harness: harness)
            let access = try #require(tokens["access_token"]?.stringValue)
            await harness.sandbox.clearRecordedRequests()
            let executor = harness.executor(credentials: [Credential(accountID: "ca_oauth", userID: "user-1", secret: .bearer(access))])
            let result = try await executor.run("PIPEDRIVE_GET_CURRENT_USER_DATA", [:])
            #expect(result.successful, "\(result.error ?? "")")
            let request = try #require(await harness.sandbox.recordedRequests().last)
            #expect(request.headers["authorization"] == "Bearer \(access)")
            #expect(request.headers["x-api-token"] == nil)
            #expect(request.query["api_token"] == nil)
            let log = try #require(try await harness.database.executionLogs.record(id: result.logID))
            #expect(log.url?.contains(access) == false)
        }
    }
}
