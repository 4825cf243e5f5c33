import PostgresNIO
import Storage

/// Applies every pending ``SchemaMigration`` once, however many replicas start together: the whole
/// run holds a transaction-scoped advisory lock, so the second replica waits and then finds nothing
/// left to do. Applied identifiers are recorded in `toolport_migrations`.
struct PostgresMigrator {
    /// The advisory lock namespace of migrations (`pg_advisory_xact_lock(namespace, 0)`).
    static let lockNamespace: Int32 = 0x7470_0001

    let database: PostgresDatabase

    func migrate() async throws(StorageError) {
        let logger = database.logger
        do {
            try await database.transaction("migrate the database") { connection in
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
                    for statement in migration.postgresStatements {
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

extension SchemaMigration {
    /// This version's DDL in PostgreSQL's terms: the same tables, columns and constraints as SQLite's,
    /// with `timestamptz` dates and `bytea` sealed values.
    var postgresStatements: [String] {
        switch self {
        case .apiKeys:
            [
                """
                CREATE TABLE api_keys (
                    id text PRIMARY KEY, name text NOT NULL, key_hash text NOT NULL UNIQUE, hint text NOT NULL,
                    created_at timestamptz NOT NULL, last_used_at timestamptz, revoked_at timestamptz)
                """
            ]
        case .executionLogs:
            [
                """
                CREATE TABLE execution_logs (
                    id text PRIMARY KEY, tool_slug text NOT NULL, connected_account_id text, user_id text, method text, url text,
                    status_code bigint, successful boolean NOT NULL, duration_ms bigint NOT NULL, attempts bigint NOT NULL, error text,
                    created_at timestamptz NOT NULL)
                """,
                "CREATE INDEX execution_logs_on_created_at ON execution_logs (created_at)",
            ]
        case .accounts:
            [
                "CREATE TABLE meta (key text PRIMARY KEY, value bytea NOT NULL)",
                """
                CREATE TABLE auth_configs (
                    id text PRIMARY KEY, name text NOT NULL, toolkit text NOT NULL, auth_scheme text NOT NULL, is_enabled boolean NOT NULL,
                    public_fields text NOT NULL, secret_fields bytea NOT NULL, tool_access_config text NOT NULL,
                    created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)
                """,
                """
                CREATE TABLE connected_accounts (
                    id text PRIMARY KEY, user_id text NOT NULL,
                    auth_config_id text NOT NULL REFERENCES auth_configs (id) ON DELETE CASCADE,
                    status text NOT NULL, status_reason text, is_disabled boolean NOT NULL, alias text, callback_url text, subdomain text,
                    api_domain text, secrets bytea NOT NULL, expires_at timestamptz, scope text, token_version bigint NOT NULL DEFAULT 0,
                    created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)
                """,
                "CREATE INDEX connected_accounts_on_user_id ON connected_accounts (user_id)",
                "CREATE INDEX connected_accounts_on_auth_config_id ON connected_accounts (auth_config_id)",
                """
                CREATE TABLE oauth_states (
                    state text PRIMARY KEY, connected_account_id text REFERENCES connected_accounts (id) ON DELETE CASCADE,
                    redirect_uri text, expires_at timestamptz NOT NULL, used_at timestamptz)
                """,
                "CREATE INDEX oauth_states_on_connected_account_id ON oauth_states (connected_account_id)",
                """
                CREATE TABLE connect_links (
                    token text PRIMARY KEY, connected_account_id text REFERENCES connected_accounts (id) ON DELETE CASCADE,
                    csrf_token text NOT NULL, expires_at timestamptz NOT NULL, used_at timestamptz)
                """,
                "CREATE INDEX connect_links_on_connected_account_id ON connect_links (connected_account_id)",
            ]
        case .keyScopes:
            [
                "ALTER TABLE api_keys ADD COLUMN scope text, ADD COLUMN expires_at timestamptz",
                "ALTER TABLE execution_logs ADD COLUMN dry_run boolean NOT NULL DEFAULT false",
            ]
        }
    }
}
