import Foundation
import GRDB

/// `AuthConfigStore` over the `auth_configs` table; secret fields are sealed with `box`.
public struct SQLiteAuthConfigStore: AuthConfigStore {
    let writer: any DatabaseWriter
    let box: SecretBox

    private struct Row: Codable, FetchableRecord, PersistableRecord {
        static let databaseTableName = "auth_configs"
        var id: String
        var name: String
        var toolkit: String
        var auth_scheme: String
        var is_enabled: Bool
        var public_fields: String
        var secret_fields: Data
        var tool_access_config: String
        var created_at: Date
        var updated_at: Date

        init(_ record: AuthConfigRecord, box: SecretBox) throws(StorageError) {
            id = record.id
            name = record.name
            toolkit = record.toolkit
            auth_scheme = record.authScheme
            is_enabled = record.isEnabled
            public_fields = String(decoding: try StoredFields.encode(record.publicFields), as: UTF8.self)
            secret_fields = try StoredFields.seal(record.secretFields, with: box)
            tool_access_config = record.toolAccessConfig
            created_at = record.createdAt
            updated_at = record.updatedAt
        }

        func record(_ box: SecretBox) throws(StorageError) -> AuthConfigRecord {
            AuthConfigRecord(
                id: id, name: name, toolkit: toolkit, authScheme: auth_scheme, isEnabled: is_enabled,
                publicFields: try StoredFields.decode(Data(public_fields.utf8)),
                secretFields: try StoredFields.open(secret_fields, with: box),
                toolAccessConfig: tool_access_config, createdAt: created_at, updatedAt: updated_at
            )
        }
    }

    public func insert(_ record: AuthConfigRecord) async throws(StorageError) {
        let row = try Row(record, box: box)
        try await writer.write(for: "store an auth config") { db in try row.insert(db) }
    }

    public func get(id: String) async throws(StorageError) -> AuthConfigRecord? {
        let row = try await writer.read(for: "read an auth config") { db in try Row.fetchOne(db, key: id) }
        return try row?.record(box)
    }

    public func list(toolkit: String?, includeDisabled: Bool, search: String?) async throws(StorageError) -> [AuthConfigRecord] {
        let rows = try await writer.read(for: "list auth configs") { db in
            var request = Row.all()
            if let toolkit {
                request = request.filter(Column("toolkit").lowercased == toolkit.lowercased())
            }
            if !includeDisabled {
                request = request.filter(Column("is_enabled") == true)
            }
            if let search, !search.isEmpty {
                let escaped = search.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_")
                let pattern = "%" + escaped + "%"
                request = request.filter(Column("name").like(pattern, escape: "\\") || Column("toolkit").like(pattern, escape: "\\"))
            }
            return try request.order(Column("created_at").desc, Column("id")).fetchAll(db)
        }
        return try rows.map { row throws(StorageError) in try row.record(box) }
    }

    public func update(_ record: AuthConfigRecord) async throws(StorageError) -> Bool {
        var row = try Row(record, box: box)
        row.updated_at = Date()
        let updated = row
        return try await writer.write(for: "update an auth config") { db in
            guard let stored = try Row.fetchOne(db, key: updated.id) else { return false }
            var replacement = updated
            replacement.created_at = stored.created_at
            try replacement.update(db)
            return true
        }
    }

    public func delete(id: String) async throws(StorageError) -> Bool {
        try await writer.write(for: "delete an auth config") { db in try Row.deleteOne(db, key: id) }
    }

    public func connectionCount(id: String) async throws(StorageError) -> Int {
        try await writer.read(for: "count an auth config's accounts") { db in
            try Table("connected_accounts").filter(Column("auth_config_id") == id).fetchCount(db)
        }
    }
}
