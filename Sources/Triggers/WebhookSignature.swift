import Accounts
import Crypto
public import Foundation

/// The signature headers of a delivery, as Composio's SDK verifies them (`triggers.verify_webhook`):
/// `webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" keyed with the secret's UTF-8 bytes>`.
public enum WebhookSignature {
    /// `v1,<base64>` for message `id`, sent at `timestamp` (Unix seconds), of `body`, with `secret`.
    public static func sign(id: String, timestamp: Int, body: String, secret: String) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(body)".utf8), using: key)
        return "v1," + Data(mac).base64EncodedString()
    }

    /// The headers of one attempt.
    public static func headers(id: String, timestamp: Int, body: String, secret: String) -> [(String, String)] {
        [("webhook-id", id), ("webhook-timestamp", String(timestamp)), ("webhook-signature", sign(id: id, timestamp: timestamp, body: body, secret: secret))]
    }
}

/// When a failed delivery is tried again: doubling delays from `firstDelay` up to `maxDelay`, for as long as
/// `period` after the delivery was queued.
public struct DeliverySchedule: Sendable, Equatable {
    public var firstDelay: Duration
    public var maxDelay: Duration
    public var period: Duration

    public init(firstDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(300), period: Duration = .seconds(86_400)) {
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.period = period
    }

    /// When to try again after failed attempt number `attempts` (1 for the first), or nil when that would be
    /// past the period: the delivery has failed.
    public func nextAttempt(after attempts: Int, queuedAt: Date, now: Date) -> Date? {
        let doublings = min(max(attempts - 1, 0), 30)
        let delay = min(firstDelay * (1 << doublings), maxDelay)
        let next = now.addingTimeInterval(delay.seconds)
        return next <= queuedAt.addingTimeInterval(period.seconds) ? next : nil
    }
}
