public import Foundation
import GRDB
public import Storage

/// `ExecutionLogStore` over the `execution_logs` table.
public struct SQLiteExecutionLogStore: ExecutionLogStore {
    let writer: any DatabaseWriter

    public func insert(_ record: ExecutionLogRecord) async throws(StorageError) {
        try await writer.write(for: "store an execution log") { db in try ExecutionLogRow(record).insertFast(db) }
    }

    public func insert(contentsOf records: [ExecutionLogRecord]) async throws(StorageError) {
        try await writer.write(for: "store execution logs") { db in
            for record in records { try ExecutionLogRow(record).insertFast(db) }
        }
    }

    public func record(id: String) async throws(StorageError) -> ExecutionLogRecord? {
        try await writer.read(for: "read an execution log") { db in try ExecutionLogRow.fetchOne(db, key: id)?.record }
    }

    public func search(_ query: ExecutionLogQuery) async throws(StorageError) -> [ExecutionLogRecord] {
        let dialect = ExecutionLogQuery.Dialect(placeholder: { _ in "?" }, contains: "instr", byteOrder: "")
        let (condition, arguments) = query.whereClause(in: dialect)
        let sql = "SELECT * FROM \(ExecutionLogRow.table) WHERE \(condition) ORDER BY \(ExecutionLogQuery.orderBy(in: dialect)) LIMIT \(max(query.limit, 0))"
        return try await writer.read(for: "search execution logs") { db in
            let values: [(any DatabaseValueConvertible)?] = arguments.map { argument in
                switch argument {
                case .text(let text): text
                case .flag(let flag): flag
                case .date(let date): date
                }
            }
            return try ExecutionLogRow.fetchAll(db, sql: sql, arguments: StatementArguments(values)).map(\.record)
        }
    }

    public func deleteOlder(than date: Date) async throws(StorageError) -> Int {
        try await writer.write(for: "purge execution logs") { db in
            try ExecutionLogRow.filter(Column(ExecutionLogRow.CodingKeys.createdAt) < date).deleteAll(db)
        }
    }
}
