public import GRDB
import Foundation

/// Toolport's database: one connection object per file for the life of the process, migrated once.
///
/// ```swift
/// let database = try ToolportDatabase.open(path: "./toolport.sqlite")
/// try await database.apiKeys.insert(name: "ci", plaintext: APIKeySecret.generate())
/// ```
public struct ToolportDatabase: Sendable {
    /// The underlying GRDB writer: a WAL pool for files, a queue in memory.
    public let writer: any DatabaseWriter

    /// Wraps `writer` and applies every pending migration.
    /// - Throws: `StorageError.migrationFailed` when the schema cannot be brought up to date.
    public init(writer: any DatabaseWriter) throws(StorageError) {
        self.writer = writer
        do {
            try Self.migrator.migrate(writer)
        } catch {
            throw .migrationFailed(reason: "\(error)")
        }
    }

    /// Opens (creating if needed) the SQLite file at `path` in WAL mode with a busy timeout.
    /// - Throws: `StorageError.cannotOpen` naming the path.
    public static func open(path: String) throws(StorageError) -> ToolportDatabase {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
        return try ToolportDatabase(writer: pool)
    }

    /// A private in-memory database, for tests and offline commands.
    public static func inMemory() throws(StorageError) -> ToolportDatabase {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue()
        } catch {
            throw .cannotOpen(path: ":memory:", reason: "\(error)")
        }
        return try ToolportDatabase(writer: queue)
    }

    /// The API keys that may call `/api/...`.
    public var apiKeys: SQLiteAPIKeyStore { SQLiteAPIKeyStore(writer: writer) }

    /// The record of every tool execution.
    public var executionLogs: SQLiteExecutionLogStore { SQLiteExecutionLogStore(writer: writer) }

    /// Append-only: never edit a shipped migration; add a new one.
    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-api-keys") { db in
            try db.create(table: "api_keys") { table in
                table.column("id", .text).primaryKey()
                table.column("name", .text).notNull()
                table.column("key_hash", .text).notNull().unique()
                table.column("hint", .text).notNull()
                table.column("created_at", .datetime).notNull()
                table.column("last_used_at", .datetime)
                table.column("revoked_at", .datetime)
            }
        }
        migrator.registerMigration("v2-execution-logs") { db in
            try db.create(table: "execution_logs") { table in
                table.column("id", .text).primaryKey()
                table.column("tool_slug", .text).notNull()
                table.column("connected_account_id", .text)
                table.column("user_id", .text)
                table.column("method", .text)
                table.column("url", .text)
                table.column("status_code", .integer)
                table.column("successful", .boolean).notNull()
                table.column("duration_ms", .integer).notNull()
                table.column("attempts", .integer).notNull()
                table.column("error", .text)
                table.column("created_at", .datetime).notNull().indexed()
            }
        }
        return migrator
    }
}
