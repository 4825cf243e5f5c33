@testable import PostgresStorage
import Synchronization
import Testing

/// `withDeadline` answers at the deadline even when the work ignores cancellation, which a task group
/// cannot do (leaving its scope waits for every child): the root of issue 22's hanging requests.
struct DeadlineTests {
    /// Work that ignores cancellation and ends only when `release()` is called.
    final class StubbornWork: Sendable {
        private let waiter = Mutex<CheckedContinuation<Void, Never>?>(nil)
        private let released = Mutex(false)

        func run() async -> Int {
            await withCheckedContinuation { continuation in
                let already = released.withLock { $0 }
                if already { continuation.resume() } else { waiter.withLock { $0 = continuation } }
            }
            return 1
        }

        var isReleased: Bool { released.withLock { $0 } }

        func release() {
            released.withLock { $0 = true }
            waiter.withLock { $0.take() }?.resume()
        }
    }

    @Test func answersAtTheDeadlineWhenTheWorkIgnoresCancellation() async throws {
        let work = StubbornWork()
        // Without a structural deadline the call could only return once this releases the work.
        let releaser = Task {
            try? await Task.sleep(for: .seconds(10))
            work.release()
        }
        await #expect(throws: DeadlineExceeded.self) {
            try await withDeadline(.milliseconds(100)) { await work.run() }
        }
        #expect(!work.isReleased, "the caller was answered only after the work ended")
        releaser.cancel()
        work.release()
    }

    @Test func returnsTheResultWhenTheWorkIsFaster() async throws {
        let value = try await withDeadline(.seconds(5)) { 42 }
        #expect(value == 42)
    }

    @Test func passesTheWorksErrorThrough() async throws {
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await withDeadline(.seconds(5)) { () async throws -> Int in throw Refused() }
        }
    }
}
