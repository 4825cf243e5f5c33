public import Foundation

/// A single-use OAuth `state`, tying Pipedrive's callback to the account it completes.
public struct OAuthStateRecord: Sendable, Equatable {
    public var state: String
    public var connectedAccountID: String?
    /// The `redirect_uri` sent with the authorization request, needed again for the code exchange.
    public var redirectURI: String?
    public var expiresAt: Date
    public var usedAt: Date?

    public init(state: String, connectedAccountID: String?, redirectURI: String?, expiresAt: Date, usedAt: Date? = nil) {
        self.state = state
        self.connectedAccountID = connectedAccountID
        self.redirectURI = redirectURI
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

/// Where OAuth states live until they are used or expire.
public protocol OAuthStateStore: Sendable {
    /// Stores a new state.
    /// - Throws: `StorageError.queryFailed` when the state exists or its account does not.
    func insert(_ record: OAuthStateRecord) async throws(StorageError)
    /// Marks `state` used at `now` and returns it, only if it exists, is unused and has not expired:
    /// of concurrent callers with the same state, at most one gets it.
    func consume(state: String, now: Date) async throws(StorageError) -> OAuthStateRecord?
}
