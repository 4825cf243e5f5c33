import Testing
import Triggers

@testable import Server

/// Each trigger failure answers with the Composio error envelope's slug and status a caller can act on.
struct TriggerRoutesTests {
    @Test(arguments: [
        (TriggerError.unknownType("PIPEDRIVE_X"), APIError.Kind.triggerTypeNotFound),
        (.invalidConfig(slug: "PIPEDRIVE_NEW_DEAL_TRIGGER", problems: ["pipeline_id: expected integer"]), .badRequest),
        (.noAccount("user u1 has no active Pipedrive connected account"), .badRequest),
        (.triggerNotFound(id: "ti_1"), .triggerNotFound),
        (.subscriptionNotFound(id: "ws_1"), .webhookSubscriptionNotFound),
        (.invalidSubscription("webhook_url must use https"), .badRequest),
        (.registrationFailed("Pipedrive refused the webhook"), .upstreamUnreachable),
        (.storage("the database did not answer"), .serviceUnavailable),
    ])
    func failuresMapToTheirEnvelope(_ error: TriggerError, _ kind: APIError.Kind) {
        let answer = TriggerRoutes.apiError(error)
        #expect(answer.kind == kind)
        #expect(answer.message.contains(error.description))
    }
}
