public import Foundation

/// A stored API key, without its value.
public struct APIKeyRecord: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    /// The last characters of the key (`…a1b2`).
    public var hint: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: String, name: String, hint: String, createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.hint = hint
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}

/// Where API keys live. SQLite today; the protocol keeps the server independent of the engine.
public protocol APIKeyStore: Sendable {
    /// Whether any key that is not revoked exists.
    func hasActiveKeys() async throws(StorageError) -> Bool
    /// Stores the hash of `plaintext` under `name` and returns the new record.
    func insert(name: String, plaintext: String) async throws(StorageError) -> APIKeyRecord
    /// The active key whose SHA-256 is `hash`, if any.
    func activeKey(hash: String) async throws(StorageError) -> APIKeyRecord?
    /// Every key, newest first.
    func all() async throws(StorageError) -> [APIKeyRecord]
    /// Marks `id` revoked; returns false when there is no such active key.
    func revoke(id: String) async throws(StorageError) -> Bool
}
