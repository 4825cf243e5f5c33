public import Logging
public import ServiceLifecycle
public import Storage
public import Telemetry

/// Writes the queued execution logs of a `BufferedExecutionLogStore` every `interval`, and what is left
/// when the server shuts down.
public struct ExecutionLogFlusher: Service {
    let logs: BufferedExecutionLogStore
    let interval: Duration
    let logger: Logger
    let metrics: ToolportMetrics?

    /// - Parameter metrics: where each batch write's duration is recorded (`execution_log_write`).
    public init(logs: BufferedExecutionLogStore, interval: Duration = .milliseconds(50), logger: Logger, metrics: ToolportMetrics? = nil) {
        self.logs = logs
        self.interval = interval
        self.logger = logger
        self.metrics = metrics
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            await flush()
        }
        await flush()
    }

    private func flush() async {
        let started = ContinuousClock.now
        do {
            let (written, dropped) = try await logs.flush()
            if written > 0 { metrics?.databaseOperation("execution_log_write", duration: ContinuousClock.now - started) }
            if dropped > 0 {
                logger.warning("execution log queue full: dropped the oldest logs", metadata: ["count": "\(dropped)"])
            }
        } catch {
            metrics?.databaseOperation("execution_log_write", duration: ContinuousClock.now - started, failed: true)
            logger.warning("could not store execution logs; will retry", metadata: ["pending": "\(logs.pendingCount)", "error": "\(error)"])
        }
    }
}
