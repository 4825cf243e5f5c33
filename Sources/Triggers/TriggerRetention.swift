public import Foundation
public import Logging
public import ServiceLifecycle
public import Storage

/// Forgets what triggers no longer need, once at start and then every hour: event keys after `eventRetention`
/// (long past Pipedrive's last retry of an event) and finished deliveries after `deliveryRetention`.
public struct TriggerRetention: Service {
    let store: any TriggerStore
    let eventRetention: Duration
    let deliveryRetention: Duration
    let logger: Logger

    /// - Parameters:
    ///   - deliveryRetention: how long delivered and failed deliveries stay queryable (`--log-retention-days`).
    public init(store: any TriggerStore, eventRetention: Duration = .seconds(7 * 86_400), deliveryRetention: Duration, logger: Logger) {
        self.store = store
        self.eventRetention = eventRetention
        self.deliveryRetention = deliveryRetention
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await pruneOnce(now: Date())
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
        }
    }

    /// One pass at `now`.
    public func pruneOnce(now: Date) async {
        do {
            let removed = try await store.prune(
                eventsBefore: now.addingTimeInterval(-eventRetention.seconds), deliveriesBefore: now.addingTimeInterval(-deliveryRetention.seconds)
            )
            if removed > 0 { logger.info("purged old trigger events and deliveries", metadata: ["count": "\(removed)"]) }
        } catch {
            logger.warning("could not purge trigger events and deliveries", metadata: ["error": "\(error.summary)"])
        }
    }
}
