import Accounts
import Storage
import Telemetry

/// The gauges `GET /metrics` sets when scraped: connected accounts by status, the database's answer time
/// (a ping) and the execution logs still queued in memory.
struct ScrapeGauges: Sendable {
    let dependencies: ServerDependencies

    func update() async {
        let metrics = dependencies.telemetry.metrics
        let started = ContinuousClock.now
        do throws(StorageError) {
            try await dependencies.health.ping()
            metrics.databaseOperation("ping", duration: ContinuousClock.now - started)
        } catch {
            metrics.databaseOperation("ping", duration: ContinuousClock.now - started, failed: true)
        }
        if let accounts = try? await dependencies.accounts.connections.list(ConnectedAccountFilter()) {
            for (status, count) in Self.countByStatus(accounts.map(\.status)) {
                metrics.connectedAccounts(status: status.rawValue, count: count)
            }
        }
        if let buffered = dependencies.executionLogs as? BufferedExecutionLogStore {
            metrics.executionLogQueue(depth: buffered.pendingCount)
        }
    }

    /// How many of `statuses` each status has, every status listed (zero included).
    static func countByStatus(_ statuses: [ConnectionStatus]) -> [(ConnectionStatus, Int)] {
        ConnectionStatus.allCases.map { status in (status, statuses.count(where: { $0 == status })) }
    }
}
