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

    /// Runs `body` on one pooled connection.
    func run<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(StorageError) -> T {
        let pool = pool
        let client = pool.client
        return try await mapErrors(operation) {
            do {
                let value = try await withDeadline(configuration.operationTimeout) {
                    try await client.withConnection { connection in try await body(connection) }
                }
                pool.succeeded()
                return value
            } catch {
                if Self.isUnreachable(error) { pool.failedToReach() } else { pool.succeeded() }
                throw error
            }
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
        _ operation: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(StorageError) -> T {
        let logger = logger
        return try await run(operation) { connection in try await connection.inTransaction(logger: logger) { try await body($0) } }
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

    /// How many rows `query` returned: for an UPDATE or DELETE ending in `RETURNING 1`, how many it changed.
    func count(_ operation: String, _ query: PostgresQuery) async throws(StorageError) -> Int {
        try await rows(operation, query).count
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
        let client = pool.client
        let logger = logger
        let locked = Flag()
        let milliseconds = lockTimeout.components.seconds * 1000 + lockTimeout.components.attoseconds / 1_000_000_000_000_000
        let waitLimit = configuration.operationTimeout + lockTimeout
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                do {
                    return try await client.withConnection { connection in
                        try await connection.inTransaction(logger: logger) { connection in
                            try await connection.query("SET LOCAL lock_timeout = \(unescaped: String(max(1, milliseconds)))", logger: logger)
                            try await connection.query("SELECT pg_advisory_xact_lock(\(namespace), hashtext(\(key)))", logger: logger)
                            locked.raise()
                            return try await body()
                        }
                    }
                } catch let error as PSQLError {
                    throw StorageError.queryFailed(operation: "lock an account for a token refresh", reason: Self.reason(error))
                }
            }
            group.addTask {
                try await Task.sleep(for: waitLimit)
                if locked.isRaised { return nil }
                throw StorageError.queryFailed(operation: "lock an account for a token refresh", reason: "no connection or lock within \(waitLimit)")
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let value = result { return value }
            }
            throw StorageError.queryFailed(operation: "lock an account for a token refresh", reason: "the lock task ended without a result")
        }
    }

    private func mapErrors<T>(_ operation: String, _ body: () async throws -> T) async throws(StorageError) -> T {
        do {
            return try await body()
        } catch let error as StorageError {
            throw error
        } catch is DeadlineExceeded {
            throw .queryFailed(operation: operation, reason: "no answer from PostgreSQL within \(configuration.operationTimeout)")
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

/// A flag one task raises and another reads.
private final class Flag: Sendable {
    private let state = Mutex(false)

    func raise() { state.withLock { $0 = true } }

    var isRaised: Bool { state.withLock { $0 } }
}

/// Thrown by `withDeadline` when the time is up.
struct DeadlineExceeded: Error {}

/// `body`'s result, or `DeadlineExceeded` once `timeout` passes first (`body` is then cancelled).
func withDeadline<T: Sendable>(_ timeout: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw DeadlineExceeded() }
        return value
    }
}

extension PostgresConnection {
    /// `body` between BEGIN and COMMIT; ROLLBACK when it throws, whose error is rethrown as it is.
    func inTransaction<T: Sendable>(logger: Logger, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await query("BEGIN", logger: logger)
        do {
            let value = try await body(self)
            try await query("COMMIT", logger: logger)
            return value
        } catch {
            _ = try? await query("ROLLBACK", logger: logger)
            throw error
        }
    }
}

extension Date {
    /// The date at the millisecond precision both engines keep.
    var storedPrecision: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}
