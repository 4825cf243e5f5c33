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

    public func insert(_ record: ConnectedAccountRecord) async throws(StorageError) {
        _ = try await database.count("store a connected account", try ConnectedAccountRow(record, box: box).insertQuery)
    }

    public func get(id: String) async throws(StorageError) -> ConnectedAccountRecord? {
        try await records("read a connected account", "\(unescaped: ConnectedAccountRow.selectAll) WHERE id = \(id)").first
    }

    public func list(_ filter: ConnectedAccountFilter) async throws(StorageError) -> [ConnectedAccountRecord] {
        var query = PostgresQuery(unsafeSQL: ConnectedAccountRow.selectAll + " WHERE true")
        func require(_ column: String, in values: [String]) {
            guard !values.isEmpty else { return }
            query.sql += " AND \(column) = ANY($\(query.binds.count + 1))"
            query.binds.append(values)
        }
        require("user_id", in: filter.userIDs)
        require("auth_config_id", in: filter.authConfigIDs)
        require("status", in: filter.statuses.map(\.rawValue))
        require("id", in: filter.accountIDs)
        if !filter.toolkits.isEmpty {
            query.sql += " AND auth_config_id IN (SELECT id FROM auth_configs WHERE lower(toolkit) = ANY($\(query.binds.count + 1)))"
            query.binds.append(filter.toolkits.map { $0.lowercased() })
        }
        let date = filter.orderBy == .createdAt ? "created_at" : "updated_at"
        query.sql += " ORDER BY \(date) \(filter.ascending ? "ASC" : "DESC"), id"
        return try await records("list connected accounts", query)
    }

    /// Reads the stored row (`FOR UPDATE`) and writes ``ConnectedAccountRow/updated(with:box:now:)`` over it
    /// in one transaction, so a concurrent refresh waits for it or it for the refresh.
    public func update(_ record: ConnectedAccountRecord) async throws(StorageError) -> Bool {
        let box = box
        let now = Date().storedPrecision
        return try await database.replace("update a connected account", key: record.id) { (stored: ConnectedAccountRow) in
            try stored.updated(with: record, box: box, now: now)
        }
    }

    public func delete(id: String) async throws(StorageError) -> Bool {
        try await database.count("delete a connected account", "DELETE FROM connected_accounts WHERE id = \(id) RETURNING 1") > 0
    }

    public func replaceSecrets(
        id: String, expectedVersion: Int, secrets: AccountSecrets, expiresAt: Date?, apiDomain: String?, scope: String?
    ) async throws(StorageError) -> ConnectedAccountRecord? {
        let sealed = ByteBuffer(bytes: try StoredFields.seal(secrets.fields, with: box))
        return try await records(
            "replace a connected account's secrets",
            """
            UPDATE connected_accounts SET secrets = \(sealed), expires_at = \(expiresAt?.storedPrecision),
                status = \(ConnectionStatus.active.rawValue), status_reason = NULL, token_version = token_version + 1,
                updated_at = \(Date().storedPrecision), api_domain = coalesce(\(apiDomain), api_domain), scope = coalesce(\(scope), scope)
            WHERE id = \(id) AND token_version = \(expectedVersion)
            RETURNING \(unescaped: ConnectedAccountRow.columnList)
            """
        ).first
    }

    public func setStatus(id: String, status: ConnectionStatus, reason: String?) async throws(StorageError) -> Bool {
        try await database.count(
            "set a connected account's status",
            """
            UPDATE connected_accounts SET status = \(status.rawValue), status_reason = \(reason), updated_at = \(Date().storedPrecision)
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
        try await database.rows(operation, query, as: ConnectedAccountRow.self).map { row throws(StorageError) in try row.record(box) }
    }
}

extension ConnectedAccountRow: PostgresStoredRow {
    init(_ row: PostgresRow) throws {
        let (id, user, config, status, reason, disabled, alias, callback, subdomain, apiDomain, secrets, expires, scope, version, created,
            updated) = try row.decode(
                (String, String, String, String, String?, Bool, String?, String?, String?, String?, Data, Date?, String?, Int, Date, Date).self
            )
        self.init(
            id: id, userID: user, authConfigID: config, status: status, statusReason: reason, isDisabled: disabled, alias: alias,
            callbackURL: callback, subdomain: subdomain, apiDomain: apiDomain, secrets: secrets, expiresAt: expires, scope: scope,
            tokenVersion: version, createdAt: created, updatedAt: updated
        )
    }

    func bind(into bindings: inout PostgresBindings) {
        bindings.append(id)
        bindings.append(userID)
        bindings.append(authConfigID)
        bindings.append(status)
        bindings.append(statusReason)
        bindings.append(isDisabled)
        bindings.append(alias)
        bindings.append(callbackURL)
        bindings.append(subdomain)
        bindings.append(apiDomain)
        bindings.append(ByteBuffer(bytes: secrets))
        bindings.append(expiresAt?.storedPrecision)
        bindings.append(scope)
        bindings.append(tokenVersion)
        bindings.append(createdAt.storedPrecision)
        bindings.append(updatedAt.storedPrecision)
    }
}
