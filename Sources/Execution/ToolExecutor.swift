public import Catalog
public import CurlHTTP
import Foundation
public import Logging
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
        let call: PreparedCall
        switch await prepare(tool: tool, arguments: given, selector: selector, trace: &trace) {
        case .success(let prepared): call = prepared
        case .failure(let refusal): return refusal.outcome
        }
        if dryRun {
            return ResponseInterpreter.Outcome(data: DryRun.describe(call.request), error: nil, successful: true)
        }
        return await send(call, trace: &trace)
    }

    /// Why a call stopped before anything was sent.
    private struct Refusal: Error {
        let outcome: ResponseInterpreter.Outcome
    }

    /// Normalises and validates the arguments, resolves the account, checks the tool is allowed for it
    /// and builds the request.
    private func prepare(
        tool: Tool, arguments given: JSONValue, selector: AccountSelector, trace: inout Trace
    ) async -> Result<PreparedCall, Refusal> {
        // Arguments made against a shaped schema (strict, Gemini) carry nulls for omitted optionals, string
        // enums and the custom_fields list: map them back.
        let arguments: JSONValue
        do {
            arguments = try ArgumentNormalizer.normalize(given, for: tool)
        } catch {
            guard case .invalidArguments(let issues) = error else { return .failure(Refusal(outcome: Self.failure(error.description))) }
            return .failure(Refusal(outcome: Self.failure(error.description, extra: ["errors": .array(issues.map(JSONValue.string))])))
        }
        guard case .object(let members) = arguments else {
            return .failure(Refusal(outcome: Self.failure("Invalid arguments: expected a JSON object, got \(arguments.briefDescription)")))
        }
        let issues = tool.inputSchema.validate(arguments)
        guard issues.isEmpty else {
            let error = ExecutionError.invalidArguments(issues.map(\.description))
            return .failure(Refusal(outcome: Self.failure(error.description, extra: ["errors": .array(issues.map { .string($0.description) })])))
        }
        let credential: Credential
        do {
            credential = try await credentials.credential(for: selector)
        } catch {
            return .failure(Refusal(outcome: Self.failure(error.description, extra: ["retryable": .bool(error.isTransient)])))
        }
        trace.accountID = credential.accountID
        trace.userID = credential.userID
        if !credential.mayRun(tool.slug), let allowed = credential.allowedTools {
            let config = credential.authConfigID.map { "auth config \($0)" } ?? "the account's auth config"
            return .failure(Refusal(outcome: Self.failure(
                "Tool \(tool.slug) is not available for execution with \(config): its tool_access_config.tools_available_for_execution "
                    + "allows only \(allowed.joined(separator: ", ")). An admin can add it with PATCH /api/v3.1/auth_configs/{id}.",
                extra: ["retryable": false]
            )))
        }
        do {
            let call = try PreparedCall(tool: tool, arguments: members, credential: credential, configuration: configuration)
            trace.method = call.request.method
            trace.url = call.built.logURL
            return .success(call)
        } catch {
            return .failure(Refusal(outcome: Self.failure(error.description)))
        }
    }

    /// Sends `call` and carries out what `RetryPolicy` decides after each attempt.
    private func send(_ prepared: PreparedCall, trace: inout Trace) async -> ResponseInterpreter.Outcome {
        var call = prepared
        let policy = configuration.retry
        var state = RetryPolicy.State(attempts: 0, method: call.request.method, server: call.binding.server)
        var renewedByRefresh = false
        while true {
            state.attempts += 1
            trace.attempts = state.attempts
            let attempt: RetryPolicy.Attempt
            do {
                let response = try await client.execute(call.request)
                trace.statusCode = response.status
                attempt = .response(response)
            } catch {
                attempt = .failure(error)
            }
            switch policy.nextStep(after: attempt, state: state, jitter: Double.random(in: 0...1), now: Date()) {
            case .resend(let delay):
                state.waited += delay
                guard await pause(delay) else { return Self.cancelled() }
            case .refreshAndResend:
                state.refreshed = true
                do {
                    guard let renewed = try await credentials.refresh(after: call.credential) else {
                        return await rejected(attempt, call: call, afterRefresh: false)
                    }
                    try call.renew(with: renewed)
                    renewedByRefresh = true
                } catch let error as ExecutionError {
                    return Self.failure("The token was refreshed but the request could not be built with it: \(error)", extra: ["retryable": false])
                } catch {
                    return Self.failure("\(error)", extra: ["status_code": 401, "retryable": false])
                }
            case .stop(let stop):
                return await finish(stop, attempt: attempt, call: call, attempts: state.attempts, renewedByRefresh: renewedByRefresh)
            }
        }
    }

    /// The outcome of a call that stopped with `stop` after `attempt`.
    private func finish(
        _ stop: RetryPolicy.Stop, attempt: RetryPolicy.Attempt, call: PreparedCall, attempts: Int, renewedByRefresh: Bool
    ) async -> ResponseInterpreter.Outcome {
        guard case .response(let response) = attempt else {
            guard case .unreachable(let error) = stop else { return Self.cancelled() }
            if error == .cancelled { return Self.cancelled() }
            return Self.failure(
                "Could not reach Pipedrive: \(error)" + (attempts > 1 ? " (after \(attempts) attempts)" : ""),
                extra: ["retryable": .bool(Self.isTransient(error))]
            )
        }
        var outcome = ResponseInterpreter.interpret(response, binding: call.binding)
        switch stop {
        case .tokenRejected:
            return await rejected(attempt, call: call, afterRefresh: renewedByRefresh)
        case .dailyBudgetSpent:
            outcome.error = "Pipedrive 429: the company's daily API budget is spent (x-daily-ratelimit-token-remaining: 0); "
                + "it resets at midnight, company time. Retrying now cannot succeed."
        case .rateLimited:
            outcome.error = (outcome.error ?? "Pipedrive 429") + " (rate limited; gave up after \(attempts) attempts)"
        case .answered, .unreachable:
            if !outcome.successful, attempts > 1, let error = outcome.error {
                outcome.error = error + " (after \(attempts) attempts)"
            }
        }
        return outcome
    }

    /// Pipedrive's 401, with what the account store made of it (the account marked failed or expired).
    private func rejected(_ attempt: RetryPolicy.Attempt, call: PreparedCall, afterRefresh: Bool) async -> ResponseInterpreter.Outcome {
        guard case .response(let response) = attempt else { return Self.cancelled() }
        var outcome = ResponseInterpreter.interpret(response, binding: call.binding)
        if let note = await credentials.rejected(call.credential, afterRefresh: afterRefresh) {
            outcome.error = (outcome.error.map { $0 + ". " } ?? "") + note
        }
        return outcome
    }

    /// Sleeps `delay`; false when the caller went away meanwhile.
    private func pause(_ delay: Duration) async -> Bool {
        do {
            try await sleep(delay)
            return !Task.isCancelled
        } catch {
            return false
        }
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

    /// `log_` and 20 base-36 characters (about 103 random bits), URL-safe: two draws from the system's
    /// generator, ten characters from each.
    static func newLogID() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var bytes = Array("log_".utf8)
        bytes.reserveCapacity(24)
        for _ in 0..<2 {
            var bits = generator.next()
            for _ in 0..<10 {
                bytes.append(alphabet[Int(bits % 36)])
                bits /= 36
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
