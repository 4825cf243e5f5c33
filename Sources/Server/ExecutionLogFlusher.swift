public import Logging
public import ServiceLifecycle
public import Storage

/// Writes the queued execution logs of a `BufferedExecutionLogStore` every `interval`, and what is left
/// when the server shuts down.
public struct ExecutionLogFlusher: Service {
    let logs: BufferedExecutionLogStore
    let interval: Duration
    let logger: Logger

    public init(logs: BufferedExecutionLogStore, interval: Duration = .milliseconds(50), logger: Logger) {
        self.logs = logs
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            await flush()
        }
        await flush()
    }

    private func flush() async {
        do {
            let (_, dropped) = try await logs.flush()
            if dropped > 0 {
                logger.warning("execution log queue full: dropped the oldest logs", metadata: ["count": "\(dropped)"])
            }
        } catch {
            logger.warning("could not store execution logs; will retry", metadata: ["pending": "\(logs.pendingCount)", "error": "\(error)"])
        }
    }
}
