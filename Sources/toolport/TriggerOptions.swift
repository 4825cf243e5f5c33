import ArgumentParser
import CurlHTTP
import Foundation
import Triggers

/// Where trigger deliveries may go and how long they are retried (`toolport serve`).
struct TriggerOptions: ParsableArguments {
    @Option(
        name: .customLong("allow-webhook-target"),
        help: "An origin trigger deliveries may go to although it is http, loopback or private, e.g. http://127.0.0.1:9000 (repeatable; by default only https to public addresses)."
    )
    var allowWebhookTarget: [String] = []
    @Option(name: .customLong("trigger-retry-period"), help: "Seconds a failed trigger delivery keeps being retried (default: one day).")
    var retryPeriod = 86_400
    @Option(name: .customLong("trigger-retry-max-delay"), help: "The longest wait, in seconds, between two attempts of a delivery (delays double from 1 s).")
    var retryMaxDelay = 300

    func validate() throws {
        guard retryPeriod > 0, retryMaxDelay > 0 else { throw ValidationError("--trigger-retry-period and --trigger-retry-max-delay must be positive") }
    }

    /// The trigger configuration for a server at `publicURL`.
    func configuration(publicURL: String) throws -> TriggerConfiguration {
        let origins = try allowWebhookTarget.map { text in
            do {
                return try Origin(parsing: text)
            } catch {
                throw ValidationError("--allow-webhook-target \(text) is not an http(s) origin such as http://127.0.0.1:9000")
            }
        }
        return TriggerConfiguration(
            publicURL: publicURL, targets: WebhookTargetPolicy(allowedOrigins: Set(origins)),
            schedule: DeliverySchedule(maxDelay: .seconds(retryMaxDelay), period: .seconds(retryPeriod))
        )
    }

    /// The trigger types beside the tools: `<schemas>/triggers`.
    static func loadTypes(schemas: URL) throws -> TriggerCatalog {
        do {
            return try TriggerCatalog.load(from: schemas.appending(path: "triggers"))
        } catch {
            throw ValidationError("cannot load the trigger types: \(error)")
        }
    }
}
