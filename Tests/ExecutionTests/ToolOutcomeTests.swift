import CurlHTTP
@testable import Execution
import Telemetry
import Testing

/// How each way a call can end is counted in `toolport_tool_executions_total` and `toolport_upstream_retries_total`.
struct ToolOutcomeTests {
    static func answer(_ status: Int) -> UpstreamResponse { UpstreamResponse(status: status) }

    @Test(arguments: [
        (ToolExecutor.Delivery.answered(answer(200), stop: .answered, attempts: 1), true, ToolOutcome.success),
        (.answered(answer(200), stop: .answered, attempts: 1), false, .upstreamError),
        (.answered(answer(404), stop: .answered, attempts: 1), false, .upstreamError),
        (.answered(answer(500), stop: .answered, attempts: 3), false, .upstreamError),
        (.answered(answer(403), stop: .answered, attempts: 1), false, .authError),
        (.answered(answer(429), stop: .rateLimited, attempts: 4), false, .rateLimited),
        (.answered(answer(429), stop: .dailyBudgetSpent, attempts: 1), false, .rateLimited),
        (.answered(answer(429), stop: .answered, attempts: 1), false, .rateLimited),
        (.tokenRejected(answer(401), note: nil), false, .authError),
        (.refreshFailed(.credential(.noSelector), answer(401)), false, .authError),
        (.unanswered(.timedOut, attempts: 2), false, .transportError),
        (.unanswered(.connectFailed("refused"), attempts: 1), false, .transportError),
        (.unanswered(.refused(origin: "https://evil.example"), attempts: 1), false, .refused),
        (.cancelled, false, .transportError),
    ] as [(ToolExecutor.Delivery, Bool, ToolOutcome)])
    func toolCalls(delivery: ToolExecutor.Delivery, successful: Bool, outcome: ToolOutcome) {
        #expect(ToolExecutor.outcome(of: delivery, successful: successful) == outcome)
    }

    @Test(arguments: [
        (ProxyOutcome.answered(ProxyAnswer(answer(201)), note: nil), ToolOutcome.success),
        (.answered(ProxyAnswer(answer(404)), note: "not found"), .upstreamError),
        (.answered(ProxyAnswer(answer(401)), note: nil), .authError),
        (.answered(ProxyAnswer(answer(429)), note: nil), .rateLimited),
        (.invalid(.otherHost("evil.example")), .validationError),
        (.noCredential(.noSelector), .authError),
        (.unanswered(.refused(origin: "https://evil.example"), attempts: 1), .refused),
        (.unanswered(.transport("reset"), attempts: 1), .transportError),
    ] as [(ProxyOutcome, ToolOutcome)])
    func proxyCalls(proxy: ProxyOutcome, outcome: ToolOutcome) {
        #expect(ToolExecutor.outcome(of: proxy) == outcome)
    }

    @Test(arguments: [
        (RetryPolicy.Attempt.response(answer(429)), RetryPolicy.Step.resend(after: .seconds(1)), "rate_limited" as String?),
        (.response(answer(503)), .resend(after: .seconds(1)), "server_error"),
        (.failure(.connectTimedOut), .resend(after: .seconds(1)), "transport"),
        (.response(answer(401)), .refreshAndResend, "token_refresh"),
        (.response(answer(200)), .stop(.answered), nil),
        (.failure(.timedOut), .stop(.unreachable(.timedOut)), nil),
    ] as [(RetryPolicy.Attempt, RetryPolicy.Step, String?)])
    func retryReasons(attempt: RetryPolicy.Attempt, step: RetryPolicy.Step, reason: String?) {
        #expect(ToolExecutor.retryReason(after: attempt, step: step) == reason)
    }
}
