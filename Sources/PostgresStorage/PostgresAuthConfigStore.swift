import Foundation
import PostgresNIO
public import Storage

/// `AuthConfigStore` over the `auth_configs` table; secret fields are sealed with `box`.
public struct PostgresAuthConfigStore: AuthConfigStore {
    let database: PostgresDatabase
    let box: SecretBox

    private static let columns =
        "id, name, toolkit, auth_scheme, is_enabled, public_fields, secret_fields, tool_access_config, created_at, updated_at"

    public func insert(_ record: AuthConfigRecord) async throws(StorageError) {
        let publicFields = String(decoding: try StoredFields.encode(record.publicFields), as: UTF8.self)
        let secretFields = ByteBuffer(bytes: try StoredFields.seal(record.secretFields, with: box))
        _ = try await database.count(
            "store an auth config",
            """
            INSERT INTO auth_configs (\(unescaped: Self.columns)) VALUES (
                \(record.id), \(record.name), \(record.toolkit), \(record.authScheme), \(record.isEnabled), \(publicFields),
                \(secretFields), \(record.toolAccessConfig), \(record.createdAt.storedPrecision), \(record.updatedAt.storedPrecision))
            """
        )
    }

    public func get(id: String) async throws(StorageError) -> AuthConfigRecord? {
        try await records("read an auth config", "SELECT \(unescaped: Self.columns) FROM auth_configs WHERE id = \(id)").first
    }

    public func list(toolkit: String?, includeDisabled: Bool, search: String?) async throws(StorageError) -> [AuthConfigRecord] {
        var query: PostgresQuery = "SELECT \(unescaped: Self.columns) FROM auth_configs WHERE true"
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

    public func update(_ record: AuthConfigRecord) async throws(StorageError) -> Bool {
        let publicFields = String(decoding: try StoredFields.encode(record.publicFields), as: UTF8.self)
        let secretFields = ByteBuffer(bytes: try StoredFields.seal(record.secretFields, with: box))
        return try await database.count(
            "update an auth config",
            """
            UPDATE auth_configs SET name = \(record.name), toolkit = \(record.toolkit), auth_scheme = \(record.authScheme),
                is_enabled = \(record.isEnabled), public_fields = \(publicFields), secret_fields = \(secretFields),
                tool_access_config = \(record.toolAccessConfig), updated_at = \(Date().storedPrecision)
            WHERE id = \(record.id) RETURNING 1
            """
        ) > 0
    }

    public func delete(id: String) async throws(StorageError) -> Bool {
        try await database.count("delete an auth config", "DELETE FROM auth_configs WHERE id = \(id) RETURNING 1") > 0
    }

    public func connectionCount(id: String) async throws(StorageError) -> Int {
        let operation = "count an auth config's accounts"
        let rows = try await database.rows(operation, "SELECT count(*) FROM connected_accounts WHERE auth_config_id = \(id)")
        return try database.decode(operation, rows) { try $0.decode(Int.self) }.first ?? 0
    }

    private func records(_ operation: String, _ query: PostgresQuery) async throws(StorageError) -> [AuthConfigRecord] {
        let rows = try await database.rows(operation, query)
        let box = box
        return try database.decode(operation, rows) { row in
            let (id, name, toolkit, scheme, enabled, publicFields, secretFields, access, created, updated) = try row.decode(
                (String, String, String, String, Bool, String, Data, String, Date, Date).self
            )
            return AuthConfigRecord(
                id: id, name: name, toolkit: toolkit, authScheme: scheme, isEnabled: enabled,
                publicFields: try StoredFields.decode(Data(publicFields.utf8)), secretFields: try StoredFields.open(secretFields, with: box),
                toolAccessConfig: access, createdAt: created, updatedAt: updated
            )
        }
    }
}
