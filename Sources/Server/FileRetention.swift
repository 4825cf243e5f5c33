import Foundation
public import Files
public import Logging
public import ServiceLifecycle

/// Removes kept files (uploads and downloads) older than the retention period, once at start and then every hour.
public struct FileRetention: Service {
    let store: FileStore
    let retention: Duration
    let logger: Logger

    /// - Parameters:
    ///   - retention: how long files are kept (`--file-retention-hours`).
    public init(store: FileStore, retention: Duration, logger: Logger) {
        self.store = store
        self.retention = retention
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let removed = store.removeFiles(olderThan: Date().addingTimeInterval(-Double(retention.components.seconds)))
            if removed > 0 { logger.info("removed old files", metadata: ["count": "\(removed)"]) }
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}
