public import Foundation
import GRDB
public import Storage

/// `SessionStore` over the `tool_router_sessions` and `tool_router_session_configs` tables.
public struct SQLiteSessionStore: SessionStore {
    let writer: any DatabaseWriter

    private typealias History = SessionConfigRow.CodingKeys

    public func insert(_ record: SessionRecord) async throws(StorageError) {
        let row = SessionRow(record)
        try await writer.write(for: "store a session") { db in
            try row.insert(db)
            try row.historyEntry.insert(db)
        }
    }

    public func get(id: String) async throws(StorageError) -> SessionRecord? {
        try await writer.read(for: "read a session") { db in try SessionRow.fetchOne(db, key: id)?.record }
    }

    public func update(id: String, config: String, expectedVersion: Int?, now: Date) async throws(StorageError) -> SessionUpdate {
        try await writer.write(for: "update a session") { db in
            guard let stored = try SessionRow.fetchOne(db, key: id) else { return .notFound }
            switch stored.updated(config: config, expectedVersion: expectedVersion, now: now) {
            case .failure(let conflict):
                return .conflict(currentVersion: conflict.currentVersion)
            case .success(let row):
                try row.update(db)
                try row.historyEntry.insert(db)
                return .updated(row.record)
            }
        }
    }

    public func delete(id: String) async throws(StorageError) -> Bool {
        try await writer.write(for: "delete a session") { db in try SessionRow.deleteOne(db, key: id) }
    }

    public func history(id: String, limit: Int, offset: Int) async throws(StorageError) -> (versions: [SessionConfigVersion], total: Int) {
        try await writer.read(for: "read a session's history") { db in
            let request = SessionConfigRow.filter(Column(History.sessionID) == id)
            let rows = try request.order(Column(History.version).desc).limit(limit, offset: offset).fetchAll(db)
            return (rows.map(\.record), try request.fetchCount(db))
        }
    }
}
