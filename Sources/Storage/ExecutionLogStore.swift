public import Foundation

/// What Toolport keeps about one tool execution: never arguments, bodies or credentials.
public struct ExecutionLogRecord: Sendable, Equatable, Codable {
    public var id: String
    public var toolSlug: String
    public var connectedAccountID: String?
    public var userID: String?
    public var method: String?
    /// The upstream URL, without query values that could carry secrets.
    public var url: String?
    public var statusCode: Int?
    public var successful: Bool
    public var durationMilliseconds: Int
    public var attempts: Int
    public var error: String?
    public var createdAt: Date
    /// A dry run: the request was built and shown, not sent.
    public var dryRun: Bool
    /// The `x-request-id` of the API request that made the call (nil for calls made before v7, or outside a request).
    public var requestID: String?

    public init(
        id: String, toolSlug: String, connectedAccountID: String?, userID: String?, method: String?, url: String?,
        statusCode: Int?, successful: Bool, durationMilliseconds: Int, attempts: Int, error: String?, createdAt: Date, dryRun: Bool = false,
        requestID: String? = nil
    ) {
        self.id = id
        self.toolSlug = toolSlug
        self.connectedAccountID = connectedAccountID
        self.userID = userID
        self.method = method
        self.url = url
        self.statusCode = statusCode
        self.successful = successful
        self.durationMilliseconds = durationMilliseconds
        self.attempts = attempts
        self.error = error
        self.createdAt = createdAt
        self.dryRun = dryRun
        self.requestID = requestID
    }
}

/// Where execution logs live.
public protocol ExecutionLogStore: Sendable {
    func insert(_ record: ExecutionLogRecord) async throws(StorageError)
    /// Stores several records at once (one transaction where the store has them).
    func insert(contentsOf records: [ExecutionLogRecord]) async throws(StorageError)
    func record(id: String) async throws(StorageError) -> ExecutionLogRecord?
    /// The records `query` asks for, in its order (newest first), at most `query.limit`.
    func search(_ query: ExecutionLogQuery) async throws(StorageError) -> [ExecutionLogRecord]
    /// Deletes logs created before `date`; returns how many.
    func deleteOlder(than date: Date) async throws(StorageError) -> Int
}

extension ExecutionLogStore {
    /// Stores the records one by one; stores with transactions do better.
    public func insert(contentsOf records: [ExecutionLogRecord]) async throws(StorageError) {
        for record in records { try await insert(record) }
    }
}
