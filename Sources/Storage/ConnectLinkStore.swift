public import Foundation

/// A single-use connect link: a hosted page where a user hands over a token for an account.
public struct ConnectLinkRecord: Sendable, Equatable {
    /// The link's token, in its URL.
    public var token: String
    public var connectedAccountID: String?
    /// The token the link's form must send back.
    public var csrfToken: String
    public var expiresAt: Date
    public var usedAt: Date?

    public init(token: String, connectedAccountID: String?, csrfToken: String, expiresAt: Date, usedAt: Date? = nil) {
        self.token = token
        self.connectedAccountID = connectedAccountID
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

/// Where connect links live until they are used or expire.
public protocol ConnectLinkStore: Sendable {
    /// Stores a new link.
    /// - Throws: `StorageError.queryFailed` when the token exists or its account does not.
    func insert(_ record: ConnectLinkRecord) async throws(StorageError)
    /// The link `token`, used or not, expired or not.
    func get(token: String) async throws(StorageError) -> ConnectLinkRecord?
    /// Marks `token` used at `now` and returns it, only if it exists, is unused and has not expired:
    /// of concurrent callers with the same token, at most one gets it.
    func consume(token: String, now: Date) async throws(StorageError) -> ConnectLinkRecord?
}
