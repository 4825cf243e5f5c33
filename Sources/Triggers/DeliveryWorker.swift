import Accounts
public import CurlHTTP
public import Foundation
public import Logging
public import ServiceLifecycle
import Storage
import Synchronization
import Telemetry
import ToolportJSON

/// Wakes the delivery worker when deliveries are queued, so they go out at once rather than at the next poll.
public final class DeliveryWake: Sendable {
    private let waiters = Mutex<[CheckedContinuation<Void, Never>]>([])

    public init() {}

    /// Wakes every waiting worker.
    public func signal() {
        let woken = waiters.withLock { waiters in
            defer { waiters = [] }
            return waiters
        }
        for waiter in woken { waiter.resume() }
    }

    /// Returns on the next signal or after `timeout`, whichever comes first.
    func wait(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [self] in await withCheckedContinuation { continuation in waiters.withLock { $0.append(continuation) } } }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
            signal()
        }
    }
}

/// Sends queued deliveries from the outbox: signed POSTs to the subscription's URL, each attempt recorded,
/// failures retried by the schedule. Deliveries are leased before they are sent, so with several replicas on
/// one database each attempt is made by one of them; a process that dies mid-attempt leaves a lease that
/// expires, and another process (or the same one restarted) sends it again.
public struct DeliveryWorker: Service {
    let store: any TriggerStore
    let triggers: TriggerService
    let client: any UpstreamClient
    let wake: DeliveryWake
    let pollInterval: Duration
    let lease: Duration
    let logger: Logger

    /// - Parameters:
    ///   - client: sends deliveries; made with `triggers.configuration.targets.addressRule`.
    ///   - pollInterval: how often the outbox is read when nothing wakes the worker (due retries, other replicas' events).
    public init(
        triggers: TriggerService, client: any UpstreamClient, wake: DeliveryWake, pollInterval: Duration = .milliseconds(500),
        lease: Duration = .seconds(60), logger: Logger = Logger(label: "toolport.deliveries")
    ) {
        self.store = triggers.store
        self.triggers = triggers
        self.client = client
        self.wake = wake
        self.pollInterval = pollInterval
        self.lease = lease
        self.logger = logger
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                let sent = await deliverDue()
                if sent == 0 { await wake.wait(timeout: pollInterval) }
            }
        } onGracefulShutdown: {
            wake.signal()
        }
    }

    /// Claims the due deliveries and sends them concurrently; how many were claimed.
    @discardableResult
    public func deliverDue() async -> Int {
        let now = Date()
        let claimed: [TriggerDeliveryRecord]
        do {
            claimed = try await store.claimDue(now: now, leaseUntil: now.addingTimeInterval(lease.seconds), limit: 32)
        } catch {
            logger.warning("could not read the delivery outbox", metadata: ["error": "\(error.summary)"])
            return 0
        }
        await withTaskGroup(of: Void.self) { group in
            for delivery in claimed { group.addTask { await attempt(delivery) } }
        }
        return claimed.count
    }

    private func attempt(_ delivery: TriggerDeliveryRecord) async {
        let started = ContinuousClock.now
        let result = await send(delivery)
        let now = Date()
        var attempt: [String: JSONValue] = [
            "at": .string(now.formatted(.iso8601)), "duration_ms": .integer(Int((ContinuousClock.now - started).seconds * 1000)),
        ]
        let outcome: DeliveryOutcome
        switch result {
        case .success(let status):
            attempt["status_code"] = .integer(status)
            if (200..<300).contains(status) {
                outcome = .delivered
            } else {
                attempt["error"] = .string("the subscriber answered HTTP \(status)")
                outcome = retry(delivery, now: now)
            }
        case .failure(let reason, let permanent):
            attempt["error"] = .string(reason)
            outcome = permanent ? .failed : retry(delivery, now: now)
        }
        let log = String(decoding: JSONValue.object(attempt).encoded(), as: UTF8.self)
        triggers.metrics?.triggerDelivery(outcome: outcome.metricLabel, duration: ContinuousClock.now - started)
        do {
            try await store.finishAttempt(id: delivery.id, attempt: log, outcome: outcome, at: now)
        } catch {
            logger.warning("could not record a delivery attempt", metadata: ["delivery_id": "\(delivery.id)", "error": "\(error.summary)"])
        }
        switch outcome {
        case .delivered: logger.info("delivered", metadata: ["delivery_id": "\(delivery.id)", "trigger_id": "\(delivery.triggerID)"])
        case .retry(let at): logger.notice("delivery failed; will retry", metadata: ["delivery_id": "\(delivery.id)", "next_attempt_at": "\(at)"])
        case .failed: logger.warning("delivery given up", metadata: ["delivery_id": "\(delivery.id)", "attempts": "\(delivery.attempts + 1)"])
        }
    }

    private func retry(_ delivery: TriggerDeliveryRecord, now: Date) -> DeliveryOutcome {
        triggers.configuration.schedule.nextAttempt(after: delivery.attempts + 1, queuedAt: delivery.createdAt, now: now).map { .retry(at: $0) } ?? .failed
    }

    private enum SendResult {
        case success(Int)
        case failure(String, permanent: Bool)
    }

    private func send(_ delivery: TriggerDeliveryRecord) async -> SendResult {
        let subscription: WebhookSubscriptionRecord
        let secret: String
        do {
            guard let stored = try await store.subscription(id: delivery.subscriptionID) else {
                return .failure("the webhook subscription was deleted", permanent: true)
            }
            subscription = stored
            secret = try triggers.secret(of: stored)
        } catch {
            return .failure("could not read the webhook subscription: \(error)", permanent: false)
        }
        if let refusal = triggers.configuration.targets.refusal(for: subscription.url) { return .failure(refusal, permanent: true) }
        let timestamp = Int(Date().timeIntervalSince1970)
        var headers = [UpstreamHeader("Content-Type", "application/json"), UpstreamHeader("User-Agent", "toolport-webhooks/1.0")]
        for (name, value) in WebhookSignature.headers(id: delivery.id, timestamp: timestamp, body: delivery.body, secret: secret) {
            headers.append(UpstreamHeader(name, value))
        }
        do {
            let response = try await client.execute(
                UpstreamRequest(method: "POST", url: subscription.url, headers: headers, body: Data(delivery.body.utf8), timeout: .seconds(15))
            )
            return .success(response.status)
        } catch {
            if case .refused = error { return .failure("\(error): the address is not public; allow the origin with --allow-webhook-target", permanent: true) }
            return .failure("\(error)", permanent: false)
        }
    }
}

extension DeliveryOutcome {
    /// The `outcome` label of `toolport_trigger_deliveries_total`.
    var metricLabel: String {
        switch self {
        case .delivered: "delivered"
        case .retry: "retry"
        case .failed: "failed"
        }
    }
}
