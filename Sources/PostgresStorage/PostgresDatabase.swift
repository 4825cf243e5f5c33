import Foundation
import Logging
import PostgresNIO
import Storage
import Synchronization

/// The pool and the rules every store follows: each operation gets a connection and finishes within
/// the configured timeout, and failures become `StorageError`s that never quote row values.
struct PostgresDatabase: Sendable {
    let pool: RenewingPool
    let configuration: PostgresStorageConfiguration
    let logger: Logger

    /// Runs `body` on one pooled connection, within the operation timeout: waiting for the connection and
    /// the work itself share one deadline (see `withDeadline`), so no caller waits longer whatever the
    /// pool is doing.
    func run<T: Sendable>(
        _ operation: String, timeout: Duration? = nil, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(StorageError) -> T {
        let pool = pool
        let client = pool.client
        let logger = logger
        let timeout = timeout ?? configuration.operationTimeout
        return try await mapErrors(operation, timeout: timeout) {
            let started = ContinuousClock.now
            do {
                let value = try await withDeadline(timeout) {
                    defer { Self.noteIfLate(operation, started: started, deadline: timeout, logger: logger) }
                    return try await client.withConnection { connection in try await body(connection) }
                }
                pool.succeeded()
                return value
            } catch {
                if Self.isUnreachable(error) { pool.failedToReach() } else { pool.succeeded() }
                if error is DeadlineExceeded {
                    logger.warning("PostgreSQL gave no answer within the deadline", metadata: [
                        "operation": "\(operation)", "deadline": "\(timeout)", "waited": "\(ContinuousClock.now - started)",
                    ])
                }
                throw error
            }
        }
    }

    /// Logs work that went on past its deadline (its caller was answered at the deadline), with how long
    /// it took: what to look for when a lease or a query ignores cancellation.
    private static func noteIfLate(_ operation: String, started: ContinuousClock.Instant, deadline: Duration, logger: Logger) {
        let took = ContinuousClock.now - started
        guard took > deadline else { return }
        logger.notice("PostgreSQL work ended after its deadline had passed", metadata: [
            "operation": "\(operation)", "deadline": "\(deadline)", "took": "\(took)",
        ])
    }

    /// Probes the database in the background, one probe at a time, so that a pool known to be
    /// unreachable learns when the database is back without a caller waiting for it.
    func probeInBackground() {
        guard pool.beginProbe() else { return }
        let database = self
        Task {
            defer { database.pool.endProbe() }
            _ = try? await database.rows("probe the database", "SELECT 1")
        }
    }

    /// Whether `error` says the database was not reached (as opposed to an answer from it, such as a
    /// constraint violation).
    static func isUnreachable(_ error: any Error) -> Bool {
        if error is DeadlineExceeded { return true }
        if let error = error as? PSQLError { return error.code != .server }
        return !(error is StorageError)
    }

    /// Runs `body` in a transaction on one pooled connection: committed when it returns, rolled back
    /// when it throws.
    func transaction<T: Sendable>(
        _ operation: String, timeout: Duration? = nil, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(StorageError) -> T {
        let logger = logger
        return try await run(operation, timeout: timeout) { connection in try await connection.transaction(logger: logger) { try await body($0) } }
    }

    /// In one transaction: the stored row `key` (by the first column), locked with `FOR UPDATE`, and
    /// `change`'s row written over it; false when there is no such row.
    func replace<Row: PostgresStoredRow>(
        _ operation: String, key: String, _ change: @escaping @Sendable (Row) throws -> Row
    ) async throws(StorageError) -> Bool {
        let logger = logger
        return try await transaction(operation) { connection in
            let stored = try await connection.query(
                "\(unescaped: Row.selectAll) WHERE \(unescaped: Row.columns[0]) = \(key) FOR UPDATE", logger: logger
            ).collect()
            guard let row = stored.first else { return false }
            try await connection.query(try change(Row(row)).updateQuery, logger: logger)
            return true
        }
    }

    /// The rows of `query`, one connection leased for the time it takes to read them.
    func rows(_ operation: String, _ query: PostgresQuery) async throws(StorageError) -> [PostgresRow] {
        let logger = logger
        return try await run(operation) { connection in
            var rows: [PostgresRow] = []
            for try await row in try await connection.query(query, logger: logger) { rows.append(row) }
            return rows
        }
    }

    /// The rows of `query`, which selects (or returns) `Row.columns` in order.
    func rows<Row: PostgresStoredRow>(_ operation: String, _ query: PostgresQuery, as _: Row.Type) async throws(StorageError) -> [Row] {
        try decode(operation, try await rows(operation, query)) { try Row($0) }
    }

    /// How many rows `query` returned: for an UPDATE or DELETE ending in `RETURNING 1`, how many it changed.
    func count(_ operation: String, _ query: PostgresQuery) async throws(StorageError) -> Int {
        try await rows(operation, query).count
    }

    /// The one integer `query` selects (a `count(*)`); 0 when it selects no row.
    func integer(_ operation: String, _ query: PostgresQuery) async throws(StorageError) -> Int {
        try decode(operation, try await rows(operation, query)) { try $0.decode(Int.self) }.first ?? 0
    }

    /// Decodes `rows` with `decode`, mapping failures like any other.
    func decode<T>(_ operation: String, _ rows: [PostgresRow], _ decode: (PostgresRow) throws -> T) throws(StorageError) -> [T] {
        do {
            return try rows.map(decode)
        } catch let error as StorageError {
            throw error
        } catch {
            throw .queryFailed(operation: operation, reason: "unexpected row: \(Self.reason(error))")
        }
    }

    /// `body` while holding the transaction-scoped advisory lock (`namespace`, hash of `key`), shared by
    /// every process on the database. Waiting for a connection is bounded by the operation timeout and
    /// waiting for the lock by `lockTimeout`; `body` itself is not bounded here, and its errors pass
    /// through unchanged.
    func withAdvisoryLock<T: Sendable>(
        namespace: Int32, key: String, lockTimeout: Duration, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let operation = "lock an account for a token refresh"
        let client = pool.client
        let logger = logger
        let claim = LockClaim()
        let milliseconds = lockTimeout.components.seconds * 1000 + lockTimeout.components.attoseconds / 1_000_000_000_000_000
        let waitLimit = configuration.operationTimeout + lockTimeout
        let outcome = FirstOutcome<T>()
        let work = Task {
            do {
                let value = try await client.withConnection { connection in
                    try await connection.transaction(logger: logger) { connection in
                        try await connection.query("SET LOCAL lock_timeout = \(unescaped: String(max(1, milliseconds)))", logger: logger)
                        try await connection.query("SELECT pg_advisory_xact_lock(\(namespace), hashtext(\(key)))", logger: logger)
                        // The caller may have been answered already; then the lock is released unused.
                        guard claim.take() else { throw CancellationError() }
                        return try await body()
                    }
                }
                outcome.resolve(.success(value))
            } catch let error as PSQLError {
                outcome.resolve(.failure(StorageError.queryFailed(operation: operation, reason: Self.reason(error))))
            } catch {
                outcome.resolve(.failure(error))
            }
        }
        let timer = Task {
            try? await Task.sleep(for: waitLimit)
            guard claim.abandon() else { return }
            outcome.resolve(.failure(StorageError.queryFailed(operation: operation, reason: "no connection or lock within \(waitLimit)")))
            work.cancel()
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await outcome.value()
        } onCancel: {
            work.cancel()
            outcome.resolve(.failure(CancellationError()))
        }
    }

    private func mapErrors<T>(_ operation: String, timeout: Duration, _ body: () async throws -> T) async throws(StorageError) -> T {
        do {
            return try await body()
        } catch let error as StorageError {
            throw error
        } catch is DeadlineExceeded {
            throw .queryFailed(operation: operation, reason: "no answer from PostgreSQL within \(timeout)")
        } catch {
            throw .queryFailed(operation: operation, reason: Self.reason(error))
        }
    }

    /// What went wrong, without statement arguments or row values: the error code, the SQLSTATE and
    /// the server's message (PostgreSQL puts values in `detail`, which is left out).
    static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(type(of: error))" }
        var parts = ["\(error.code)"]
        if let state = error.serverInfo?[.sqlState] { parts.append("SQLSTATE \(state)") }
        if let message = error.serverInfo?[.message] { parts.append(message) }
        if let underlying = error.underlying { parts.append("\(underlying)") }
        return parts.joined(separator: ": ")
    }
}

/// Who gets an advisory lock once it is granted: the waiting caller, or nobody when the caller has
/// already been told that the wait took too long. Exactly one of `take` and `abandon` succeeds.
private final class LockClaim: Sendable {
    private enum State { case waiting, taken, abandoned }

    private let state = Mutex(State.waiting)

    /// Whether the lock may be used: false once the caller has given up.
    func take() -> Bool { settle(as: .taken) }

    /// Whether the caller may give up: false once the lock is in use.
    func abandon() -> Bool { settle(as: .abandoned) }

    private func settle(as outcome: State) -> Bool {
        state.withLock { state in
            guard state == .waiting else { return false }
            state = outcome
            return true
        }
    }
}

extension PostgresConnection {
    /// `body` in postgres-nio's `withTransaction`: committed when it returns, rolled back when it throws.
    /// Rethrows the error that ended the transaction (`body`'s own, else BEGIN's or COMMIT's) rather than
    /// postgres-nio's `PostgresTransactionError` around it, so that `body`'s errors reach callers as they
    /// are and a server's answer is told apart from an unreachable server.
    func transaction<T: Sendable>(logger: Logger, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.beginError ?? error.commitError ?? error
        }
    }
}

extension Date {
    /// The date at the millisecond precision both engines keep.
    var storedPrecision: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
