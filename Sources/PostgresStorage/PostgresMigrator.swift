import PostgresNIO
import Storage

/// Applies every pending ``SchemaMigration`` once, however many replicas start together: the whole
/// run holds a transaction-scoped advisory lock, so the second replica waits and then finds nothing
/// left to do. Applied identifiers are recorded in `toolport_migrations`.
struct PostgresMigrator {
    /// The advisory lock namespace of migrations (`pg_advisory_xact_lock(namespace, 0)`).
    static let lockNamespace: Int32 = 0x7470_0001

    /// How long a whole migration run may take, waiting for another replica's run included: a schema's DDL is
    /// one-off work at start, longer than one operation's timeout allows on a busy database. The database must
    /// first answer within the operation timeout, so an unreachable one still fails fast.
    static let timeout: Duration = .seconds(60)

    let database: PostgresDatabase

    func migrate() async throws(StorageError) {
        let logger = database.logger
        do {
            _ = try await database.rows("reach the database", "SELECT 1")
            try await database.transaction("migrate the database", timeout: max(Self.timeout, database.configuration.operationTimeout)) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockNamespace), 0)", logger: logger)
                try await connection.query(
                    "CREATE TABLE IF NOT EXISTS toolport_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                    logger: logger
                )
                var applied: Set<String> = []
                for try await id in try await connection.query("SELECT id FROM toolport_migrations", logger: logger).decode(String.self) {
                    applied.insert(id)
                }
                let known = Set(SchemaMigration.allCases.map(\.rawValue))
                let unknown = applied.subtracting(known).sorted()
                guard unknown.isEmpty else {
                    throw StorageError.migrationFailed(
                        reason: "the database has migrations this Toolport does not know (\(unknown.joined(separator: ", "))): a newer version set it up"
                    )
                }
                for migration in SchemaMigration.allCases where !applied.contains(migration.rawValue) {
                    for statement in migration.changes.flatMap(\.postgresStatements) {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query("INSERT INTO toolport_migrations (id) VALUES (\(migration.rawValue))", logger: logger)
                    logger.info("applied migration", metadata: ["migration": "\(migration.rawValue)"])
                }
            }
        } catch {
            switch error {
            case .migrationFailed: throw error
            default: throw .migrationFailed(reason: error.description)
            }
        }
    }
}
