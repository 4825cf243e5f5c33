public import Foundation
import GRDB

/// `ConnectedAccountStore` over the `connected_accounts` table; secrets are sealed with `box`.
public struct SQLiteConnectedAccountStore: ConnectedAccountStore {
    let writer: any DatabaseWriter
    let box: SecretBox

    private struct Row: Codable, FetchableRecord, PersistableRecord {
        static let databaseTableName = "connected_accounts"
        var id: String
        var user_id: String
        var auth_config_id: String
        var status: String
        var status_reason: String?
        var is_disabled: Bool
        var alias: String?
        var callback_url: String?
        var subdomain: String?
        var api_domain: String?
        var secrets: Data
        var expires_at: Date?
        var scope: String?
        var token_version: Int
        var created_at: Date
        var updated_at: Date

        init(_ record: ConnectedAccountRecord, box: SecretBox) throws(StorageError) {
            id = record.id
            user_id = record.userID
            auth_config_id = record.authConfigID
            status = record.status
            status_reason = record.statusReason
            is_disabled = record.isDisabled
            alias = record.alias
            callback_url = record.callbackURL
            subdomain = record.subdomain
            api_domain = record.apiDomain
            secrets = try StoredFields.seal(record.secrets, with: box)
            expires_at = record.expiresAt
            scope = record.scope
            token_version = record.tokenVersion
            created_at = record.createdAt
            updated_at = record.updatedAt
        }

        func record(_ box: SecretBox) throws(StorageError) -> ConnectedAccountRecord {
            ConnectedAccountRecord(
                id: id, userID: user_id, authConfigID: auth_config_id, status: status, statusReason: status_reason,
                isDisabled: is_disabled, alias: alias, callbackURL: callback_url, subdomain: subdomain, apiDomain: api_domain,
                secrets: try StoredFields.open(secrets, with: box), expiresAt: expires_at, scope: scope,
                tokenVersion: token_version, createdAt: created_at, updatedAt: updated_at
            )
        }
    }

    public func insert(_ record: ConnectedAccountRecord) async throws(StorageError) {
        let row = try Row(record, box: box)
        try await writer.write(for: "store a connected account") { db in try row.insert(db) }
    }

    public func get(id: String) async throws(StorageError) -> ConnectedAccountRecord? {
        let row = try await writer.read(for: "read a connected account") { db in try Row.fetchOne(db, key: id) }
        return try row?.record(box)
    }

    public func list(_ filter: ConnectedAccountFilter) async throws(StorageError) -> [ConnectedAccountRecord] {
        let rows = try await writer.read(for: "list connected accounts") { db in
            var request = Row.all()
            if !filter.userIDs.isEmpty { request = request.filter(filter.userIDs.contains(Column("user_id"))) }
            if !filter.authConfigIDs.isEmpty { request = request.filter(filter.authConfigIDs.contains(Column("auth_config_id"))) }
            if !filter.statuses.isEmpty { request = request.filter(filter.statuses.contains(Column("status"))) }
            if !filter.accountIDs.isEmpty { request = request.filter(filter.accountIDs.contains(Column("id"))) }
            if !filter.toolkits.isEmpty {
                // A subquery rather than a GRDB association: this runs on every tool call, and the association
                // machinery cost more than the query itself.
                let toolkits = filter.toolkits.map { $0.lowercased() }
                let placeholders = Array(repeating: "?", count: toolkits.count).joined(separator: ", ")
                request = request.filter(
                    sql: "auth_config_id IN (SELECT id FROM auth_configs WHERE lower(toolkit) IN (\(placeholders)))",
                    arguments: StatementArguments(toolkits)
                )
            }
            let date = Column(filter.orderBy == .createdAt ? "created_at" : "updated_at")
            return try request.order(filter.ascending ? date.asc : date.desc, Column("id")).fetchAll(db)
        }
        return try rows.map { row throws(StorageError) in try row.record(box) }
    }

    public func update(_ record: ConnectedAccountRecord) async throws(StorageError) -> Bool {
        var row = try Row(record, box: box)
        row.updated_at = Date()
        let candidate = row
        return try await writer.write(for: "update a connected account") { db in
            guard let stored = try Row.fetchOne(db, key: candidate.id) else { return false }
            var replacement = candidate
            replacement.created_at = stored.created_at
            if candidate.token_version < stored.token_version {
                // Read before a newer token was stored: keep the stored token fields.
                replacement.secrets = stored.secrets
                replacement.expires_at = stored.expires_at
                replacement.api_domain = stored.api_domain
                replacement.scope = stored.scope
                replacement.token_version = stored.token_version
            } else {
                let changed = try StoredFields.open(stored.secrets, with: box) != record.secrets
                replacement.token_version = stored.token_version + (changed ? 1 : 0)
            }
            try replacement.update(db)
            return true
        }
    }

    public func delete(id: String) async throws(StorageError) -> Bool {
        try await writer.write(for: "delete a connected account") { db in try Row.deleteOne(db, key: id) }
    }

    public func replaceSecrets(
        id: String, expectedVersion: Int, secrets: [String: String], expiresAt: Date?, apiDomain: String?, scope: String?
    ) async throws(StorageError) -> ConnectedAccountRecord? {
        let sealed = try StoredFields.seal(secrets, with: box)
        let row = try await writer.write(for: "replace a connected account's secrets") { db -> Row? in
            var assignments = [
                Column("secrets").set(to: sealed),
                Column("expires_at").set(to: expiresAt),
                Column("status").set(to: "ACTIVE"),
                Column("status_reason").set(to: nil),
                Column("token_version") += 1,
                Column("updated_at").set(to: Date()),
            ]
            if let apiDomain { assignments.append(Column("api_domain").set(to: apiDomain)) }
            if let scope { assignments.append(Column("scope").set(to: scope)) }
            let changed = try Row.filter(key: id).filter(Column("token_version") == expectedVersion).updateAll(db, assignments)
            return changed == 1 ? try Row.fetchOne(db, key: id) : nil
        }
        return try row?.record(box)
    }

    /// SQLite serves one process, whose `TokenRefresher` already runs one refresh per account at a time;
    /// another process on the same file is kept from overwriting a newer token by `replaceSecrets`'
    /// compare-and-set.
    public func withRefreshLock<T: Sendable>(id: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await body()
    }

    public func setStatus(id: String, status: String, reason: String?) async throws(StorageError) -> Bool {
        try await writer.write(for: "set a connected account's status") { db in
            try Row.filter(key: id).updateAll(
                db, Column("status").set(to: status), Column("status_reason").set(to: reason), Column("updated_at").set(to: Date())
            ) > 0
        }
    }
}
