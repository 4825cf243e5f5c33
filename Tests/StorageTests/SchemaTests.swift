import Foundation
import GRDB
import PostgresStorage
import SQLiteStorage
import Storage
import Testing

/// The schema is described once (`SchemaMigration.changes`) and rendered by each engine: to the same
/// SQL earlier versions ran, so new databases get the schema that existing ones already have.
struct SchemaTests {
    /// A migration with the statements each engine runs for it.
    struct Rendering: Sendable, CustomTestStringConvertible {
        var migration: SchemaMigration
        var sqlite: [String]
        var postgres: [String]
        var testDescription: String { migration.rawValue }
    }

    /// SQLite's statements are those GRDB's table definitions ran in earlier versions; PostgreSQL's are
    /// the hand-written DDL of earlier versions with its line breaks collapsed.
    static let renderings = [
        Rendering(
            migration: .apiKeys,
            sqlite: [
                #"CREATE TABLE "api_keys" ("id" TEXT PRIMARY KEY, "name" TEXT NOT NULL, "key_hash" TEXT NOT NULL UNIQUE, "hint" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "last_used_at" DATETIME, "revoked_at" DATETIME)"#
            ],
            postgres: [
                "CREATE TABLE api_keys (id text PRIMARY KEY, name text NOT NULL, key_hash text NOT NULL UNIQUE, hint text NOT NULL, created_at timestamptz NOT NULL, last_used_at timestamptz, revoked_at timestamptz)"
            ]
        ),
        Rendering(
            migration: .executionLogs,
            sqlite: [
                #"CREATE TABLE "execution_logs" ("id" TEXT PRIMARY KEY, "tool_slug" TEXT NOT NULL, "connected_account_id" TEXT, "user_id" TEXT, "method" TEXT, "url" TEXT, "status_code" INTEGER, "successful" BOOLEAN NOT NULL, "duration_ms" INTEGER NOT NULL, "attempts" INTEGER NOT NULL, "error" TEXT, "created_at" DATETIME NOT NULL)"#,
                #"CREATE INDEX "execution_logs_on_created_at" ON "execution_logs"("created_at")"#,
            ],
            postgres: [
                "CREATE TABLE execution_logs (id text PRIMARY KEY, tool_slug text NOT NULL, connected_account_id text, user_id text, method text, url text, status_code bigint, successful boolean NOT NULL, duration_ms bigint NOT NULL, attempts bigint NOT NULL, error text, created_at timestamptz NOT NULL)",
                "CREATE INDEX execution_logs_on_created_at ON execution_logs (created_at)",
            ]
        ),
        Rendering(
            migration: .accounts,
            sqlite: [
                #"CREATE TABLE "meta" ("key" TEXT PRIMARY KEY, "value" BLOB NOT NULL)"#,
                #"CREATE TABLE "auth_configs" ("id" TEXT PRIMARY KEY, "name" TEXT NOT NULL, "toolkit" TEXT NOT NULL, "auth_scheme" TEXT NOT NULL, "is_enabled" BOOLEAN NOT NULL, "public_fields" TEXT NOT NULL, "secret_fields" BLOB NOT NULL, "tool_access_config" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL)"#,
                #"CREATE TABLE "connected_accounts" ("id" TEXT PRIMARY KEY, "user_id" TEXT NOT NULL, "auth_config_id" TEXT NOT NULL REFERENCES "auth_configs"("id") ON DELETE CASCADE, "status" TEXT NOT NULL, "status_reason" TEXT, "is_disabled" BOOLEAN NOT NULL, "alias" TEXT, "callback_url" TEXT, "subdomain" TEXT, "api_domain" TEXT, "secrets" BLOB NOT NULL, "expires_at" DATETIME, "scope" TEXT, "token_version" INTEGER NOT NULL DEFAULT 0, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL)"#,
                #"CREATE INDEX "connected_accounts_on_user_id" ON "connected_accounts"("user_id")"#,
                #"CREATE INDEX "connected_accounts_on_auth_config_id" ON "connected_accounts"("auth_config_id")"#,
                #"CREATE TABLE "oauth_states" ("state" TEXT PRIMARY KEY, "connected_account_id" TEXT REFERENCES "connected_accounts"("id") ON DELETE CASCADE, "redirect_uri" TEXT, "expires_at" DATETIME NOT NULL, "used_at" DATETIME)"#,
                #"CREATE INDEX "oauth_states_on_connected_account_id" ON "oauth_states"("connected_account_id")"#,
                #"CREATE TABLE "connect_links" ("token" TEXT PRIMARY KEY, "connected_account_id" TEXT REFERENCES "connected_accounts"("id") ON DELETE CASCADE, "csrf_token" TEXT NOT NULL, "expires_at" DATETIME NOT NULL, "used_at" DATETIME)"#,
                #"CREATE INDEX "connect_links_on_connected_account_id" ON "connect_links"("connected_account_id")"#,
            ],
            postgres: [
                "CREATE TABLE meta (key text PRIMARY KEY, value bytea NOT NULL)",
                "CREATE TABLE auth_configs (id text PRIMARY KEY, name text NOT NULL, toolkit text NOT NULL, auth_scheme text NOT NULL, is_enabled boolean NOT NULL, public_fields text NOT NULL, secret_fields bytea NOT NULL, tool_access_config text NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)",
                "CREATE TABLE connected_accounts (id text PRIMARY KEY, user_id text NOT NULL, auth_config_id text NOT NULL REFERENCES auth_configs (id) ON DELETE CASCADE, status text NOT NULL, status_reason text, is_disabled boolean NOT NULL, alias text, callback_url text, subdomain text, api_domain text, secrets bytea NOT NULL, expires_at timestamptz, scope text, token_version bigint NOT NULL DEFAULT 0, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)",
                "CREATE INDEX connected_accounts_on_user_id ON connected_accounts (user_id)",
                "CREATE INDEX connected_accounts_on_auth_config_id ON connected_accounts (auth_config_id)",
                "CREATE TABLE oauth_states (state text PRIMARY KEY, connected_account_id text REFERENCES connected_accounts (id) ON DELETE CASCADE, redirect_uri text, expires_at timestamptz NOT NULL, used_at timestamptz)",
                "CREATE INDEX oauth_states_on_connected_account_id ON oauth_states (connected_account_id)",
                "CREATE TABLE connect_links (token text PRIMARY KEY, connected_account_id text REFERENCES connected_accounts (id) ON DELETE CASCADE, csrf_token text NOT NULL, expires_at timestamptz NOT NULL, used_at timestamptz)",
                "CREATE INDEX connect_links_on_connected_account_id ON connect_links (connected_account_id)",
            ]
        ),
        Rendering(
            migration: .keyScopes,
            sqlite: [
                #"ALTER TABLE "api_keys" ADD COLUMN "scope" TEXT"#,
                #"ALTER TABLE "api_keys" ADD COLUMN "expires_at" DATETIME"#,
                #"ALTER TABLE "execution_logs" ADD COLUMN "dry_run" BOOLEAN NOT NULL DEFAULT 0"#,
            ],
            postgres: [
                "ALTER TABLE api_keys ADD COLUMN scope text, ADD COLUMN expires_at timestamptz",
                "ALTER TABLE execution_logs ADD COLUMN dry_run boolean NOT NULL DEFAULT false",
            ]
        ),
        Rendering(
            migration: .sessions,
            sqlite: [
                #"CREATE TABLE "tool_router_sessions" ("id" TEXT PRIMARY KEY, "user_id" TEXT NOT NULL, "config_version" INTEGER NOT NULL, "config" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL)"#,
                #"CREATE INDEX "tool_router_sessions_on_user_id" ON "tool_router_sessions"("user_id")"#,
                #"CREATE TABLE "tool_router_session_configs" ("id" TEXT PRIMARY KEY, "session_id" TEXT NOT NULL REFERENCES "tool_router_sessions"("id") ON DELETE CASCADE, "version" INTEGER NOT NULL, "config" TEXT NOT NULL, "created_at" DATETIME NOT NULL)"#,
                #"CREATE INDEX "tool_router_session_configs_on_session_id" ON "tool_router_session_configs"("session_id")"#,
            ],
            postgres: [
                "CREATE TABLE tool_router_sessions (id text PRIMARY KEY, user_id text NOT NULL, config_version bigint NOT NULL, config text NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)",
                "CREATE INDEX tool_router_sessions_on_user_id ON tool_router_sessions (user_id)",
                "CREATE TABLE tool_router_session_configs (id text PRIMARY KEY, session_id text NOT NULL REFERENCES tool_router_sessions (id) ON DELETE CASCADE, version bigint NOT NULL, config text NOT NULL, created_at timestamptz NOT NULL)",
                "CREATE INDEX tool_router_session_configs_on_session_id ON tool_router_session_configs (session_id)",
            ]
        ),
        Rendering(
            migration: .mcpServers,
            sqlite: [
                #"CREATE TABLE "mcp_servers" ("id" TEXT PRIMARY KEY, "name" TEXT NOT NULL, "toolkits" TEXT NOT NULL, "auth_config_ids" TEXT NOT NULL, "allowed_tools" TEXT NOT NULL, "managed_auth" BOOLEAN NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL)"#
            ],
            postgres: [
                "CREATE TABLE mcp_servers (id text PRIMARY KEY, name text NOT NULL, toolkits text NOT NULL, auth_config_ids text NOT NULL, allowed_tools text NOT NULL, managed_auth boolean NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)"
            ]
        ),
        Rendering(
            migration: .executionRequestID,
            sqlite: [
                #"ALTER TABLE "execution_logs" ADD COLUMN "request_id" TEXT"#,
                #"CREATE INDEX "execution_logs_on_request_id" ON "execution_logs"("request_id")"#,
            ],
            postgres: [
                "ALTER TABLE execution_logs ADD COLUMN request_id text",
                "CREATE INDEX execution_logs_on_request_id ON execution_logs (request_id)",
            ]
        ),
        Rendering(
            migration: .triggers,
            sqlite: [
                #"CREATE TABLE "pipedrive_webhooks" ("id" TEXT PRIMARY KEY, "connected_account_id" TEXT NOT NULL REFERENCES "connected_accounts"("id") ON DELETE CASCADE, "event" TEXT NOT NULL, "registration_key" TEXT NOT NULL UNIQUE, "pipedrive_id" TEXT, "auth_user" TEXT NOT NULL, "sealed_password" BLOB NOT NULL, "created_at" DATETIME NOT NULL)"#,
                #"CREATE INDEX "pipedrive_webhooks_on_connected_account_id" ON "pipedrive_webhooks"("connected_account_id")"#,
                #"CREATE TABLE "trigger_instances" ("id" TEXT PRIMARY KEY, "slug" TEXT NOT NULL, "user_id" TEXT NOT NULL, "connected_account_id" TEXT NOT NULL REFERENCES "connected_accounts"("id") ON DELETE CASCADE, "auth_config_id" TEXT NOT NULL, "config" TEXT NOT NULL, "webhook_id" TEXT NOT NULL REFERENCES "pipedrive_webhooks"("id") ON DELETE CASCADE, "disabled_at" DATETIME, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL)"#,
                #"CREATE INDEX "trigger_instances_on_connected_account_id" ON "trigger_instances"("connected_account_id")"#,
                #"CREATE INDEX "trigger_instances_on_webhook_id" ON "trigger_instances"("webhook_id")"#,
                #"CREATE TABLE "webhook_subscriptions" ("id" TEXT PRIMARY KEY, "url" TEXT NOT NULL, "version" TEXT NOT NULL, "enabled_events" TEXT NOT NULL, "sealed_secret" BLOB NOT NULL, "created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL)"#,
                #"CREATE TABLE "trigger_events" ("key" TEXT PRIMARY KEY, "received_at" DATETIME NOT NULL)"#,
                #"CREATE INDEX "trigger_events_on_received_at" ON "trigger_events"("received_at")"#,
                #"CREATE TABLE "trigger_deliveries" ("id" TEXT PRIMARY KEY, "subscription_id" TEXT NOT NULL, "trigger_id" TEXT NOT NULL, "trigger_slug" TEXT NOT NULL, "user_id" TEXT NOT NULL, "body" TEXT NOT NULL, "status" TEXT NOT NULL, "attempts" INTEGER NOT NULL, "attempt_log" TEXT NOT NULL, "next_attempt_at" DATETIME NOT NULL, "lease_until" DATETIME, "created_at" DATETIME NOT NULL, "finished_at" DATETIME)"#,
                #"CREATE INDEX "trigger_deliveries_on_trigger_id" ON "trigger_deliveries"("trigger_id")"#,
                #"CREATE INDEX "trigger_deliveries_on_next_attempt_at" ON "trigger_deliveries"("next_attempt_at")"#,
            ],
            postgres: [
                #"CREATE TABLE pipedrive_webhooks (id text PRIMARY KEY, connected_account_id text NOT NULL REFERENCES connected_accounts (id) ON DELETE CASCADE, event text NOT NULL, registration_key text NOT NULL UNIQUE, pipedrive_id text, auth_user text NOT NULL, sealed_password bytea NOT NULL, created_at timestamptz NOT NULL)"#,
                #"CREATE INDEX pipedrive_webhooks_on_connected_account_id ON pipedrive_webhooks (connected_account_id)"#,
                #"CREATE TABLE trigger_instances (id text PRIMARY KEY, slug text NOT NULL, user_id text NOT NULL, connected_account_id text NOT NULL REFERENCES connected_accounts (id) ON DELETE CASCADE, auth_config_id text NOT NULL, config text NOT NULL, webhook_id text NOT NULL REFERENCES pipedrive_webhooks (id) ON DELETE CASCADE, disabled_at timestamptz, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)"#,
                #"CREATE INDEX trigger_instances_on_connected_account_id ON trigger_instances (connected_account_id)"#,
                #"CREATE INDEX trigger_instances_on_webhook_id ON trigger_instances (webhook_id)"#,
                #"CREATE TABLE webhook_subscriptions (id text PRIMARY KEY, url text NOT NULL, version text NOT NULL, enabled_events text NOT NULL, sealed_secret bytea NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)"#,
                #"CREATE TABLE trigger_events (key text PRIMARY KEY, received_at timestamptz NOT NULL)"#,
                #"CREATE INDEX trigger_events_on_received_at ON trigger_events (received_at)"#,
                #"CREATE TABLE trigger_deliveries (id text PRIMARY KEY, subscription_id text NOT NULL, trigger_id text NOT NULL, trigger_slug text NOT NULL, user_id text NOT NULL, body text NOT NULL, status text NOT NULL, attempts bigint NOT NULL, attempt_log text NOT NULL, next_attempt_at timestamptz NOT NULL, lease_until timestamptz, created_at timestamptz NOT NULL, finished_at timestamptz)"#,
                #"CREATE INDEX trigger_deliveries_on_trigger_id ON trigger_deliveries (trigger_id)"#,
                #"CREATE INDEX trigger_deliveries_on_next_attempt_at ON trigger_deliveries (next_attempt_at)"#,
            ]
        ),
    ]

    @Test func everyMigrationHasItsRendering() {
        #expect(Self.renderings.map(\.migration) == SchemaMigration.allCases)
    }

    @Test(arguments: renderings)
    func eachEngineRendersTheMigrationAsEarlierVersionsDid(_ rendering: Rendering) {
        #expect(rendering.migration.changes.flatMap(\.sqliteStatements) == rendering.sqlite)
        #expect(rendering.migration.changes.flatMap(\.postgresStatements) == rendering.postgres)
    }

    /// `sqlite_master` of a database migrated by the version before the schema was described once.
    @Test func aNewSQLiteDatabaseHasTheSchemaOfOneMadeByEarlierVersions() async throws {
        let expected = [
            #"CREATE TABLE "api_keys" ("id" TEXT PRIMARY KEY, "name" TEXT NOT NULL, "key_hash" TEXT NOT NULL UNIQUE, "hint" TEXT NOT NULL, "created_at" DATETIME NOT NULL, "last_used_at" DATETIME, "revoked_at" DATETIME, "scope" TEXT, "expires_at" DATETIME)"#,
            #"CREATE TABLE "execution_logs" ("id" TEXT PRIMARY KEY, "tool_slug" TEXT NOT NULL, "connected_account_id" TEXT, "user_id" TEXT, "method" TEXT, "url" TEXT, "status_code" INTEGER, "successful" BOOLEAN NOT NULL, "duration_ms" INTEGER NOT NULL, "attempts" INTEGER NOT NULL, "error" TEXT, "created_at" DATETIME NOT NULL, "dry_run" BOOLEAN NOT NULL DEFAULT 0, "request_id" TEXT)"#,
            #"CREATE INDEX "execution_logs_on_created_at" ON "execution_logs"("created_at")"#,
        ] + Self.renderings[2].sqlite + Self.renderings[4].sqlite + Self.renderings[5].sqlite + [Self.renderings[6].sqlite[1]] + Self.renderings[7].sqlite
        let database = try SQLiteStorage.inMemory()
        let schema = try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name != 'grdb_migrations' ORDER BY rowid")
        }
        #expect(schema == expected)
    }

    /// The column lists the stores read and write (`StoredRow.columns`) are the columns the migrations
    /// leave each table with, in the same order.
    @Test func everyStoredRowHasTheColumnsItsTableWasGiven() {
        var tables: [String: [String]] = [:]
        for change in SchemaMigration.allCases.flatMap(\.changes) {
            tables[change.table, default: []] += change.columns.map(\.name)
        }
        #expect(tables[APIKeyRow.table] == APIKeyRow.columns)
        #expect(tables[ExecutionLogRow.table] == ExecutionLogRow.columns)
        #expect(tables[AuthConfigRow.table] == AuthConfigRow.columns)
        #expect(tables[ConnectedAccountRow.table] == ConnectedAccountRow.columns)
        #expect(tables[OAuthStateRow.table] == OAuthStateRow.columns)
        #expect(tables[ConnectLinkRow.table] == ConnectLinkRow.columns)
        #expect(tables[SessionRow.table] == SessionRow.columns)
        #expect(tables[SessionConfigRow.table] == SessionConfigRow.columns)
        #expect(tables[MCPServerRow.table] == MCPServerRow.columns)
        #expect(tables[TriggerInstanceRecord.table] == TriggerInstanceRecord.columns)
        #expect(tables[PipedriveWebhookRecord.table] == PipedriveWebhookRecord.columns)
        #expect(tables[WebhookSubscriptionRecord.table] == WebhookSubscriptionRecord.columns)
        #expect(tables[TriggerDeliveryRecord.table] == TriggerDeliveryRecord.columns)
        #expect(Set(tables.keys) == [
            "meta", "api_keys", "execution_logs", "auth_configs", "connected_accounts", "oauth_states", "connect_links", "tool_router_sessions",
            "tool_router_session_configs", "mcp_servers", "pipedrive_webhooks", "trigger_instances", "webhook_subscriptions", "trigger_events",
            "trigger_deliveries",
        ])
    }
}
