public import Foundation
import GRDB

/// `APIKeyStore` over the `api_keys` table.
public struct SQLiteAPIKeyStore: APIKeyStore {
    let writer: any DatabaseWriter

    private struct Row: Codable, FetchableRecord, PersistableRecord {
        static let databaseTableName = "api_keys"
        var id: String
        var name: String
        var key_hash: String
        var hint: String
        var created_at: Date
        var last_used_at: Date?
        var revoked_at: Date?
        var scope: String?
        var expires_at: Date?

        func record() throws(StorageError) -> APIKeyRecord {
            APIKeyRecord(
                id: id, name: name, hint: hint, createdAt: created_at, lastUsedAt: last_used_at, revokedAt: revoked_at,
                scope: try APIKeyScope(storedText: scope), expiresAt: expires_at
            )
        }
    }

    public func hasActiveKeys() async throws(StorageError) -> Bool {
        try await writer.read(for: "count API keys") { db in
            try Row.filter(Column("revoked_at") == nil).fetchCount(db) > 0
        }
    }

    public func insert(name: String, plaintext: String, scope: APIKeyScope, expiresAt: Date?) async throws(StorageError) -> APIKeyRecord {
        let row = Row(
            id: "key_" + String(APIKeySecret.hash(UUID().uuidString + plaintext).prefix(16)),
            name: name,
            key_hash: APIKeySecret.hash(plaintext),
            hint: APIKeySecret.hint(plaintext),
            created_at: Date(),
            last_used_at: nil,
            revoked_at: nil,
            scope: scope.storedText,
            expires_at: expiresAt
        )
        try await writer.write(for: "store an API key") { db in try row.insert(db) }
        return try row.record()
    }

    public func activeKey(hash: String) async throws(StorageError) -> APIKeyRecord? {
        try await writer.read(for: "look up an API key") { db in
            try Row.filter(Column("key_hash") == hash && Column("revoked_at") == nil).fetchOne(db)
        }?.record()
    }

    public func all() async throws(StorageError) -> [APIKeyRecord] {
        var records: [APIKeyRecord] = []
        for row in try await writer.read(for: "list API keys", { db in try Row.order(Column("created_at").desc).fetchAll(db) }) {
            records.append(try row.record())
        }
        return records
    }

    public func revoke(id: String) async throws(StorageError) -> Bool {
        try await writer.write(for: "revoke an API key") { db in
            try Row.filter(Column("id") == id && Column("revoked_at") == nil)
                .updateAll(db, Column("revoked_at").set(to: Date())) > 0
        }
    }
}
