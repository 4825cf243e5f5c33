public import Catalog
public import CurlHTTP
public import Files
import Foundation
public import Logging
public import Storage
public import Telemetry
public import ToolportJSON
import Instrumentation
import Tracing
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
    let files: FileExchange?
    let logger: Logger
    let telemetry: Telemetry
    let sleep: @Sendable (Duration) async throws -> Void

    /// - Parameters:
    ///   - files: where `s3key` file arguments are read and downloads are published (`s3url`); without it, file
    ///     arguments must carry their bytes and downloads come back base64-encoded only.
    ///   - telemetry: where each call's outcome, duration and retries are counted, and its spans go.
    ///   - sleep: how the executor waits between attempts (tests may record instead of sleeping).
    public init(
        client: any UpstreamClient,
        credentials: any CredentialProvider,
        logs: any ExecutionLogStore,
        configuration: ExecutionConfiguration = ExecutionConfiguration(),
        files: FileExchange? = nil,
        logger: Logger = Logger(label: "toolport.execution"),
        telemetry: Telemetry = Telemetry(),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.client = client
        self.credentials = credentials
        self.logs = logs
        self.configuration = configuration
        self.files = files
        self.logger = logger
        self.telemetry = telemetry
        self.sleep = sleep
    }

    /// Executes `tool` with `arguments` for the account `selector` picks.
    /// - Parameter dryRun: validate, resolve the account and build the request, but send nothing: the
    ///   answer's `data` is the request (`{dry_run, method, url, headers, body}`, secrets masked).
    public func execute(tool: Tool, arguments: JSONValue, selector: AccountSelector, dryRun: Bool = false) async -> ExecutionResult {
        await execute(tool: tool, arguments: arguments, selector: selector, credential: nil, dryRun: dryRun)
    }

    /// Executes `tool` with `arguments`, with `supplied` (a credential given with the call:
    /// `custom_auth_params`, `custom_connection_data`) or else the account `selector` picks.
    public func execute(
        tool: Tool, arguments: JSONValue, selector: AccountSelector, credential supplied: Credential?, dryRun: Bool
    ) async -> ExecutionResult {
        let (outcome, logID) = await logged(tool.slug, selector: selector, dryRun: dryRun) { trace in
            let (outcome, ending) = await run(tool: tool, arguments: arguments, selector: selector, supplied: supplied, dryRun: dryRun, trace: &trace)
            return (outcome, outcome.successful, outcome.error, ending)
        }
        return ExecutionResult(data: outcome.data, error: outcome.error, successful: outcome.successful, logID: logID)
    }

    /// Sends `proxy` (Composio's proxy execute) with the credential of the account `selector` picks, or
    /// `supplied`: the same host rules, upstream allow-list, retries, token refresh and execution log as
    /// a tool call (logged as `ProxyRequest.logSlug`).
    public func proxy(_ proxy: ProxyRequest, selector: AccountSelector, credential supplied: Credential? = nil) async -> ProxyResult {
        let (outcome, logID) = await logged(ProxyRequest.logSlug, selector: selector, dryRun: false) { trace in
            let outcome = await run(proxy, selector: selector, supplied: supplied, trace: &trace)
            let ending = Self.outcome(of: outcome)
            switch outcome {
            case .answered(let answer, let note): return (outcome, answer.status < 400, note, ending)
            case .invalid(let error): return (outcome, false, error.description, ending)
            case .noCredential(let error): return (outcome, false, error.description, ending)
            case .unanswered(let error, let attempts): return (outcome, false, Self.unreachable(error, attempts: attempts), ending)
            }
        }
        return ProxyResult(outcome: outcome, logID: logID)
    }

    /// Runs `body`, counts how it ended (`toolport_tool_executions_total`), then stores the execution log of
    /// what it traced and answered, with the id of the API request it served.
    private func logged<Outcome>(
        _ slug: String, selector: AccountSelector, dryRun: Bool,
        _ body: (inout Trace) async -> (Outcome, successful: Bool, error: String?, ending: ToolOutcome)
    ) async -> (Outcome, logID: String) {
        let logID = Self.newLogID()
        let started = ContinuousClock.now
        var trace = Trace(accountID: selector.connectedAccountID, userID: selector.userID)
        let (outcome, successful, error, ending) = await body(&trace)
        let elapsed = ContinuousClock.now - started
        telemetry.metrics.toolExecution(tool: slug, outcome: ending, duration: elapsed)
        let record = ExecutionLogRecord(
            id: logID, toolSlug: slug, connectedAccountID: trace.accountID, userID: trace.userID, method: trace.method,
            url: trace.url, statusCode: trace.statusCode, successful: successful,
            durationMilliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
            attempts: trace.attempts, error: error, createdAt: Date(), dryRun: dryRun, requestID: ServiceContext.current?.requestID
        )
        await telemetry.span("execution_log.insert") { span in
            span.attributes["db.collection.name"] = "execution_logs"
            do {
                try await logs.insert(record)
            } catch {
                span.setStatus(.init(code: .error))
                logger.warning("could not store an execution log", metadata: ["log_id": "\(logID)", "error": "\(error)"])
            }
        }
        return (outcome, logID)
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
        tool: Tool, arguments given: JSONValue, selector: AccountSelector, supplied: Credential?, dryRun: Bool, trace: inout Trace
    ) async -> (ResponseInterpreter.Outcome, ToolOutcome) {
        let call: PreparedCall
        switch await prepare(tool: tool, arguments: given, selector: selector, supplied: supplied, trace: &trace) {
        case .success(let prepared): call = prepared
        case .failure(let refusal): return (refusal.outcome, refusal.kind)
        }
        if dryRun {
            return (ResponseInterpreter.Outcome(data: DryRun.describe(call.request), error: nil, successful: true), .success)
        }
        let delivery = await deliver(call, trace: &trace)
        let outcome = publishingDownload(Self.outcome(of: delivery, binding: call.binding))
        return (outcome, Self.outcome(of: delivery, successful: outcome.successful))
    }

    private func run(_ proxy: ProxyRequest, selector: AccountSelector, supplied: Credential?, trace: inout Trace) async -> ProxyOutcome {
        let credential: Credential
        switch await resolveCredential(for: selector, supplied: supplied, trace: &trace) {
        case .success(let resolved): credential = resolved
        case .failure(let error): return .noCredential(error)
        }
        let call: PreparedProxyCall
        do {
            call = try PreparedProxyCall(proxy: proxy, credential: credential, configuration: configuration)
        } catch {
            return .invalid(error)
        }
        trace.method = call.request.method
        trace.url = call.built.logURL
        switch await deliver(call, trace: &trace) {
        case .answered(let response, let stop, let attempts):
            return .answered(ProxyAnswer(response), note: Self.note(on: ResponseInterpreter.errorText(of: response), stop: stop, attempts: attempts))
        case .tokenRejected(let response, let note):
            return .answered(ProxyAnswer(response), note: [ResponseInterpreter.errorText(of: response), note].compactMap { $0 }.joined(separator: ". "))
        case .refreshFailed(let failure, let response):
            return .answered(ProxyAnswer(response), note: failure.description)
        case .unanswered(let error, let attempts):
            return .unanswered(error, attempts: attempts)
        case .cancelled:
            return .unanswered(.cancelled, attempts: trace.attempts)
        }
    }

    /// The credential a call uses: `supplied`, else the account `selector` picks (traced for the log).
    private func credential(for selector: AccountSelector, supplied: Credential?, trace: inout Trace) async throws(CredentialError) -> Credential {
        if let supplied { return supplied }
        let credential = try await credentials.credential(for: selector)
        trace.accountID = credential.accountID
        trace.userID = credential.userID
        return credential
    }

    /// `credential(for:supplied:trace:)` in its own span (account resolution).
    private func resolveCredential(for selector: AccountSelector, supplied: Credential?, trace: inout Trace) async -> Result<Credential, CredentialError> {
        await telemetry.span("account.resolve") { span in
            do throws(CredentialError) {
                return .success(try await credential(for: selector, supplied: supplied, trace: &trace))
            } catch {
                span.setStatus(.init(code: .error))
                return .failure(error)
            }
        }
    }

    /// Why a call stopped before anything was sent.
    private struct Refusal: Error {
        let outcome: ResponseInterpreter.Outcome
        /// How the call ended, for the metrics.
        var kind: ToolOutcome = .validationError
    }

    /// Normalises and validates the arguments, resolves the account, checks the tool is allowed for it
    /// and builds the request.
    private func prepare(
        tool: Tool, arguments given: JSONValue, selector: AccountSelector, supplied: Credential?, trace: inout Trace
    ) async -> Result<PreparedCall, Refusal> {
        let checked = await telemetry.span("arguments.validate") { span in
            let checked = checkArguments(tool: tool, arguments: given)
            if case .failure = checked { span.setStatus(.init(code: .error)) }
            return checked
        }
        let members: [String: JSONValue]
        let uploads: [String: UploadFile]
        switch checked {
        case .success(let valid): (members, uploads) = valid
        case .failure(let refusal): return .failure(refusal)
        }
        let credential: Credential
        switch await resolveCredential(for: selector, supplied: supplied, trace: &trace) {
        case .success(let resolved): credential = resolved
        case .failure(let error):
            return .failure(Refusal(outcome: Self.failure(error.description, extra: ["retryable": .bool(error.isTransient)]), kind: .authError))
        }
        if !credential.mayRun(tool.slug), let allowed = credential.allowedTools {
            let config = credential.authConfigID.map { "auth config \($0)" } ?? "the account's auth config"
            return .failure(Refusal(outcome: Self.failure(
                "Tool \(tool.slug) is not available for execution with \(config): its tool_access_config.tools_available_for_execution "
                    + "allows only \(allowed.joined(separator: ", ")). An admin can add it with PATCH /api/v3.1/auth_configs/{id}.",
                extra: ["retryable": false]
            ), kind: .refused))
        }
        do {
            let call = try PreparedCall(tool: tool, arguments: members, files: uploads, credential: credential, configuration: configuration)
            trace.method = call.request.method
            trace.url = call.built.logURL
            return .success(call)
        } catch {
            return .failure(Refusal(outcome: Self.failure(error.description)))
        }
    }

    /// Normalises and validates the arguments and reads their files.
    private func checkArguments(tool: Tool, arguments given: JSONValue) -> Result<([String: JSONValue], [String: UploadFile]), Refusal> {
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
        let uploads: [String: UploadFile]
        do {
            uploads = try FileArgument.files(of: tool.binding(for: configuration.api), arguments: members, from: files)
        } catch {
            return .failure(Refusal(outcome: Self.failure(error.description, extra: ["retryable": false])))
        }
        return .success((members, uploads))
    }

    /// How sending a call ended.
    enum Delivery {
        /// Pipedrive answered and the retry policy stopped with `stop` after `attempts`.
        case answered(UpstreamResponse, stop: RetryPolicy.Stop, attempts: Int)
        /// Pipedrive refused the token (after the one refresh, when there was one); `note` is what the
        /// account store made of it (the account marked failed or expired).
        case tokenRejected(UpstreamResponse, note: String?)
        /// Pipedrive's 401 asked for a refresh, which failed.
        case refreshFailed(RefreshFailure, UpstreamResponse)
        /// No answer came.
        case unanswered(UpstreamError, attempts: Int)
        case cancelled
    }

    /// Why a token refresh could not be used.
    enum RefreshFailure: CustomStringConvertible {
        /// The refresh itself failed (`invalid_grant`, the account store unavailable).
        case credential(CredentialError)
        /// The token was refreshed, but the request could not be built with it.
        case rebuild(ExecutionError)

        var description: String {
            switch self {
            case .credential(let error): "\(error)"
            case .rebuild(let error): "The token was refreshed but the request could not be built with it: \(error)"
            }
        }
    }

    /// Sends `call` and carries out what `RetryPolicy` decides after each attempt. A credential given
    /// with the call is never refreshed and no account is marked when Pipedrive refuses it.
    private func deliver(_ prepared: some SignedCall, trace: inout Trace) async -> Delivery {
        var call = prepared
        let policy = configuration.retry
        var state = RetryPolicy.State(attempts: 0, method: call.request.method, server: call.server)
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
            let step = policy.nextStep(after: attempt, state: state, jitter: Double.random(in: 0...1), now: Date())
            if let reason = Self.retryReason(after: attempt, step: step) { telemetry.metrics.upstreamRetry(reason: reason) }
            switch step {
            case .resend(let delay):
                state.waited += delay
                guard await pause(delay) else { return .cancelled }
            case .refreshAndResend:
                guard case .response(let response) = attempt else { return .cancelled }
                state.refreshed = true
                guard call.credential.accountID != nil else { return .tokenRejected(response, note: nil) }
                let renewed: Credential?
                switch await refreshed(call.credential) {
                case .success(let credential): renewed = credential
                case .failure(let error): return .refreshFailed(.credential(error), response)
                }
                guard let renewed else {
                    return .tokenRejected(response, note: await credentials.rejected(call.credential, afterRefresh: false))
                }
                do {
                    try call.renew(with: renewed)
                } catch {
                    return .refreshFailed(.rebuild(error), response)
                }
                renewedByRefresh = true
            case .stop(let stop):
                switch attempt {
                case .failure:
                    guard case .unreachable(let error) = stop, error != .cancelled else { return .cancelled }
                    return .unanswered(error, attempts: state.attempts)
                case .response(let response):
                    guard stop == .tokenRejected else { return .answered(response, stop: stop, attempts: state.attempts) }
                    let note = call.credential.accountID == nil
                        ? nil : await credentials.rejected(call.credential, afterRefresh: renewedByRefresh)
                    return .tokenRejected(response, note: note)
                }
            }
        }
    }

    /// The account's credential after a token refresh, in its own span; nil when the account has none to refresh.
    private func refreshed(_ credential: Credential) async -> Result<Credential?, CredentialError> {
        await telemetry.span("token.refresh") { span in
            do throws(CredentialError) {
                return .success(try await credentials.refresh(after: credential))
            } catch {
                span.setStatus(.init(code: .error))
                return .failure(error)
            }
        }
    }

    /// The envelope of a tool call that was sent.
    private static func outcome(of delivery: Delivery, binding: HTTPBinding) -> ResponseInterpreter.Outcome {
        switch delivery {
        case .answered(let response, let stop, let attempts):
            var outcome = ResponseInterpreter.interpret(response, binding: binding)
            if stop == .dailyBudgetSpent || !outcome.successful {
                outcome.error = note(on: outcome.error, stop: stop, attempts: attempts)
            }
            return outcome
        case .tokenRejected(let response, let note):
            var outcome = ResponseInterpreter.interpret(response, binding: binding)
            if let note { outcome.error = (outcome.error.map { $0 + ". " } ?? "") + note }
            return outcome
        case .refreshFailed(.credential(let error), _):
            return failure("\(error)", extra: ["status_code": 401, "retryable": false])
        case .refreshFailed(let failure, _):
            return Self.failure(failure.description, extra: ["retryable": false])
        case .unanswered(let error, let attempts):
            return failure(unreachable(error, attempts: attempts), extra: ["retryable": .bool(isTransient(error))])
        case .cancelled:
            return cancelled()
        }
    }

    /// What a failed answer's `error` says once the retry policy's reason to stop is added.
    private static func note(on error: String?, stop: RetryPolicy.Stop, attempts: Int) -> String? {
        switch stop {
        case .dailyBudgetSpent:
            "Pipedrive 429: the company's daily API budget is spent (x-daily-ratelimit-token-remaining: 0); "
                + "it resets at midnight, company time. Retrying now cannot succeed."
        case .rateLimited:
            (error ?? "Pipedrive 429") + " (rate limited; gave up after \(attempts) attempts)"
        case .answered, .unreachable, .tokenRejected:
            error.map { attempts > 1 ? $0 + " (after \(attempts) attempts)" : $0 }
        }
    }

    /// `Could not reach Pipedrive: <reason>`.
    private static func unreachable(_ error: UpstreamError, attempts: Int) -> String {
        "Could not reach Pipedrive: \(error)" + (attempts > 1 ? " (after \(attempts) attempts)" : "")
    }

    /// `outcome` with its downloaded file's bytes published in the file exchange: `data.file.s3url` is the signed URL
    /// that serves them (what the Composio SDK's download helper fetches). Without a file exchange, or when the disk
    /// refuses (logged), the file keeps only its base64 content.
    private func publishingDownload(_ outcome: ResponseInterpreter.Outcome) -> ResponseInterpreter.Outcome {
        guard let bytes = outcome.downloadedBytes, let files, case .object(var data) = outcome.data, case .object(var file)? = data["file"] else {
            return outcome
        }
        do {
            file["s3url"] = .string(try files.publishDownload(bytes, now: Date()).url)
        } catch {
            logger.warning("could not keep a downloaded file for its s3url", metadata: ["error": "\(error)"])
            return outcome
        }
        data["file"] = .object(file)
        var published = outcome
        published.data = .object(data)
        return published
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
