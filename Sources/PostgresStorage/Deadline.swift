import Synchronization

/// Thrown by `withDeadline` when the time is up.
struct DeadlineExceeded: Error {}

/// `body`'s result, or `DeadlineExceeded` as soon as `timeout` passes first.
///
/// The deadline is structural: the caller gets its answer at the deadline whatever `body` is doing.
/// `body` runs in a task of its own that is cancelled, not awaited, when time is up, because work that
/// ignores cancellation (a lease queued on a pool that is being replaced, a query on a socket nobody
/// answers) would otherwise hold the caller until it ends by itself. A task group cannot give this
/// guarantee: leaving its scope waits for every child.
func withDeadline<T: Sendable>(_ timeout: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let outcome = FirstOutcome<T>()
    let work = Task {
        do { outcome.resolve(.success(try await body())) } catch { outcome.resolve(.failure(error)) }
    }
    let timer = Task {
        try? await Task.sleep(for: timeout)
        outcome.resolve(.failure(DeadlineExceeded()))
    }
    defer {
        work.cancel()
        timer.cancel()
    }
    return try await withTaskCancellationHandler {
        try await outcome.value()
    } onCancel: {
        outcome.resolve(.failure(CancellationError()))
    }
}

/// The first of several results to arrive, handed to one waiter; later ones are dropped.
final class FirstOutcome<T: Sendable>: Sendable {
    private enum State {
        case waiting(CheckedContinuation<T, any Error>?)
        case resolved(Result<T, any Error>)
    }

    private let state = Mutex(State.waiting(nil))

    /// Keeps `result` when it is the first; resumes the waiter, if one is waiting.
    func resolve(_ result: Result<T, any Error>) {
        let waiter: CheckedContinuation<T, any Error>? = state.withLock { state in
            guard case .waiting(let waiter) = state else { return nil }
            state = .resolved(result)
            return waiter
        }
        waiter?.resume(with: result)
    }

    /// The first result, once there is one. Call once.
    func value() async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<T, any Error>? = state.withLock { state in
                switch state {
                case .waiting: state = .waiting(continuation); return nil
                case .resolved(let result): return result
                }
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
