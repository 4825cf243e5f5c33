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
            var bindings = PostgresBindings(capacity: batch.count * ExecutionLogRow.columns.count)
            var tuples: [String] = []
            for record in batch {
                tuples.append(ExecutionLogRow.placeholders(from: bindings.count + 1))
                ExecutionLogRow(record).bind(into: &bindings)
            }
            let sql = "INSERT INTO execution_logs (\(ExecutionLogRow.columnList)) VALUES \(tuples.joined(separator: ", "))"
            _ = try await database.count("store execution logs", PostgresQuery(unsafeSQL: sql, binds: bindings))
        }
    }

    public func record(id: String) async throws(StorageError) -> ExecutionLogRecord? {
        try await database.rows("read an execution log", "\(unescaped: ExecutionLogRow.selectAll) WHERE id = \(id)", as: ExecutionLogRow.self)
            .first?.record
    }

    public func search(_ query: ExecutionLogQuery) async throws(StorageError) -> [ExecutionLogRecord] {
        let dialect = ExecutionLogQuery.Dialect(placeholder: { "$\($0)" }, contains: "strpos", byteOrder: #" COLLATE "C""#)
        let (condition, arguments) = query.whereClause(in: dialect)
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .text(let text): bindings.append(text)
            case .flag(let flag): bindings.append(flag)
            case .date(let date): bindings.append(date)
            }
        }
        let sql = "\(ExecutionLogRow.selectAll) WHERE \(condition) ORDER BY \(ExecutionLogQuery.orderBy(in: dialect)) LIMIT \(max(query.limit, 0))"
        return try await database.rows("search execution logs", PostgresQuery(unsafeSQL: sql, binds: bindings), as: ExecutionLogRow.self).map(\.record)
    }

    public func deleteOlder(than date: Date) async throws(StorageError) -> Int {
        try await database.count("purge execution logs", "DELETE FROM execution_logs WHERE created_at < \(date) RETURNING 1")
    }
}

extension ExecutionLogRow: PostgresStoredRow {
    init(_ row: PostgresRow) throws {
        let (id, slug, account, user, method, url, status, successful, duration, attempts, error, created, dryRun, requestID) = try row.decode(
            (String, String, String?, String?, String?, String?, Int?, Bool, Int, Int, String?, Date, Bool, String?).self
        )
        self.init(
            ExecutionLogRecord(
                id: id, toolSlug: slug, connectedAccountID: account, userID: user, method: method, url: url, statusCode: status,
                successful: successful, durationMilliseconds: duration, attempts: attempts, error: error, createdAt: created, dryRun: dryRun,
                requestID: requestID
            )
        )
    }

    func bind(into bindings: inout PostgresBindings) {
        bindings.append(id)
        bindings.append(toolSlug)
        bindings.append(connectedAccountID)
        bindings.append(userID)
        bindings.append(method)
        bindings.append(url)
        bindings.append(statusCode)
        bindings.append(successful)
        bindings.append(durationMilliseconds)
        bindings.append(attempts)
        bindings.append(error)
        bindings.append(createdAt.storedPrecision)
        bindings.append(dryRun)
        bindings.append(requestID)
    }
}
