import Foundation
import SQLiteStorage
import Storage
import Testing
import Synchronization

/// Execution logs queue in memory, are readable at once, and reach the database in batches.
struct BufferedExecutionLogStoreTests {
    static func record(_ id: String) -> ExecutionLogRecord {
        ExecutionLogRecord(
            id: id, toolSlug: "PIPEDRIVE_GET_DEAL", connectedAccountID: "ca_1", userID: "u1", method: "GET",
            url: "https://api.pipedrive.com/api/v2/deals/1", statusCode: 200, successful: true, durationMilliseconds: 3,
            attempts: 1, error: nil, createdAt: Date()
        )
    }

    @Test func aQueuedLogIsReadableBeforeItIsWrittenAndAfter() async throws {
        let database = try SQLiteStorage.inMemory()
        let logs = BufferedExecutionLogStore(base: database.executionLogs)
        try await logs.insert(Self.record("log_1"))
        #expect(try await logs.record(id: "log_1")?.toolSlug == "PIPEDRIVE_GET_DEAL")
        #expect(try await database.executionLogs.record(id: "log_1") == nil)

        let flushed = try await logs.flush()
        #expect(flushed.written == 1)
        #expect(logs.pendingCount == 0)
        #expect(try await database.executionLogs.record(id: "log_1")?.statusCode == 200)
        #expect(try await logs.record(id: "log_1")?.statusCode == 200)
    }

    @Test func oneFlushWritesEveryQueuedLogInOneBatch() async throws {
        let base = CountingLogs()
        let logs = BufferedExecutionLogStore(base: base)
        for index in 0..<250 { try await logs.insert(Self.record("log_\(index)")) }
        #expect(try await logs.flush().written == 250)
        #expect(base.batches.withLock { $0 } == [250])
        #expect(try await logs.flush().written == 0)
    }

    @Test func aFullQueueDropsTheOldestAndCountsThem() async throws {
        let database = try SQLiteStorage.inMemory()
        let logs = BufferedExecutionLogStore(base: database.executionLogs, capacity: 3)
        for index in 0..<5 { try await logs.insert(Self.record("log_\(index)")) }
        #expect(logs.pendingCount == 3)
        let flushed = try await logs.flush()
        #expect(flushed.written == 3)
        #expect(flushed.dropped == 2)
        #expect(try await logs.record(id: "log_1") == nil)
        #expect(try await logs.record(id: "log_4") != nil)
    }

    @Test func aFailedFlushKeepsTheLogsForTheNextOne() async throws {
        let base = CountingLogs(failures: 1)
        let logs = BufferedExecutionLogStore(base: base)
        try await logs.insert(Self.record("log_1"))
        await #expect(throws: StorageError.self) { try await logs.flush() }
        #expect(logs.pendingCount == 1)
        #expect(try await logs.record(id: "log_1") != nil)
        #expect(try await logs.flush().written == 1)
        #expect(logs.pendingCount == 0)
    }
}

/// Records batch sizes, failing the first `failures` batches.
final class CountingLogs: ExecutionLogStore {
    let batches = Mutex<[Int]>([])
    let remainingFailures: Mutex<Int>

    init(failures: Int = 0) {
        remainingFailures = Mutex(failures)
    }

    func insert(_ record: ExecutionLogRecord) async throws(StorageError) {
        try await insert(contentsOf: [record])
    }

    func insert(contentsOf records: [ExecutionLogRecord]) async throws(StorageError) {
        let fail = remainingFailures.withLock { remaining in
            defer { remaining = max(0, remaining - 1) }
            return remaining > 0
        }
        if fail { throw .queryFailed(operation: "store execution logs", reason: "database is locked") }
        batches.withLock { $0.append(records.count) }
    }

    func record(id: String) async throws(StorageError) -> ExecutionLogRecord? { nil }
    func search(_ query: ExecutionLogQuery) async throws(StorageError) -> [ExecutionLogRecord] { [] }
    func deleteOlder(than date: Date) async throws(StorageError) -> Int { 0 }
}
