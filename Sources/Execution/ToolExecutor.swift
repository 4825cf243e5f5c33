public import Catalog
public import CurlHTTP
import Foundation
public import Logging
import ProviderFormats
public import Storage
public import ToolportJSON
import Validation

/// Runs one tool call: validate, resolve the account, build the request, send it (with retries),
/// and return Composio's envelope. Tool failures never throw: they come back as `successful: false`.
///
/// ```swift
/// let executor = ToolExecutor(client: curl, credentials: accounts, logs: database.executionLogs)
/// let result = await executor.execute(tool: tool, arguments: ["title": "Big deal"], selector: .init(userID: "u1", connectedAccountID: nil))
/// ```
public struct ToolExecutor: Sendable {
    let client: any UpstreamClient
    let credentials: any CredentialProvider
    let logs: any ExecutionLogStore
    let configuration: ExecutionConfiguration
    let logger: Logger
    let sleep: @Sendable (Duration) async throws -> Void

    /// - Parameters:
    ///   - sleep: how the executor waits between attempts (tests may record instead of sleeping).
    public init(
        client: any UpstreamClient,
        credentials: any CredentialProvider,
        logs: any ExecutionLogStore,
        configuration: ExecutionConfiguration = ExecutionConfiguration(),
        logger: Logger = Logger(label: "toolport.execution"),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.client = client
        self.credentials = credentials
        self.logs = logs
        self.configuration = configuration
        self.logger = logger
        self.sleep = sleep
    }

    /// Executes `tool` with `arguments` for the account `selector` picks.
    /// - Parameter dryRun: validate, resolve the account and build the request, but send nothing: the
    ///   answer's `data` is the request (`{dry_run, method, url, headers, body}`, secrets masked).
    public func execute(tool: Tool, arguments: JSONValue, selector: AccountSelector, dryRun: Bool = false) async -> ExecutionResult {
        let logID = Self.newLogID()
        let started = ContinuousClock.now
        var trace = Trace(accountID: selector.connectedAccountID, userID: selector.userID)
        let outcome = await run(tool: tool, arguments: arguments, selector: selector, dryRun: dryRun, trace: &trace)
        let elapsed = ContinuousClock.now - started
        let result = ExecutionResult(data: outcome.data, error: outcome.error, successful: outcome.successful, logID: logID)
        let record = ExecutionLogRecord(
            id: logID, toolSlug: tool.slug, connectedAccountID: trace.accountID, userID: trace.userID, method: trace.method,
            url: trace.url, statusCode: trace.statusCode, successful: outcome.successful,
            durationMilliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
            attempts: trace.attempts, error: outcome.error, createdAt: Date(), dryRun: dryRun
        )
        do {
            try await logs.insert(record)
        } catch {
            logger.warning("could not store an execution log", metadata: ["log_id": "\(logID)", "error": "\(error)"])
        }
        return result
    }

    /// What the log keeps about a call as it goes.
    private struct Trace {
        var accountID: String?
        var userID: String?
        var method: String?
        var url: String?
        var statusCode: Int?
        var attempts = 0
    }

    private func run(
        tool: Tool, arguments given: JSONValue, selector: AccountSelector, dryRun: Bool, trace: inout Trace
    ) async -> ResponseInterpreter.Outcome {
        // Arguments made for a strict or Gemini variant carry nulls for omitted optionals: map them back.
        let arguments = ArgumentNormalizer.normalize(given, for: tool)
        guard case .object(let members) = arguments else {
            return Self.failure("Invalid arguments: expected a JSON object, got \(arguments.briefDescription)")
        }
        let issues = tool.inputSchema.validate(arguments)
        guard issues.isEmpty else {
            let error = ExecutionError.invalidArguments(issues.map(\.description))
            return Self.failure(error.description, extra: ["errors": .array(issues.map { .string($0.description) })])
        }
        var credential: Credential
        do {
            credential = try await credentials.credential(for: selector)
        } catch {
            return Self.failure(error.description, extra: ["retryable": .bool(error.isTransient)])
        }
        trace.accountID = credential.accountID
        trace.userID = credential.userID
        if !credential.mayRun(tool.slug), let allowed = credential.allowedTools {
            let config = credential.authConfigID.map { "auth config \($0)" } ?? "the account's auth config"
            return Self.failure(
                "Tool \(tool.slug) is not available for execution with \(config): its tool_access_config.tools_available_for_execution "
                    + "allows only \(allowed.joined(separator: ", ")). An admin can add it with PATCH /api/v3.1/auth_configs/{id}.",
                extra: ["retryable": false]
            )
        }

        let builder = RequestBuilder(configuration: configuration)
        var request: UpstreamRequest
        do {
            let built = try builder.request(for: tool, arguments: members, credential: credential)
            request = built.0
            trace.method = request.method
            trace.url = built.logURL
        } catch {
            return Self.failure(error.description)
        }
        if dryRun {
            return ResponseInterpreter.Outcome(data: DryRun.describe(request), error: nil, successful: true)
        }

        let policy = configuration.retry
        var waited = Duration.zero
        var refreshed = false
        var renewedByRefresh = false
        while true {
            trace.attempts += 1
            let attempt = trace.attempts
            let response: UpstreamResponse
            do {
                response = try await client.execute(request)
            } catch {
                let retryable = error != .cancelled && !error.isRefusal && (RetryPolicy.isIdempotentForRetry(request.method) || error.nothingWasSent)
                if retryable, case .wait(let delay) = nextStep(after: attempt, wait: policy.backoff(after: attempt), waited: waited) {
                    guard await pause(delay, waited: &waited) else { return Self.cancelled() }
                    continue
                }
                return Self.failure(
                    "Could not reach Pipedrive: \(error)" + (attempt > 1 ? " (after \(attempt) attempts)" : ""),
                    extra: ["retryable": .bool(Self.isTransient(error))]
                )
            }
            trace.statusCode = response.status

            // A 401 from Pipedrive's API says the account's token was refused; one from the OAuth server
            // answers the tool's own arguments (its client credentials or grant) and changes no account.
            if response.status == 401, tool.binding(for: configuration.api).server == .api {
                if !refreshed {
                    refreshed = true
                    do {
                        if let renewed = try await credentials.refresh(after: credential) {
                            credential = renewed
                            request = (try? builder.request(for: tool, arguments: members, credential: renewed).0) ?? request
                            renewedByRefresh = true
                            continue
                        }
                    } catch {
                        return Self.failure(error.description, extra: ["status_code": 401, "retryable": false])
                    }
                }
                var outcome = ResponseInterpreter.interpret(response, binding: tool.binding(for: configuration.api))
                if let note = await credentials.rejected(credential, afterRefresh: renewedByRefresh) {
                    outcome.error = (outcome.error.map { $0 + ". " } ?? "") + note
                }
                return outcome
            }
            if response.status == 429 {
                if response.header("x-daily-ratelimit-token-remaining") == "0" {
                    var outcome = ResponseInterpreter.interpret(response, binding: tool.binding(for: configuration.api))
                    outcome.error = "Pipedrive 429: the company's daily API budget is spent (x-daily-ratelimit-token-remaining: 0); "
                        + "it resets at midnight, company time. Retrying now cannot succeed."
                    return outcome
                }
                let wait = Self.retryAfter(response) ?? policy.backoff(after: attempt)
                switch nextStep(after: attempt, wait: wait, waited: waited) {
                case .wait(let delay):
                    guard await pause(delay, waited: &waited) else { return Self.cancelled() }
                    continue
                case .stop:
                    var outcome = ResponseInterpreter.interpret(response, binding: tool.binding(for: configuration.api))
                    outcome.error = (outcome.error ?? "Pipedrive 429") + " (rate limited; gave up after \(attempt) attempts)"
                    return outcome
                }
            }
            if response.status >= 500, RetryPolicy.isIdempotentForRetry(request.method),
                case .wait(let delay) = nextStep(after: attempt, wait: policy.backoff(after: attempt), waited: waited)
            {
                guard await pause(delay, waited: &waited) else { return Self.cancelled() }
                continue
            }
            var outcome = ResponseInterpreter.interpret(response, binding: tool.binding(for: configuration.api))
            if !outcome.successful, attempt > 1, let error = outcome.error {
                outcome.error = error + " (after \(attempt) attempts)"
            }
            return outcome
        }
    }

    private enum Step {
        case wait(Duration)
        case stop
    }

    private func nextStep(after attempt: Int, wait: Duration, waited: Duration) -> Step {
        let policy = configuration.retry
        guard attempt < policy.maxAttempts, waited + wait <= policy.maxTotalWait else { return .stop }
        return .wait(wait)
    }

    /// Sleeps `delay`; false when the caller went away meanwhile.
    private func pause(_ delay: Duration, waited: inout Duration) async -> Bool {
        waited += delay
        do {
            try await sleep(delay)
            return !Task.isCancelled
        } catch {
            return false
        }
    }

    /// `Retry-After` (seconds or an HTTP date), else `x-ratelimit-reset` (seconds).
    static func retryAfter(_ response: UpstreamResponse) -> Duration? {
        if let value = response.header("retry-after") {
            if let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 {
                return .milliseconds(Int(seconds * 1000))
            }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            if let date = formatter.date(from: value) {
                return .milliseconds(max(0, Int(date.timeIntervalSinceNow * 1000)))
            }
        }
        if let value = response.header("x-ratelimit-reset"), let seconds = Double(value), seconds >= 0 {
            return .milliseconds(Int(seconds * 1000))
        }
        return nil
    }

    /// Whether the same call might succeed later (a timeout or dropped connection, not a size cap).
    private static func isTransient(_ error: UpstreamError) -> Bool {
        switch error {
        case .responseTooLarge, .invalidURL, .refused, .cancelled: false
        default: true
        }
    }

    private static func failure(_ message: String, extra: [String: JSONValue] = [:]) -> ResponseInterpreter.Outcome {
        var data: [String: JSONValue] = ["message": .string(message)]
        data.merge(extra) { _, new in new }
        return ResponseInterpreter.Outcome(data: .object(data), error: message, successful: false)
    }

    private static func cancelled() -> ResponseInterpreter.Outcome {
        failure("The call was cancelled before Pipedrive answered.")
    }

    /// `log_` and 96 random bits, URL-safe.
    static func newLogID() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return "log_" + String((0..<20).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
