import CurlHTTP
import Telemetry

/// How calls are counted: pure decisions from what the executor saw, tested as tables.
extension ToolExecutor {
    /// How a sent tool call ended; `successful` is what the envelope says of Pipedrive's answer.
    static func outcome(of delivery: Delivery, successful: Bool) -> ToolOutcome {
        switch delivery {
        case .answered(let response, let stop, _):
            if stop == .rateLimited || stop == .dailyBudgetSpent { return .rateLimited }
            return successful ? .success : outcome(ofFailedStatus: response.status)
        case .tokenRejected, .refreshFailed:
            return .authError
        case .unanswered(let error, _):
            return error.isRefusal ? .refused : .transportError
        case .cancelled:
            return .transportError
        }
    }

    /// How a proxy call ended.
    static func outcome(of proxy: ProxyOutcome) -> ToolOutcome {
        switch proxy {
        case .answered(let answer, _): answer.status < 400 ? .success : outcome(ofFailedStatus: answer.status)
        case .invalid: .validationError
        case .noCredential: .authError
        case .unanswered(let error, _): error.isRefusal ? .refused : .transportError
        }
    }

    /// A failed answer's outcome by its status.
    private static func outcome(ofFailedStatus status: Int) -> ToolOutcome {
        switch status {
        case 401, 403: .authError
        case 429: .rateLimited
        default: .upstreamError
        }
    }

    /// The `reason` label of `toolport_upstream_retries_total` when `step` sends the call again after `attempt`; nil when it does not.
    static func retryReason(after attempt: RetryPolicy.Attempt, step: RetryPolicy.Step) -> String? {
        switch (step, attempt) {
        case (.stop, _): nil
        case (.refreshAndResend, _): "token_refresh"
        case (.resend, .response(let response)): response.status == 429 ? "rate_limited" : "server_error"
        case (.resend, .failure): "transport"
        }
    }
}
