import Accounts
public import Files
import Foundation
public import Logging
public import ServiceLifecycle
public import Storage

/// Removes what is past its retention, once at start and then every hour until shutdown, and logs how much went:
/// execution logs, kept files, and trigger event keys and finished deliveries.
public struct RetentionSweep: Service {
    /// What the sweep removes, for its log lines ("old execution logs").
    let what: String
    /// Removes what is past its retention at the given time; how many items went.
    let sweep: @Sendable (Date) async throws -> Int
    let logger: Logger

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let removed = try await sweep(Date())
                if removed > 0 { logger.info("purged \(what)", metadata: ["count": "\(removed)"]) }
            } catch {
                logger.warning("could not purge \(what)", metadata: ["error": "\((error as? StorageError)?.summary ?? "\(error)")"])
            }
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
        }
    }

    /// Execution logs older than `retention` (`--log-retention-days`).
    public static func executionLogs(_ logs: any ExecutionLogStore, retention: Duration, logger: Logger) -> RetentionSweep {
        RetentionSweep(what: "old execution logs", sweep: { now in try await logs.deleteOlder(than: now.addingTimeInterval(-retention.seconds)) }, logger: logger)
    }

    /// Uploads and downloads older than `retention` (`--file-retention-hours`).
    public static func files(_ store: FileStore, retention: Duration, logger: Logger) -> RetentionSweep {
        RetentionSweep(what: "old files", sweep: { now in store.removeFiles(olderThan: now.addingTimeInterval(-retention.seconds)) }, logger: logger)
    }

    /// Trigger event keys after `eventRetention` (long past Pipedrive's last retry of an event) and finished
    /// deliveries after `deliveryRetention` (`--log-retention-days`); pending deliveries stay.
    public static func triggers(
        _ store: any TriggerStore, eventRetention: Duration = .seconds(7 * 86_400), deliveryRetention: Duration, logger: Logger
    ) -> RetentionSweep {
        RetentionSweep(
            what: "old trigger events and deliveries",
            sweep: { now in
                try await store.prune(
                    eventsBefore: now.addingTimeInterval(-eventRetention.seconds), deliveriesBefore: now.addingTimeInterval(-deliveryRetention.seconds)
                )
            },
            logger: logger
        )
    }
}
