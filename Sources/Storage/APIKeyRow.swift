package import Foundation

/// An API key as the `api_keys` table holds it: its SHA-256 instead of its value, its scope as JSON
/// text.
package struct APIKeyRow: StoredRow {
    package static let table = "api_keys"

    package enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name
        case keyHash = "key_hash"
        case hint
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
        case revokedAt = "revoked_at"
        case scope
        case expiresAt = "expires_at"
    }

    package var id: String
    package var name: String
    package var keyHash: String
    package var hint: String
    package var createdAt: Date
    package var lastUsedAt: Date?
    package var revokedAt: Date?
    package var scope: String?
    package var expiresAt: Date?

    /// A row of these column values.
    package init(
        id: String, name: String, keyHash: String, hint: String, createdAt: Date, lastUsedAt: Date?, revokedAt: Date?,
        scope: String?, expiresAt: Date?
    ) {
        self.id = id
        self.name = name
        self.keyHash = keyHash
        self.hint = hint
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
        self.scope = scope
        self.expiresAt = expiresAt
    }

    /// A new key's row: the hash and hint of `plaintext`, and an ID derived from it and a UUID.
    package init(name: String, plaintext: String, scope: APIKeyScope, expiresAt: Date?, createdAt: Date) {
        id = "key_" + String(APIKeySecret.hash(UUID().uuidString + plaintext).prefix(16))
        self.name = name
        keyHash = APIKeySecret.hash(plaintext)
        hint = APIKeySecret.hint(plaintext)
        self.createdAt = createdAt
        self.scope = scope.storedText
        self.expiresAt = expiresAt
    }

    /// The key, without its hash.
    /// - Throws: `StorageError.queryFailed` when the stored scope is not a scope.
    package func record() throws(StorageError) -> APIKeyRecord {
        APIKeyRecord(
            id: id, name: name, hint: hint, createdAt: createdAt, lastUsedAt: lastUsedAt, revokedAt: revokedAt,
            scope: try APIKeyScope(storedText: scope), expiresAt: expiresAt
        )
    }
}
