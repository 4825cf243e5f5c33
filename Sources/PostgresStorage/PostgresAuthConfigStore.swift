import Foundation
import PostgresNIO
public import Storage

/// `AuthConfigStore` over the `auth_configs` table; secret fields are sealed with `box`.
public struct PostgresAuthConfigStore: AuthConfigStore {
    let database: PostgresDatabase
    let box: SecretBox

    public func insert(_ record: AuthConfigRecord) async throws(StorageError) {
        _ = try await database.count("store an auth config", try AuthConfigRow(record, box: box).insertQuery)
    }

    public func get(id: String) async throws(StorageError) -> AuthConfigRecord? {
        try await records("read an auth config", "\(unescaped: AuthConfigRow.selectAll) WHERE id = \(id)").first
    }

    public func list(toolkit: String?, includeDisabled: Bool, search: String?) async throws(StorageError) -> [AuthConfigRecord] {
        var query = PostgresQuery(unsafeSQL: AuthConfigRow.selectAll + " WHERE true")
        if let toolkit {
            query.sql += " AND lower(toolkit) = $\(query.binds.count + 1)"
            query.binds.append(toolkit.lowercased())
        }
        if !includeDisabled { query.sql += " AND is_enabled" }
        if let search, !search.isEmpty {
            let escaped = search.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            let parameter = query.binds.count + 1
            // SQLite's LIKE ignores ASCII case; ILIKE matches that.
            query.sql += " AND (name ILIKE $\(parameter) ESCAPE '\\' OR toolkit ILIKE $\(parameter) ESCAPE '\\')"
            query.binds.append("%" + escaped + "%")
        }
        query.sql += " ORDER BY created_at DESC, id"
        return try await records("list auth configs", query)
    }

    /// Reads the stored row and writes ``AuthConfigRow/updated(with:box:now:)`` over it in one transaction.
    public func update(_ record: AuthConfigRecord) async throws(StorageError) -> Bool {
        let box = box
        let now = Date().storedPrecision
        return try await database.replace("update an auth config", key: record.id) { (stored: AuthConfigRow) in
            try stored.updated(with: record, box: box, now: now)
        }
    }

    public func delete(id: String) async throws(StorageError) -> Bool {
        try await database.count("delete an auth config", "DELETE FROM auth_configs WHERE id = \(id) RETURNING 1") > 0
    }

    public func connectionCount(id: String) async throws(StorageError) -> Int {
        try await database.integer("count an auth config's accounts", "SELECT count(*) FROM connected_accounts WHERE auth_config_id = \(id)")
    }

    private func records(_ operation: String, _ query: PostgresQuery) async throws(StorageError) -> [AuthConfigRecord] {
        try await database.rows(operation, query, as: AuthConfigRow.self).map { row throws(StorageError) in try row.record(box) }
    }
}

extension AuthConfigRow: PostgresStoredRow {
    init(_ row: PostgresRow) throws {
        let (id, name, toolkit, scheme, enabled, publicFields, secretFields, access, created, updated) = try row.decode(
            (String, String, String, String, Bool, String, Data, String, Date, Date).self
        )
        self.init(
            id: id, name: name, toolkit: toolkit, authScheme: scheme, isEnabled: enabled, publicFields: publicFields,
            secretFields: secretFields, toolAccessConfig: access, createdAt: created, updatedAt: updated
        )
    }

    func bind(into bindings: inout PostgresBindings) {
        bindings.append(id)
        bindings.append(name)
        bindings.append(toolkit)
        bindings.append(authScheme)
        bindings.append(isEnabled)
        bindings.append(publicFields)
        bindings.append(ByteBuffer(bytes: secretFields))
        bindings.append(toolAccessConfig)
        bindings.append(createdAt.storedPrecision)
        bindings.append(updatedAt.storedPrecision)
    }
}
