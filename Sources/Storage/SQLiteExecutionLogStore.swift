public import Foundation
import GRDB

/// `ExecutionLogStore` over the `execution_logs` table.
public struct SQLiteExecutionLogStore: ExecutionLogStore {
    let writer: any DatabaseWriter

    private struct Row: Codable, FetchableRecord, PersistableRecord {
        static let databaseTableName = "execution_logs"
        var record: ExecutionLogRecord

        init(_ record: ExecutionLogRecord) { self.record = record }

        enum CodingKeys: String, CodingKey {
            case id, method, url, successful, attempts, error
            case toolSlug = "tool_slug"
            case connectedAccountID = "connected_account_id"
            case userID = "user_id"
            case statusCode = "status_code"
            case durationMilliseconds = "duration_ms"
            case createdAt = "created_at"
            case dryRun = "dry_run"
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            record = ExecutionLogRecord(
                id: try c.decode(String.self, forKey: .id),
                toolSlug: try c.decode(String.self, forKey: .toolSlug),
                connectedAccountID: try c.decodeIfPresent(String.self, forKey: .connectedAccountID),
                userID: try c.decodeIfPresent(String.self, forKey: .userID),
                method: try c.decodeIfPresent(String.self, forKey: .method),
                url: try c.decodeIfPresent(String.self, forKey: .url),
                statusCode: try c.decodeIfPresent(Int.self, forKey: .statusCode),
                successful: try c.decode(Bool.self, forKey: .successful),
                durationMilliseconds: try c.decode(Int.self, forKey: .durationMilliseconds),
                attempts: try c.decode(Int.self, forKey: .attempts),
                error: try c.decodeIfPresent(String.self, forKey: .error),
                createdAt: try c.decode(Date.self, forKey: .createdAt),
                dryRun: try c.decode(Bool.self, forKey: .dryRun)
            )
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(record.id, forKey: .id)
            try c.encode(record.toolSlug, forKey: .toolSlug)
            try c.encodeIfPresent(record.connectedAccountID, forKey: .connectedAccountID)
            try c.encodeIfPresent(record.userID, forKey: .userID)
            try c.encodeIfPresent(record.method, forKey: .method)
            try c.encodeIfPresent(record.url, forKey: .url)
            try c.encodeIfPresent(record.statusCode, forKey: .statusCode)
            try c.encode(record.successful, forKey: .successful)
            try c.encode(record.durationMilliseconds, forKey: .durationMilliseconds)
            try c.encode(record.attempts, forKey: .attempts)
            try c.encodeIfPresent(record.error, forKey: .error)
            try c.encode(record.createdAt, forKey: .createdAt)
            try c.encode(record.dryRun, forKey: .dryRun)
        }
    }

    public func insert(_ record: ExecutionLogRecord) async throws(StorageError) {
        try await writer.write(for: "store an execution log") { db in try Row(record).insert(db) }
    }

    public func insert(contentsOf records: [ExecutionLogRecord]) async throws(StorageError) {
        try await writer.write(for: "store execution logs") { db in
            for record in records { try Row(record).insert(db) }
        }
    }

    public func record(id: String) async throws(StorageError) -> ExecutionLogRecord? {
        try await writer.read(for: "read an execution log") { db in try Row.fetchOne(db, key: id)?.record }
    }

    public func deleteOlder(than date: Date) async throws(StorageError) -> Int {
        try await writer.write(for: "purge execution logs") { db in try Row.filter(Column("created_at") < date).deleteAll(db) }
    }
}
