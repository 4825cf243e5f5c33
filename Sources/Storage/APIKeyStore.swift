public import Foundation

/// What an API key may do. The default, with no restriction, is an admin key.
public struct APIKeyScope: Sendable, Equatable, Codable {
    /// The end users the key may act as; nil: any (admin).
    public var userIDs: [String]?
    /// The tools the key may list and run, exact slugs or `*` globs (`PIPEDRIVE_GET_*`); nil: every tool.
    public var tools: [String]?
    /// Whether only tools that read may run.
    public var readOnly: Bool

    public init(userIDs: [String]? = nil, tools: [String]? = nil, readOnly: Bool = false) {
        self.userIDs = userIDs
        self.tools = tools
        self.readOnly = readOnly
    }

    /// No restriction: the key may manage auth configs, accounts and keys.
    public static let admin = APIKeyScope()

    /// Whether this is an admin key.
    public var isAdmin: Bool { userIDs == nil && tools == nil && !readOnly }

    enum CodingKeys: String, CodingKey {
        case userIDs = "user_ids"
        case tools
        case readOnly = "read_only"
    }
}

/// A stored API key, without its value.
public struct APIKeyRecord: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    /// The last characters of the key (`…a1b2`).
    public var hint: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?
    public var scope: APIKeyScope
    /// After this the key answers 401; nil: never.
    public var expiresAt: Date?

    public init(
        id: String, name: String, hint: String, createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil,
        scope: APIKeyScope = .admin, expiresAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.hint = hint
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
        self.scope = scope
        self.expiresAt = expiresAt
    }
}

/// Where API keys live: SQLite or PostgreSQL behind one protocol.
public protocol APIKeyStore: Sendable {
    /// Whether any key that is not revoked exists.
    func hasActiveKeys() async throws(StorageError) -> Bool
    /// Stores the hash of `plaintext` under `name`, with what it may do, and returns the new record.
    func insert(name: String, plaintext: String, scope: APIKeyScope, expiresAt: Date?) async throws(StorageError) -> APIKeyRecord
    /// The key whose SHA-256 is `hash`, if it is not revoked (it may have expired: see `expiresAt`).
    func activeKey(hash: String) async throws(StorageError) -> APIKeyRecord?
    /// Every key, newest first.
    func all() async throws(StorageError) -> [APIKeyRecord]
    /// Marks `id` revoked; returns false when there is no such active key.
    func revoke(id: String) async throws(StorageError) -> Bool
}

extension APIKeyStore {
    /// Stores an admin key that never expires.
    public func insert(name: String, plaintext: String) async throws(StorageError) -> APIKeyRecord {
        try await insert(name: name, plaintext: plaintext, scope: .admin, expiresAt: nil)
    }
}

extension APIKeyScope {
    /// The scope as stored: JSON text, or nil for an admin key.
    public var storedText: String? {
        guard !isAdmin, let data = try? JSONEncoder().encode(self) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// The scope stored as `text` (nil: admin).
    /// - Throws: `StorageError.queryFailed` when the text is not a scope, which only a manual edit can cause.
    public init(storedText text: String?) throws(StorageError) {
        guard let text else {
            self = .admin
            return
        }
        do {
            self = try JSONDecoder().decode(APIKeyScope.self, from: Data(text.utf8))
        } catch {
            throw .queryFailed(operation: "read an API key's scope", reason: "the stored scope is not valid JSON")
        }
    }
}
