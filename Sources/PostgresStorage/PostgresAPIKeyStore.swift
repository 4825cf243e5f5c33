public import Foundation
import PostgresNIO
public import Storage

/// `APIKeyStore` over the `api_keys` table.
public struct PostgresAPIKeyStore: APIKeyStore {
    let database: PostgresDatabase

    private static let columns = "id, name, hint, created_at, last_used_at, revoked_at, scope, expires_at"

    public func hasActiveKeys() async throws(StorageError) -> Bool {
        try await database.count("count API keys", "SELECT 1 FROM api_keys WHERE revoked_at IS NULL LIMIT 1") > 0
    }

    public func insert(name: String, plaintext: String, scope: APIKeyScope, expiresAt: Date?) async throws(StorageError) -> APIKeyRecord {
        let record = APIKeyRecord(
            id: "key_" + String(APIKeySecret.hash(UUID().uuidString + plaintext).prefix(16)), name: name,
            hint: APIKeySecret.hint(plaintext), createdAt: Date().storedPrecision, lastUsedAt: nil, revokedAt: nil,
            scope: scope, expiresAt: expiresAt?.storedPrecision
        )
        _ = try await database.count(
            "store an API key",
            """
            INSERT INTO api_keys (id, name, key_hash, hint, created_at, scope, expires_at)
            VALUES (\(record.id), \(record.name), \(APIKeySecret.hash(plaintext)), \(record.hint), \(record.createdAt),
                    \(scope.storedText), \(record.expiresAt))
            """
        )
        return record
    }

    public func activeKey(hash: String) async throws(StorageError) -> APIKeyRecord? {
        try await records(
            "look up an API key", "SELECT \(unescaped: Self.columns) FROM api_keys WHERE key_hash = \(hash) AND revoked_at IS NULL"
        ).first
    }

    public func all() async throws(StorageError) -> [APIKeyRecord] {
        try await records("list API keys", "SELECT \(unescaped: Self.columns) FROM api_keys ORDER BY created_at DESC")
    }

    public func revoke(id: String) async throws(StorageError) -> Bool {
        try await database.count(
            "revoke an API key",
            "UPDATE api_keys SET revoked_at = \(Date().storedPrecision) WHERE id = \(id) AND revoked_at IS NULL RETURNING 1"
        ) > 0
    }

    private func records(_ operation: String, _ query: PostgresQuery) async throws(StorageError) -> [APIKeyRecord] {
        try database.decode(operation, try await database.rows(operation, query)) { row in
            let (id, name, hint, created, used, revoked, scope, expires) = try row.decode((String, String, String, Date, Date?, Date?, String?, Date?).self)
            return APIKeyRecord(
                id: id, name: name, hint: hint, createdAt: created, lastUsedAt: used, revokedAt: revoked,
                scope: try APIKeyScope(storedText: scope), expiresAt: expires
            )
        }
    }
}
