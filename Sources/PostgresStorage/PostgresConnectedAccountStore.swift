public import Foundation
import PostgresNIO
public import Storage

/// `ConnectedAccountStore` over the `connected_accounts` table; secrets are sealed with `box`. Token
/// refreshes are serialised across replicas by an advisory lock per account.
public struct PostgresConnectedAccountStore: ConnectedAccountStore {
    /// The advisory lock namespace of token refreshes (`pg_advisory_xact_lock(namespace, hashtext(id))`).
    static let refreshLockNamespace: Int32 = 0x7470_0002

    let database: PostgresDatabase
    let box: SecretBox

    private static let columns = """
        id, user_id, auth_config_id, status, status_reason, is_disabled, alias, callback_url, subdomain, api_domain, secrets,
        expires_at, scope, token_version, created_at, updated_at
        """

    public func insert(_ record: ConnectedAccountRecord) async throws(StorageError) {
        let secrets = ByteBuffer(bytes: try StoredFields.seal(record.secrets, with: box))
        _ = try await database.count(
            "store a connected account",
            """
            INSERT INTO connected_accounts (\(unescaped: Self.columns)) VALUES (
                \(record.id), \(record.userID), \(record.authConfigID), \(record.status), \(record.statusReason), \(record.isDisabled),
                \(record.alias), \(record.callbackURL), \(record.subdomain), \(record.apiDomain), \(secrets),
                \(record.expiresAt?.storedPrecision), \(record.scope), \(record.tokenVersion), \(record.createdAt.storedPrecision),
                \(record.updatedAt.storedPrecision))
            """
        )
    }

    public func get(id: String) async throws(StorageError) -> ConnectedAccountRecord? {
        try await records("read a connected account", "SELECT \(unescaped: Self.columns) FROM connected_accounts WHERE id = \(id)").first
    }

    public func list(_ filter: ConnectedAccountFilter) async throws(StorageError) -> [ConnectedAccountRecord] {
        var query: PostgresQuery = "SELECT \(unescaped: Self.columns) FROM connected_accounts WHERE true"
        func require(_ column: String, in values: [String]) {
            guard !values.isEmpty else { return }
            query.sql += " AND \(column) = ANY($\(query.binds.count + 1))"
            query.binds.append(values)
        }
        require("user_id", in: filter.userIDs)
        require("auth_config_id", in: filter.authConfigIDs)
        require("status", in: filter.statuses)
        require("id", in: filter.accountIDs)
        if !filter.toolkits.isEmpty {
            query.sql += " AND auth_config_id IN (SELECT id FROM auth_configs WHERE lower(toolkit) = ANY($\(query.binds.count + 1)))"
            query.binds.append(filter.toolkits.map { $0.lowercased() })
        }
        let date = filter.orderBy == .createdAt ? "created_at" : "updated_at"
        query.sql += " ORDER BY \(date) \(filter.ascending ? "ASC" : "DESC"), id"
        return try await records("list connected accounts", query)
    }

    public func update(_ record: ConnectedAccountRecord) async throws(StorageError) -> Bool {
        let sealed = ByteBuffer(bytes: try StoredFields.seal(record.secrets, with: box))
        let box = box
        let now = Date().storedPrecision
        return try await database.transaction("update a connected account") { connection in
            let logger = database.logger
            let stored = try await connection.query(
                "SELECT secrets, token_version FROM connected_accounts WHERE id = \(record.id) FOR UPDATE", logger: logger
            ).collect()
            guard let row = stored.first else { return false }
            let (storedSecrets, storedVersion) = try row.decode((Data, Int).self)
            if record.tokenVersion < storedVersion {
                // Read before a newer token was stored: keep the stored token fields.
                try await connection.query(
                    """
                    UPDATE connected_accounts SET user_id = \(record.userID), auth_config_id = \(record.authConfigID),
                        status = \(record.status), status_reason = \(record.statusReason), is_disabled = \(record.isDisabled),
                        alias = \(record.alias), callback_url = \(record.callbackURL), subdomain = \(record.subdomain), updated_at = \(now)
                    WHERE id = \(record.id)
                    """,
                    logger: logger
                )
            } else {
                let changed = try StoredFields.open(storedSecrets, with: box) != record.secrets
                try await connection.query(
                    """
                    UPDATE connected_accounts SET user_id = \(record.userID), auth_config_id = \(record.authConfigID),
                        status = \(record.status), status_reason = \(record.statusReason), is_disabled = \(record.isDisabled),
                        alias = \(record.alias), callback_url = \(record.callbackURL), subdomain = \(record.subdomain),
                        api_domain = \(record.apiDomain), secrets = \(sealed), expires_at = \(record.expiresAt?.storedPrecision),
                        scope = \(record.scope), token_version = \(storedVersion + (changed ? 1 : 0)), updated_at = \(now)
                    WHERE id = \(record.id)
                    """,
                    logger: logger
                )
            }
            return true
        }
    }

    public func delete(id: String) async throws(StorageError) -> Bool {
        try await database.count("delete a connected account", "DELETE FROM connected_accounts WHERE id = \(id) RETURNING 1") > 0
    }

    public func replaceSecrets(
        id: String, expectedVersion: Int, secrets: [String: String], expiresAt: Date?, apiDomain: String?, scope: String?
    ) async throws(StorageError) -> ConnectedAccountRecord? {
        let sealed = ByteBuffer(bytes: try StoredFields.seal(secrets, with: box))
        return try await records(
            "replace a connected account's secrets",
            """
            UPDATE connected_accounts SET secrets = \(sealed), expires_at = \(expiresAt?.storedPrecision), status = 'ACTIVE',
                status_reason = NULL, token_version = token_version + 1, updated_at = \(Date().storedPrecision),
                api_domain = coalesce(\(apiDomain), api_domain), scope = coalesce(\(scope), scope)
            WHERE id = \(id) AND token_version = \(expectedVersion)
            RETURNING \(unescaped: Self.columns)
            """
        ).first
    }

    public func setStatus(id: String, status: String, reason: String?) async throws(StorageError) -> Bool {
        try await database.count(
            "set a connected account's status",
            """
            UPDATE connected_accounts SET status = \(status), status_reason = \(reason), updated_at = \(Date().storedPrecision)
            WHERE id = \(id) RETURNING 1
            """
        ) > 0
    }

    /// Holds a PostgreSQL advisory transaction lock on the account while `body` runs: every replica's
    /// refresh of the account waits for the one in progress. The lock goes with the transaction, so a
    /// replica that dies mid-refresh releases it at once.
    public func withRefreshLock<T: Sendable>(id: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await database.withAdvisoryLock(
            namespace: Self.refreshLockNamespace, key: id, lockTimeout: database.configuration.refreshLockTimeout, body
        )
    }

    private func records(_ operation: String, _ query: PostgresQuery) async throws(StorageError) -> [ConnectedAccountRecord] {
        let rows = try await database.rows(operation, query)
        let box = box
        return try database.decode(operation, rows) { row in
            let (id, user, config, status, reason, disabled, alias, callback, subdomain, apiDomain, secrets, expires, scope, version,
                created, updated) = try row.decode(
                    (String, String, String, String, String?, Bool, String?, String?, String?, String?, Data, Date?, String?, Int, Date, Date).self
                )
            return ConnectedAccountRecord(
                id: id, userID: user, authConfigID: config, status: status, statusReason: reason, isDisabled: disabled, alias: alias,
                callbackURL: callback, subdomain: subdomain, apiDomain: apiDomain, secrets: try StoredFields.open(secrets, with: box),
                expiresAt: expires, scope: scope, tokenVersion: version, createdAt: created, updatedAt: updated
            )
        }
    }
}
