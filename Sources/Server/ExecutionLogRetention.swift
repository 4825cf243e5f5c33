import Foundation
public import Logging
public import ServiceLifecycle
public import Storage

/// Deletes execution logs older than the retention period, once at start and then every hour.
public struct ExecutionLogRetention: Service {
    let logs: any ExecutionLogStore
    let retention: Duration
    let logger: Logger

    /// - Parameters:
    ///   - retention: how long logs are kept (`--log-retention-days`).
    public init(logs: any ExecutionLogStore, retention: Duration, logger: Logger) {
        self.logs = logs
        self.retention = retention
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let cutoff = Date().addingTimeInterval(-Double(retention.components.seconds))
            do {
                let removed = try await logs.deleteOlder(than: cutoff)
                if removed > 0 { logger.info("purged old execution logs", metadata: ["count": "\(removed)"]) }
            } catch {
                logger.warning("could not purge execution logs", metadata: ["error": "\(error)"])
            }
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}
