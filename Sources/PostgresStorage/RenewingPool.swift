import Logging
import PostgresNIO
import Synchronization

/// The connection pool, replaced by a fresh one once it has failed for a while.
///
/// postgres-nio's pool retries a failed connection with a backoff that grows to 60 s, so after a long
/// outage it could take up to a minute to notice the database is back. A pool whose operations have
/// failed for longer than `renewAfter` is set aside for a new one, which starts again at 100 ms.
final class RenewingPool: Sendable {
    private struct State {
        var client: PostgresClient
        var retire: AsyncStream<Never>.Continuation
        var createdAt: ContinuousClock.Instant
        var lastSuccess: ContinuousClock.Instant
        /// When an operation last failed to reach the database, if that was after `lastSuccess`.
        var failingSince: ContinuousClock.Instant?
        var probing = false
    }

    private let configuration: PostgresClient.Configuration
    private let renewAfter: Duration
    private let logger: Logger
    private let state: Mutex<State>
    /// Each new client with the signal that ends it, for `run()`.
    private let clients: AsyncStream<(PostgresClient, AsyncStream<Never>)>.Continuation
    private let pending: AsyncStream<(PostgresClient, AsyncStream<Never>)>
    /// One element each time `run()` starts a client.
    private let started: (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation)

    init(configuration: PostgresClient.Configuration, renewAfter: Duration, logger: Logger) {
        self.configuration = configuration
        self.renewAfter = renewAfter
        self.logger = logger
        (pending, clients) = AsyncStream.makeStream()
        started = AsyncStream.makeStream()
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let (retired, retire) = AsyncStream<Never>.makeStream()
        let now = ContinuousClock.now
        state = Mutex(State(client: client, retire: retire, createdAt: now, lastSuccess: now))
        clients.yield((client, retired))
    }

    /// The pool operations use now.
    var client: PostgresClient { state.withLock { $0.client } }

    /// Notes that an operation reached the database.
    func succeeded() {
        state.withLock { state in
            state.lastSuccess = .now
            state.failingSince = nil
        }
    }

    /// Whether the latest operation to finish could not reach the database (none has reached it since):
    /// what a readiness probe answers from at once.
    var isKnownUnreachable: Bool { state.withLock { $0.failingSince != nil } }

    /// Claims the one background probe; false when one is already running.
    func beginProbe() -> Bool {
        state.withLock { state in
            guard !state.probing else { return false }
            state.probing = true
            return true
        }
    }

    /// Ends the probe `beginProbe` claimed.
    func endProbe() {
        state.withLock { $0.probing = false }
    }

    /// Notes that an operation could not reach the database; replaces the pool when nothing has reached
    /// it for `renewAfter` and the pool is at least that old.
    func failedToReach() {
        let now = ContinuousClock.now
        let renewed: (PostgresClient, AsyncStream<Never>)? = state.withLock { state in
            if state.failingSince == nil { state.failingSince = now }
            guard now - state.lastSuccess >= renewAfter, now - state.createdAt >= renewAfter else { return nil }
            state.retire.finish()
            let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            let (retired, retire) = AsyncStream<Never>.makeStream()
            state.client = client
            state.retire = retire
            state.createdAt = now
            return (client, retired)
        }
        guard let renewed else { return }
        logger.notice("PostgreSQL has not answered for a while: starting a fresh connection pool")
        clients.yield(renewed)
    }

    /// Returns once `run()` has started the first pool, so that operations do not queue for a pool
    /// that is not running yet.
    func waitUntilRunning() async {
        for await _ in started.stream { return }
    }

    /// Runs every pool handed out, each until the next one replaces it, until the task is cancelled.
    func run() async {
        let started = started.continuation
        await withDiscardingTaskGroup { group in
            for await (client, retired) in pending {
                group.addTask {
                    await withTaskGroup(of: Void.self) { lifetime in
                        lifetime.addTask {
                            started.yield()
                            await client.run()
                        }
                        for await _ in retired {}
                        lifetime.cancelAll()
                    }
                }
            }
        }
    }
}
