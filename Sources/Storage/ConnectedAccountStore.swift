public import Foundation

/// A connected account (`ca_…`): one user's connection through an auth config, with its secrets
/// decrypted in memory.
public struct ConnectedAccountRecord: Sendable, Equatable {
    public var id: String
    public var userID: String
    public var authConfigID: String
    public var status: ConnectionStatus
    public var statusReason: String?
    public var isDisabled: Bool
    public var alias: String?
    /// Where the browser goes when an OAuth connection completes.
    public var callbackURL: String?
    public var subdomain: String?
    public var apiDomain: String?
    /// The account's tokens; sealed in the database.
    public var secrets: AccountSecrets
    /// When the access token expires, if it does.
    public var expiresAt: Date?
    public var scope: String?
    /// Incremented by the store on every change of `secrets`; the basis of `replaceSecrets`' compare-and-set.
    public var tokenVersion: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, userID: String, authConfigID: String, status: ConnectionStatus, statusReason: String? = nil, isDisabled: Bool = false,
        alias: String? = nil, callbackURL: String? = nil, subdomain: String? = nil, apiDomain: String? = nil,
        secrets: AccountSecrets = AccountSecrets(), expiresAt: Date? = nil, scope: String? = nil, tokenVersion: Int = 0,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.userID = userID
        self.authConfigID = authConfigID
        self.status = status
        self.statusReason = statusReason
        self.isDisabled = isDisabled
        self.alias = alias
        self.callbackURL = callbackURL
        self.subdomain = subdomain
        self.apiDomain = apiDomain
        self.secrets = secrets
        self.expiresAt = expiresAt
        self.scope = scope
        self.tokenVersion = tokenVersion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension ConnectedAccountRecord: CustomReflectable {
    /// The record without its secret values, so printing, interpolating or dumping it cannot leak them.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "id": id, "userID": userID, "authConfigID": authConfigID, "status": status, "statusReason": statusReason as Any,
                "isDisabled": isDisabled, "alias": alias as Any, "callbackURL": callbackURL as Any, "subdomain": subdomain as Any,
                "apiDomain": apiDomain as Any, "secrets": secrets, "expiresAt": expiresAt as Any, "scope": scope as Any,
                "tokenVersion": tokenVersion, "createdAt": createdAt, "updatedAt": updatedAt,
            ],
            displayStyle: .struct
        )
    }
}

/// Where connected accounts live. Stored dates keep millisecond precision.
public protocol ConnectedAccountStore: Sendable {
    /// Stores a new account.
    /// - Throws: `StorageError.queryFailed` when `record.id` is taken or its auth config does not exist.
    func insert(_ record: ConnectedAccountRecord) async throws(StorageError)
    /// The account `id`, if any.
    /// - Throws: `StorageError.cannotDecrypt` when its secrets were sealed with another key;
    ///   `StorageError.queryFailed` when its stored status is none of ``ConnectionStatus`` (which only
    ///   an edit of the database or a newer Toolport can store).
    func get(id: String) async throws(StorageError) -> ConnectedAccountRecord?
    /// The accounts that pass every non-empty list of `filter`, in its order.
    /// - Throws: as `get(id:)` for any account that would be listed.
    func list(_ filter: ConnectedAccountFilter) async throws(StorageError) -> [ConnectedAccountRecord]
    /// Replaces the stored account `record.id` with `record` (all but `createdAt`) and sets
    /// `updatedAt` to now; returns false when there is no such account.
    ///
    /// The store keeps `tokenVersion`: it goes up by one when `secrets` change. A record whose
    /// `tokenVersion` is behind the stored one was read before a newer token was stored, so its
    /// token fields (`secrets`, `expiresAt`, `apiDomain`, `scope`) are not written back.
    func update(_ record: ConnectedAccountRecord) async throws(StorageError) -> Bool
    /// Deletes the account (and its OAuth states and connect links); returns false when there is none.
    func delete(id: String) async throws(StorageError) -> Bool
    /// Compare-and-set of the account's tokens, for refreshes: only while the stored `tokenVersion`
    /// is `expectedVersion`, atomically stores `secrets` and `expiresAt`, `apiDomain` and `scope`
    /// (nil keeps the stored value of those two), increments `tokenVersion`, sets the status
    /// `ACTIVE` and clears the status reason.
    /// - Returns: the stored account, or nil when it is gone or its version moved on (re-read it then).
    func replaceSecrets(
        id: String, expectedVersion: Int, secrets: AccountSecrets, expiresAt: Date?, apiDomain: String?, scope: String?
    ) async throws(StorageError) -> ConnectedAccountRecord?
    /// Sets the account's status and status reason; returns false when there is no such account.
    func setStatus(id: String, status: ConnectionStatus, reason: String?) async throws(StorageError) -> Bool
    /// Runs `body`, a token refresh of the account `id`, while no other refresh of it runs anywhere the
    /// store reaches: every process on a shared database waits for the one in progress. `body`'s errors
    /// pass through; the store throws `StorageError` when it cannot take the lock.
    func withRefreshLock<T: Sendable>(id: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T
}
