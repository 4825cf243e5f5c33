public import GRDB
import Foundation

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

    /// Every ``SchemaMigration``, in SQLite's terms.
    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in SchemaMigration.allCases {
            migrator.registerMigration(migration.rawValue) { db in try migration.apply(to: db) }
        }
        return migrator
    }
}

extension SchemaMigration {
    /// Creates this version's tables in a SQLite database.
    fileprivate func apply(to db: Database) throws {
        switch self {
        case .apiKeys:
            try db.create(table: "api_keys") { table in
                table.column("id", .text).primaryKey()
                table.column("name", .text).notNull()
                table.column("key_hash", .text).notNull().unique()
                table.column("hint", .text).notNull()
                table.column("created_at", .datetime).notNull()
                table.column("last_used_at", .datetime)
                table.column("revoked_at", .datetime)
            }
        case .executionLogs:
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
        case .accounts:
            try db.create(table: "meta") { table in
                table.column("key", .text).primaryKey()
                table.column("value", .blob).notNull()
            }
            try db.create(table: "auth_configs") { table in
                table.column("id", .text).primaryKey()
                table.column("name", .text).notNull()
                table.column("toolkit", .text).notNull()
                table.column("auth_scheme", .text).notNull()
                table.column("is_enabled", .boolean).notNull()
                table.column("public_fields", .text).notNull()
                table.column("secret_fields", .blob).notNull()
                table.column("tool_access_config", .text).notNull()
                table.column("created_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
            }
            try db.create(table: "connected_accounts") { table in
                table.column("id", .text).primaryKey()
                table.column("user_id", .text).notNull().indexed()
                table.column("auth_config_id", .text).notNull().indexed().references("auth_configs", onDelete: .cascade)
                table.column("status", .text).notNull()
                table.column("status_reason", .text)
                table.column("is_disabled", .boolean).notNull()
                table.column("alias", .text)
                table.column("callback_url", .text)
                table.column("subdomain", .text)
                table.column("api_domain", .text)
                table.column("secrets", .blob).notNull()
                table.column("expires_at", .datetime)
                table.column("scope", .text)
                table.column("token_version", .integer).notNull().defaults(to: 0)
                table.column("created_at", .datetime).notNull()
                table.column("updated_at", .datetime).notNull()
            }
            try db.create(table: "oauth_states") { table in
                table.column("state", .text).primaryKey()
                table.column("connected_account_id", .text).indexed().references("connected_accounts", onDelete: .cascade)
                table.column("redirect_uri", .text)
                table.column("expires_at", .datetime).notNull()
                table.column("used_at", .datetime)
            }
            try db.create(table: "connect_links") { table in
                table.column("token", .text).primaryKey()
                table.column("connected_account_id", .text).indexed().references("connected_accounts", onDelete: .cascade)
                table.column("csrf_token", .text).notNull()
                table.column("expires_at", .datetime).notNull()
                table.column("used_at", .datetime)
            }
        case .keyScopes:
            try db.alter(table: "api_keys") { table in
                table.add(column: "scope", .text)
                table.add(column: "expires_at", .datetime)
            }
            try db.alter(table: "execution_logs") { table in
                table.add(column: "dry_run", .boolean).notNull().defaults(to: false)
            }
        }
    }
}
