import Foundation
public import GRDB
public import Storage

/// Toolport's embedded database: one SQLite connection object per file for the life of the process,
/// migrated once.
///
/// ```swift
/// let database = try SQLiteStorage.open(path: "./toolport.sqlite")
/// try await database.apiKeys.insert(name: "ci", plaintext: APIKeySecret.generate())
/// ```
public struct SQLiteStorage: ToolportStorage {
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
    public static func open(path: String) throws(StorageError) -> SQLiteStorage {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
        return try SQLiteStorage(writer: pool)
    }

    /// A private in-memory database, for tests and offline commands.
    public static func inMemory() throws(StorageError) -> SQLiteStorage {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue()
        } catch {
            throw .cannotOpen(path: ":memory:", reason: "\(error)")
        }
        return try SQLiteStorage(writer: queue)
    }

    /// The API keys that may call `/api/...`.
    public var apiKeys: SQLiteAPIKeyStore { SQLiteAPIKeyStore(writer: writer) }

    /// The record of every tool execution.
    public var executionLogs: SQLiteExecutionLogStore { SQLiteExecutionLogStore(writer: writer) }

    /// Auth configs, their secret fields sealed with `box`.
    /// - Parameter box: the master key, checked with `verify(_:)` at start.
    public func authConfigs(_ box: SecretBox) -> SQLiteAuthConfigStore { SQLiteAuthConfigStore(writer: writer, box: box) }

    /// Connected accounts, their secrets sealed with `box`.
    /// - Parameter box: the master key, checked with `verify(_:)` at start.
    public func connectedAccounts(_ box: SecretBox) -> SQLiteConnectedAccountStore {
        SQLiteConnectedAccountStore(writer: writer, box: box)
    }

    /// Single-use OAuth states.
    public var oauthStates: SQLiteOAuthStateStore { SQLiteOAuthStateStore(writer: writer) }

    /// Single-use connect links.
    public var connectLinks: SQLiteConnectLinkStore { SQLiteConnectLinkStore(writer: writer) }

    public var sessions: SQLiteSessionStore { SQLiteSessionStore(writer: writer) }

    /// Configured MCP servers.
    public var mcpServers: SQLiteMCPServerStore { SQLiteMCPServerStore(writer: writer) }

    /// Triggers, their webhooks, subscriptions and deliveries.
    public var triggers: SQLiteTriggerStore { SQLiteTriggerStore(writer: writer) }

    public func verify(_ box: SecretBox) async throws(StorageError) {
        let expected = SecretBox.keyCheckText
        try await writer.write(for: "check the master key") { db in
            let check = "key_check"
            guard let sealed = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [check]) else {
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?)", arguments: [check, box.seal(expected)])
                return
            }
            guard (try? box.open(sealed)) == expected else { throw StorageError.wrongMasterKey }
        }
    }

    public func ping() async throws(StorageError) {
        _ = try await writer.read(for: "reach the database") { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    /// Every ``SchemaMigration``, in SQLite's SQL.
    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in SchemaMigration.allCases {
            migrator.registerMigration(migration.rawValue) { db in
                for statement in migration.changes.flatMap(\.sqliteStatements) { try db.execute(sql: statement) }
            }
        }
        return migrator
    }
}
