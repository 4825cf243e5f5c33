public import Foundation
import PostgresNIO
public import Storage

/// `ExecutionLogStore` over the `execution_logs` table.
public struct PostgresExecutionLogStore: ExecutionLogStore {
    let database: PostgresDatabase

    public func insert(_ record: ExecutionLogRecord) async throws(StorageError) {
        try await insert(contentsOf: [record])
    }

    /// One multi-row INSERT per batch, in one statement (so one transaction).
    public func insert(contentsOf records: [ExecutionLogRecord]) async throws(StorageError) {
        guard !records.isEmpty else { return }
        // PostgreSQL takes at most 65,535 parameters per statement: 13 per row.
        for batch in stride(from: 0, to: records.count, by: 1000).map({ records[$0..<min($0 + 1000, records.count)] }) {
            var bindings = PostgresBindings(capacity: batch.count * 13)
            var tuples: [String] = []
            for record in batch {
                let first = bindings.count + 1
                tuples.append("(" + (first..<first + 13).map { "$\($0)" }.joined(separator: ", ") + ")")
                bindings.append(record.id)
                bindings.append(record.toolSlug)
                bindings.append(record.connectedAccountID)
                bindings.append(record.userID)
                bindings.append(record.method)
                bindings.append(record.url)
                bindings.append(record.statusCode)
                bindings.append(record.successful)
                bindings.append(record.durationMilliseconds)
                bindings.append(record.attempts)
                bindings.append(record.error)
                bindings.append(record.createdAt.storedPrecision)
                bindings.append(record.dryRun)
            }
            let sql = """
                INSERT INTO execution_logs (id, tool_slug, connected_account_id, user_id, method, url, status_code, successful,
                    duration_ms, attempts, error, created_at, dry_run) VALUES \(tuples.joined(separator: ", "))
                """
            _ = try await database.count("store execution logs", PostgresQuery(unsafeSQL: sql, binds: bindings))
        }
    }

    public func record(id: String) async throws(StorageError) -> ExecutionLogRecord? {
        let operation = "read an execution log"
        let rows = try await database.rows(
            operation,
            """
            SELECT id, tool_slug, connected_account_id, user_id, method, url, status_code, successful, duration_ms, attempts, error,
                created_at, dry_run FROM execution_logs WHERE id = \(id)
            """
        )
        return try database.decode(operation, rows) { row in
            let (id, slug, account, user, method, url, status, successful, duration, attempts, error, created, dryRun) = try row.decode(
                (String, String, String?, String?, String?, String?, Int?, Bool, Int, Int, String?, Date, Bool).self
            )
            return ExecutionLogRecord(
                id: id, toolSlug: slug, connectedAccountID: account, userID: user, method: method, url: url, statusCode: status,
                successful: successful, durationMilliseconds: duration, attempts: attempts, error: error, createdAt: created, dryRun: dryRun
            )
        }.first
    }

    public func deleteOlder(than date: Date) async throws(StorageError) -> Int {
        try await database.count("purge execution logs", "DELETE FROM execution_logs WHERE created_at < \(date) RETURNING 1")
    }
}
