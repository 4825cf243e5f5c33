public import Foundation
import PostgresNIO
public import Storage

/// `APIKeyStore` over the `api_keys` table.
public struct PostgresAPIKeyStore: APIKeyStore {
    let database: PostgresDatabase

    public func hasActiveKeys() async throws(StorageError) -> Bool {
        try await database.count("count API keys", "SELECT 1 FROM api_keys WHERE revoked_at IS NULL LIMIT 1") > 0
    }

    public func insert(name: String, plaintext: String, scope: APIKeyScope, expiresAt: Date?) async throws(StorageError) -> APIKeyRecord {
        let row = APIKeyRow(name: name, plaintext: plaintext, scope: scope, expiresAt: expiresAt?.storedPrecision, createdAt: Date().storedPrecision)
        _ = try await database.count("store an API key", row.insertQuery)
        return try row.record()
    }

    public func activeKey(hash: String) async throws(StorageError) -> APIKeyRecord? {
        try await records("look up an API key", "\(unescaped: APIKeyRow.selectAll) WHERE key_hash = \(hash) AND revoked_at IS NULL").first
    }

    public func all() async throws(StorageError) -> [APIKeyRecord] {
        try await records("list API keys", "\(unescaped: APIKeyRow.selectAll) ORDER BY created_at DESC")
    }

    public func revoke(id: String) async throws(StorageError) -> Bool {
        try await database.count(
            "revoke an API key",
            "UPDATE api_keys SET revoked_at = \(Date().storedPrecision) WHERE id = \(id) AND revoked_at IS NULL RETURNING 1"
        ) > 0
    }

    private func records(_ operation: String, _ query: PostgresQuery) async throws(StorageError) -> [APIKeyRecord] {
        try await database.rows(operation, query, as: APIKeyRow.self).map { row throws(StorageError) in try row.record() }
    }
}

extension APIKeyRow: PostgresStoredRow {
    init(_ row: PostgresRow) throws {
        let (id, name, keyHash, hint, createdAt, lastUsedAt, revokedAt, scope, expiresAt) = try row.decode(
            (String, String, String, String, Date, Date?, Date?, String?, Date?).self
        )
        self.init(
            id: id, name: name, keyHash: keyHash, hint: hint, createdAt: createdAt, lastUsedAt: lastUsedAt, revokedAt: revokedAt,
            scope: scope, expiresAt: expiresAt
        )
    }

    func bind(into bindings: inout PostgresBindings) {
        bindings.append(id)
        bindings.append(name)
        bindings.append(keyHash)
        bindings.append(hint)
        bindings.append(createdAt.storedPrecision)
        bindings.append(lastUsedAt?.storedPrecision)
        bindings.append(revokedAt?.storedPrecision)
        bindings.append(scope)
        bindings.append(expiresAt?.storedPrecision)
    }
}
