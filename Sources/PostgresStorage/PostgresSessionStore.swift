public import Foundation
import PostgresNIO
public import Storage

/// `SessionStore` over the `tool_router_sessions` and `tool_router_session_configs` tables; an update locks
/// the session's row, so concurrent updates from any replicas get distinct versions.
public struct PostgresSessionStore: SessionStore {
    let database: PostgresDatabase

    public func insert(_ record: SessionRecord) async throws(StorageError) {
        let row = SessionRow(record)
        let logger = database.logger
        try await database.transaction("store a session") { connection in
            try await connection.query(row.insertQuery, logger: logger)
            try await connection.query(row.historyEntry.insertQuery, logger: logger)
        }
    }

    public func get(id: String) async throws(StorageError) -> SessionRecord? {
        try await database.rows("read a session", "\(unescaped: SessionRow.selectAll) WHERE id = \(id)", as: SessionRow.self).first?.record
    }

    public func update(id: String, config: String, expectedVersion: Int?, now: Date) async throws(StorageError) -> SessionUpdate {
        let logger = database.logger
        return try await database.transaction("update a session") { connection in
            let stored = try await connection.query("\(unescaped: SessionRow.selectAll) WHERE id = \(id) FOR UPDATE", logger: logger).collect()
            guard let first = stored.first else { return .notFound }
            switch try SessionRow(first).updated(config: config, expectedVersion: expectedVersion, now: now) {
            case .failure(let conflict):
                return .conflict(currentVersion: conflict.currentVersion)
            case .success(let row):
                try await connection.query(row.updateQuery, logger: logger)
                try await connection.query(row.historyEntry.insertQuery, logger: logger)
                return .updated(row.record)
            }
        }
    }

    public func delete(id: String) async throws(StorageError) -> Bool {
        try await database.count("delete a session", "DELETE FROM tool_router_sessions WHERE id = \(id) RETURNING 1") > 0
    }

    public func history(id: String, limit: Int, offset: Int) async throws(StorageError) -> (versions: [SessionConfigVersion], total: Int) {
        let versions = try await database.rows(
            "read a session's history",
            "\(unescaped: SessionConfigRow.selectAll) WHERE session_id = \(id) ORDER BY version DESC LIMIT \(limit) OFFSET \(offset)",
            as: SessionConfigRow.self
        )
        let total = try await database.integer("count a session's history", "SELECT count(*) FROM tool_router_session_configs WHERE session_id = \(id)")
        return (versions.map(\.record), total)
    }
}

extension SessionRow: PostgresStoredRow {
    init(_ row: PostgresRow) throws {
        let (id, user, version, config, created, updated) = try row.decode((String, String, Int, String, Date, Date).self)
        self.init(SessionRecord(id: id, userID: user, configVersion: version, config: config, createdAt: created, updatedAt: updated))
    }

    func bind(into bindings: inout PostgresBindings) {
        bindings.append(id)
        bindings.append(userID)
        bindings.append(configVersion)
        bindings.append(config)
        bindings.append(createdAt.storedPrecision)
        bindings.append(updatedAt.storedPrecision)
    }
}

extension SessionConfigRow: PostgresStoredRow {
    init(_ row: PostgresRow) throws {
        let (_, session, version, config, created) = try row.decode((String, String, Int, String, Date).self)
        self.init(SessionConfigVersion(sessionID: session, version: version, config: config, createdAt: created))
    }

    func bind(into bindings: inout PostgresBindings) {
        bindings.append(id)
        bindings.append(sessionID)
        bindings.append(version)
        bindings.append(config)
        bindings.append(createdAt.storedPrecision)
    }
}
