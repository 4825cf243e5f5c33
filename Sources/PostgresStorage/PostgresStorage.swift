public import Logging
package import Foundation
import PostgresNIO
public import Storage

/// Toolport's storage on a PostgreSQL server, shared by every replica that points at it.
///
/// ```swift
/// let configuration = try PostgresStorageConfiguration(url: "postgres://toolport:secret@db:5432/toolport")
/// try await PostgresStorage.withStorage(configuration, logger: logger) { storage in
///     try await storage.verify(box)
///     // … serve …
/// }
/// ```
public struct PostgresStorage: ToolportStorage {
    let database: PostgresDatabase

    /// Opens a connection pool, applies pending migrations, runs `body`, and closes the pool when it
    /// returns or throws.
    /// - Throws: `StorageError.migrationFailed` when the schema cannot be brought up to date (the
    ///   database unreachable included), and whatever `body` throws.
    public static func withStorage<T: Sendable>(
        _ configuration: PostgresStorageConfiguration, logger: Logger, _ body: (PostgresStorage) async throws -> T
    ) async throws -> T {
        let pool = RenewingPool(configuration: configuration.client, renewAfter: configuration.operationTimeout, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await pool.run() }
            defer { group.cancelAll() }
            await pool.waitUntilRunning()
            let storage = PostgresStorage(database: PostgresDatabase(pool: pool, configuration: configuration, logger: logger))
            try await PostgresMigrator(database: storage.database).migrate()
            return try await body(storage)
        }
    }

    public var apiKeys: PostgresAPIKeyStore { PostgresAPIKeyStore(database: database) }

    public var executionLogs: PostgresExecutionLogStore { PostgresExecutionLogStore(database: database) }

    public func authConfigs(_ box: SecretBox) -> PostgresAuthConfigStore { PostgresAuthConfigStore(database: database, box: box) }

    public func connectedAccounts(_ box: SecretBox) -> PostgresConnectedAccountStore {
        PostgresConnectedAccountStore(database: database, box: box)
    }

    public var oauthStates: PostgresOAuthStateStore { PostgresOAuthStateStore(database: database) }

    public var connectLinks: PostgresConnectLinkStore { PostgresConnectLinkStore(database: database) }

    public var sessions: PostgresSessionStore { PostgresSessionStore(database: database) }

    public var mcpServers: PostgresMCPServerStore { PostgresMCPServerStore(database: database) }
    /// Triggers, their webhooks, subscriptions and deliveries.
    public var triggers: PostgresTriggerStore { PostgresTriggerStore(database: database) }

    public func verify(_ box: SecretBox) async throws(StorageError) {
        let expected = SecretBox.keyCheckText
        let candidate = ByteBuffer(bytes: try box.seal(expected))
        // Every replica inserts the same key; the first one's value stays and all compare against it.
        let rows = try await database.transaction("check the master key") { connection in
            try await connection.query(
                "INSERT INTO meta (key, value) VALUES ('key_check', \(candidate)) ON CONFLICT (key) DO NOTHING", logger: database.logger
            )
            return try await connection.query("SELECT value FROM meta WHERE key = 'key_check'", logger: database.logger).collect()
        }
        let sealed = try database.decode("check the master key", rows) { try $0.decode(Data.self) }
        guard let stored = sealed.first, (try? box.open(stored)) == expected else { throw .wrongMasterKey }
    }

    /// Answers at once when the latest operation could not reach PostgreSQL (and probes again in the
    /// background, so the next call knows whether it is back); otherwise runs `SELECT 1` within
    /// `readinessTimeout`.
    public func ping() async throws(StorageError) {
        let operation = "reach the database"
        if database.pool.isKnownUnreachable {
            database.probeInBackground()
            throw .queryFailed(operation: operation, reason: "PostgreSQL did not answer the latest attempt; probing again")
        }
        _ = try await database.run(operation, timeout: readinessTimeout) { connection in
            try await connection.query("SELECT 1", logger: database.logger).collect()
        }
    }

    /// How long a readiness probe's query may take: the operation timeout, but at most 2 s, so that
    /// balancers' probes with short timeouts get an answer.
    var readinessTimeout: Duration { min(database.configuration.operationTimeout, .seconds(2)) }
}

extension PostgresStorage {
    /// Every cell of `table` as stored (text as UTF-8, bytea as its bytes): what lies at rest, for the
    /// storage suite's encryption checks.
    package func storedBytes(of table: String) async throws(StorageError) -> Data {
        let rows = try await database.rows("read \(table)", PostgresQuery(unsafeSQL: "SELECT * FROM \(table)"))
        var bytes = Data()
        for row in rows {
            for cell in row {
                if let buffer = cell.bytes { bytes += Data(buffer.readableBytesView) }
            }
        }
        return bytes
    }
}

extension PostgresStorage {
    /// The identifiers in `toolport_migrations`, in the order they were applied.
    public func appliedMigrations() async throws(StorageError) -> [String] {
        let operation = "list applied migrations"
        let rows = try await database.rows(operation, "SELECT id FROM toolport_migrations ORDER BY applied_at, id")
        return try database.decode(operation, rows) { try $0.decode(String.self) }
    }
}
