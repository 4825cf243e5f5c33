public import Foundation
import Synchronization

/// Keeps execution logs off the request path: `insert` queues the record and returns at once, and
/// `flush()` (called every few milliseconds by the server's flusher service, and once at shutdown) writes
/// what is queued to `base` in one transaction.
///
/// Reads and searches see queued records, so `GET /logs/{id}` finds a log as soon as its call has answered. A
/// record is lost only if the process dies before the next flush. The queue is bounded: past
/// `capacity`, the oldest queued records are dropped and counted rather than growing without limit
/// while the database is unreachable.
public final class BufferedExecutionLogStore: ExecutionLogStore {
    private struct State {
        /// Queued records, oldest first, including the batch being written.
        var queue: [ExecutionLogRecord] = []
        /// How many records at the head of `queue` the current flush is writing.
        var inFlight = 0
        var dropped = 0
    }

    private let base: any ExecutionLogStore
    private let capacity: Int
    private let state = Mutex(State())
    /// Serialises flushes so that a batch is written once.
    private let flushing = Mutex(false)

    /// - Parameters:
    ///   - base: where records end up.
    ///   - capacity: the most records kept waiting for the database.
    public init(base: any ExecutionLogStore, capacity: Int = 50_000) {
        self.base = base
        self.capacity = capacity
    }

    public func insert(_ record: ExecutionLogRecord) async throws(StorageError) {
        state.withLock { state in
            state.queue.append(record)
            let excess = state.queue.count - state.inFlight - capacity
            if excess > 0 {
                state.queue.removeSubrange(state.inFlight..<(state.inFlight + excess))
                state.dropped += excess
            }
        }
    }

    public func record(id: String) async throws(StorageError) -> ExecutionLogRecord? {
        if let queued = state.withLock({ $0.queue.last { $0.id == id } }) { return queued }
        return try await base.record(id: id)
    }

    /// The stored matches merged with the queued ones (a queued record may also be stored, mid-flush).
    public func search(_ query: ExecutionLogQuery) async throws(StorageError) -> [ExecutionLogRecord] {
        let queued = state.withLock { $0.queue.filter(query.matches) }
        let stored = try await base.search(query)
        guard !queued.isEmpty else { return stored }
        var seen = Set<String>()
        return (queued + stored).filter { seen.insert($0.id).inserted }.sorted(by: ExecutionLogQuery.precedes).prefix(query.limit).map { $0 }
    }

    public func deleteOlder(than date: Date) async throws(StorageError) -> Int {
        try await base.deleteOlder(than: date)
    }

    /// How many records are waiting to be written.
    public var pendingCount: Int { state.withLock { $0.queue.count } }

    /// Writes every queued record; returns how many were written and how many were dropped since the
    /// last flush (because the queue was full). On failure the records stay queued for the next flush.
    @discardableResult
    public func flush() async throws(StorageError) -> (written: Int, dropped: Int) {
        guard flushing.withLock({ busy in defer { busy = true }; return !busy }) else { return (0, 0) }
        defer { flushing.withLock { $0 = false } }
        let (batch, dropped) = state.withLock { state in
            defer { state.dropped = 0 }
            state.inFlight = state.queue.count
            return (state.queue, state.dropped)
        }
        guard !batch.isEmpty else { return (0, dropped) }
        do {
            try await base.insert(contentsOf: batch)
        } catch {
            state.withLock { $0.inFlight = 0 }
            throw error
        }
        state.withLock { state in
            state.queue.removeFirst(state.inFlight)
            state.inFlight = 0
        }
        return (batch.count, dropped)
    }
}
