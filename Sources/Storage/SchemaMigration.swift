/// The schema's versions, in order: append-only, never edited once shipped. Each version's tables and
/// columns are described once (``changes``); each engine renders them in its own SQL and records the
/// applied identifiers, so a database is brought up to date by whichever process starts first.
public enum SchemaMigration: String, CaseIterable, Sendable {
    case apiKeys = "v1-api-keys"
    case executionLogs = "v2-execution-logs"
    case accounts = "v3-accounts"
    /// Scoped API keys (`scope`, `expires_at`) and dry runs in the execution log (`dry_run`).
    case keyScopes = "v4-key-scopes"
    /// Tool router sessions and the history of their configurations.
    case sessions = "v5-tool-router-sessions"
    /// Configured MCP servers (`composio.mcp.*`).
    case mcpServers = "v6-mcp-servers"
    /// The `x-request-id` of the API request behind each execution log (`request_id`), searchable.
    case executionRequestID = "v7-execution-request-id"
    /// Triggers: instances, the Pipedrive webhooks behind them, webhook subscriptions, the inbox of events
    /// and the outbox of deliveries.
    case triggers = "v8-triggers"

    /// What this version changes, in order.
    package var changes: [SchemaChange] {
        switch self {
        case .apiKeys:
            [
                .createTable(
                    "api_keys",
                    columns: [
                        .text("id").primaryKey(),
                        .text("name").notNull(),
                        .text("key_hash").notNull().unique(),
                        .text("hint").notNull(),
                        .datetime("created_at").notNull(),
                        .datetime("last_used_at"),
                        .datetime("revoked_at"),
                    ]
                )
            ]
        case .executionLogs:
            [
                .createTable(
                    "execution_logs",
                    columns: [
                        .text("id").primaryKey(),
                        .text("tool_slug").notNull(),
                        .text("connected_account_id"),
                        .text("user_id"),
                        .text("method"),
                        .text("url"),
                        .integer("status_code"),
                        .boolean("successful").notNull(),
                        .integer("duration_ms").notNull(),
                        .integer("attempts").notNull(),
                        .text("error"),
                        .datetime("created_at").notNull().indexed(),
                    ]
                )
            ]
        case .accounts:
            [
                .createTable("meta", columns: [.text("key").primaryKey(), .blob("value").notNull()]),
                .createTable(
                    "auth_configs",
                    columns: [
                        .text("id").primaryKey(),
                        .text("name").notNull(),
                        .text("toolkit").notNull(),
                        .text("auth_scheme").notNull(),
                        .boolean("is_enabled").notNull(),
                        .text("public_fields").notNull(),
                        .blob("secret_fields").notNull(),
                        .text("tool_access_config").notNull(),
                        .datetime("created_at").notNull(),
                        .datetime("updated_at").notNull(),
                    ]
                ),
                .createTable(
                    "connected_accounts",
                    columns: [
                        .text("id").primaryKey(),
                        .text("user_id").notNull().indexed(),
                        .text("auth_config_id").notNull().indexed().references("auth_configs", column: "id", onDelete: .cascade),
                        .text("status").notNull(),
                        .text("status_reason"),
                        .boolean("is_disabled").notNull(),
                        .text("alias"),
                        .text("callback_url"),
                        .text("subdomain"),
                        .text("api_domain"),
                        .blob("secrets").notNull(),
                        .datetime("expires_at"),
                        .text("scope"),
                        .integer("token_version").notNull().defaults(to: 0),
                        .datetime("created_at").notNull(),
                        .datetime("updated_at").notNull(),
                    ]
                ),
                .createTable(
                    "oauth_states",
                    columns: [
                        .text("state").primaryKey(),
                        .text("connected_account_id").indexed().references("connected_accounts", column: "id", onDelete: .cascade),
                        .text("redirect_uri"),
                        .datetime("expires_at").notNull(),
                        .datetime("used_at"),
                    ]
                ),
                .createTable(
                    "connect_links",
                    columns: [
                        .text("token").primaryKey(),
                        .text("connected_account_id").indexed().references("connected_accounts", column: "id", onDelete: .cascade),
                        .text("csrf_token").notNull(),
                        .datetime("expires_at").notNull(),
                        .datetime("used_at"),
                    ]
                ),
            ]
        case .keyScopes:
            [
                .addColumns("api_keys", columns: [.text("scope"), .datetime("expires_at")]),
                .addColumns("execution_logs", columns: [.boolean("dry_run").notNull().defaults(to: false)]),
            ]
        case .sessions:
            [
                .createTable(
                    "tool_router_sessions",
                    columns: [
                        .text("id").primaryKey(),
                        .text("user_id").notNull().indexed(),
                        .integer("config_version").notNull(),
                        .text("config").notNull(),
                        .datetime("created_at").notNull(),
                        .datetime("updated_at").notNull(),
                    ]
                ),
                .createTable(
                    "tool_router_session_configs",
                    columns: [
                        .text("id").primaryKey(),
                        .text("session_id").notNull().indexed().references("tool_router_sessions", column: "id", onDelete: .cascade),
                        .integer("version").notNull(),
                        .text("config").notNull(),
                        .datetime("created_at").notNull(),
                    ]
                ),
            ]
        case .mcpServers:
            [
                .createTable(
                    "mcp_servers",
                    columns: [
                        .text("id").primaryKey(),
                        .text("name").notNull(),
                        .text("toolkits").notNull(),
                        .text("auth_config_ids").notNull(),
                        .text("allowed_tools").notNull(),
                        .boolean("managed_auth").notNull(),
                        .datetime("created_at").notNull(),
                        .datetime("updated_at").notNull(),
                    ]
                )
            ]
        case .executionRequestID:
            [.addColumns("execution_logs", columns: [.text("request_id").indexed()])]
        case .triggers:
            [
                .createTable(
                    "pipedrive_webhooks",
                    columns: [
                        .text("id").primaryKey(),
                        .text("connected_account_id").notNull().indexed().references("connected_accounts", column: "id", onDelete: .cascade),
                        .text("event").notNull(),
                        .text("registration_key").notNull().unique(),
                        .text("pipedrive_id"),
                        .text("auth_user").notNull(),
                        .blob("sealed_password").notNull(),
                        .datetime("created_at").notNull(),
                    ]
                ),
                .createTable(
                    "trigger_instances",
                    columns: [
                        .text("id").primaryKey(),
                        .text("slug").notNull(),
                        .text("user_id").notNull(),
                        .text("connected_account_id").notNull().indexed().references("connected_accounts", column: "id", onDelete: .cascade),
                        .text("auth_config_id").notNull(),
                        .text("config").notNull(),
                        .text("webhook_id").notNull().indexed().references("pipedrive_webhooks", column: "id", onDelete: .cascade),
                        .datetime("disabled_at"),
                        .datetime("created_at").notNull(),
                        .datetime("updated_at").notNull(),
                    ]
                ),
                .createTable(
                    "webhook_subscriptions",
                    columns: [
                        .text("id").primaryKey(),
                        .text("url").notNull(),
                        .text("version").notNull(),
                        .text("enabled_events").notNull(),
                        .blob("sealed_secret").notNull(),
                        .datetime("created_at").notNull(),
                        .datetime("updated_at").notNull(),
                    ]
                ),
                .createTable("trigger_events", columns: [.text("key").primaryKey(), .datetime("received_at").notNull().indexed()]),
                .createTable(
                    "trigger_deliveries",
                    columns: [
                        .text("id").primaryKey(),
                        .text("subscription_id").notNull(),
                        .text("trigger_id").notNull().indexed(),
                        .text("trigger_slug").notNull(),
                        .text("user_id").notNull(),
                        .text("body").notNull(),
                        .text("status").notNull(),
                        .integer("attempts").notNull(),
                        .text("attempt_log").notNull(),
                        .datetime("next_attempt_at").notNull().indexed(),
                        .datetime("lease_until"),
                        .datetime("created_at").notNull(),
                        .datetime("finished_at"),
                    ]
                ),
            ]
        }
    }
}
