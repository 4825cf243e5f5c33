import ArgumentParser
import Foundation
import Logging
import PostgresStorage
import SQLiteStorage
import Storage

/// `--db` and the options that go with it: a SQLite file (one process) or a PostgreSQL URL (any
/// number of replicas).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The database: a SQLite file, or postgres://user:password@host:port/database shared by several replicas (default: env TOOLPORT_DB, else ./toolport.sqlite).")
    var explicitDB: String?
    @Option(name: .customLong("db-pool-size"), help: "PostgreSQL: the most connections this process opens (at least 2).")
    var dbPoolSize = 10
    @Option(name: .customLong("db-timeout"), help: "PostgreSQL: seconds a database operation may take, waiting for a connection included, before it fails.")
    var dbTimeout = 5

    func validate() throws {
        guard dbPoolSize >= 2 else { throw ValidationError("--db-pool-size must be at least 2") }
        guard dbTimeout >= 1 else { throw ValidationError("--db-timeout must be at least 1 second") }
    }

    /// The database `--db` names, else `TOOLPORT_DB` (which keeps a PostgreSQL password out of `ps`), else
    /// `./toolport.sqlite`.
    var db: String {
        explicitDB ?? ProcessInfo.processInfo.environment["TOOLPORT_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "./toolport.sqlite"
    }

    /// Where the database is, for logs: the path, or the URL without its password.
    var location: String {
        (try? postgres().description) ?? db
    }

    /// Opens the database, applies pending migrations, runs `body` with it and closes it afterwards.
    func withStorage<T: Sendable>(logger: Logger, _ body: (any ToolportStorage) async throws -> T) async throws -> T {
        try await Self.withStorage(db, poolSize: dbPoolSize, timeout: dbTimeout, logger: logger, body)
    }

    /// The master key: `TOOLPORT_MASTER_KEY`, or for SQLite the key file beside the database. PostgreSQL
    /// has no file beside it, so every replica must be given the same variable.
    func masterKey(environment: [String: String]) throws -> SecretBox {
        try Self.masterKey(for: db, environment: environment)
    }

    static func withStorage<T: Sendable>(
        _ db: String, poolSize: Int, timeout: Int, logger: Logger, _ body: (any ToolportStorage) async throws -> T
    ) async throws -> T {
        guard PostgresStorageConfiguration.isPostgresURL(db) else {
            return try await body(SQLiteStorage.open(path: db))
        }
        let configuration = try PostgresStorageConfiguration(url: db, poolSize: poolSize, operationTimeout: .seconds(timeout))
        return try await PostgresStorage.withStorage(configuration, logger: logger) { storage in try await body(storage) }
    }

    static func masterKey(for db: String, environment: [String: String]) throws -> SecretBox {
        guard PostgresStorageConfiguration.isPostgresURL(db) else {
            return try SecretBox.load(environment: environment, databasePath: db)
        }
        guard let box = try SecretBox.fromEnvironment(environment) else {
            throw StorageError.invalidMasterKey(
                reason: "\(SecretBox.environmentVariable) is not set, and a PostgreSQL database needs it: the same key on every replica (generate one with: openssl rand -base64 32)"
            )
        }
        return box
    }

    private func postgres() throws -> PostgresStorageConfiguration {
        try PostgresStorageConfiguration(url: db, poolSize: dbPoolSize)
    }
}
