public import Foundation

/// A tool router session: one end user's agent configuration, kept with every version it has had.
public struct SessionRecord: Sendable, Equatable {
    /// `trs_…`.
    public var id: String
    public var userID: String
    /// The current version: 1 when created, one more on every update.
    public var configVersion: Int
    /// The configuration as JSON text, in the API's shape (the Server module reads and writes it).
    public var config: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, userID: String, configVersion: Int, config: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.userID = userID
        self.configVersion = configVersion
        self.config = config
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One version of a session's configuration, as its history lists it.
public struct SessionConfigVersion: Sendable, Equatable {
    public var sessionID: String
    public var version: Int
    public var config: String
    public var createdAt: Date

    public init(sessionID: String, version: Int, config: String, createdAt: Date) {
        self.sessionID = sessionID
        self.version = version
        self.config = config
        self.createdAt = createdAt
    }
}

/// What an update of a session's configuration did.
public enum SessionUpdate: Sendable, Equatable {
    /// Written as the next version.
    case updated(SessionRecord)
    /// There is no such session.
    case notFound
    /// The caller expected another version than the current one; nothing was written.
    case conflict(currentVersion: Int)
}

/// Where tool router sessions and their configuration history live.
public protocol SessionStore: Sendable {
    /// Stores a new session and its configuration as version `record.configVersion` of its history.
    func insert(_ record: SessionRecord) async throws(StorageError)
    /// The session `id`, or `nil`.
    func get(id: String) async throws(StorageError) -> SessionRecord?
    /// Writes `config` as the next version of session `id`, in one transaction with its history entry, when
    /// `expectedVersion` is `nil` or the current version.
    func update(id: String, config: String, expectedVersion: Int?, now: Date) async throws(StorageError) -> SessionUpdate
    /// Deletes the session and its history; false when there was none.
    func delete(id: String) async throws(StorageError) -> Bool
    /// The session's configuration versions, newest first, from `offset`, at most `limit`; and how many there are.
    func history(id: String, limit: Int, offset: Int) async throws(StorageError) -> (versions: [SessionConfigVersion], total: Int)
}
