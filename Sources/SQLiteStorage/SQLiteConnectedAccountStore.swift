public import Foundation
import GRDB
public import Storage

/// `ConnectedAccountStore` over the `connected_accounts` table; secrets are sealed with `box`.
public struct SQLiteConnectedAccountStore: ConnectedAccountStore {
    let writer: any DatabaseWriter
    let box: SecretBox

    private typealias Columns = ConnectedAccountRow.CodingKeys

    public func insert(_ record: ConnectedAccountRecord) async throws(StorageError) {
        let row = try ConnectedAccountRow(record, box: box)
        try await writer.write(for: "store a connected account") { db in try row.insert(db) }
    }

    public func get(id: String) async throws(StorageError) -> ConnectedAccountRecord? {
        let row = try await writer.read(for: "read a connected account") { db in try ConnectedAccountRow.fetchOne(db, key: id) }
        return try row?.record(box)
    }

    public func list(_ filter: ConnectedAccountFilter) async throws(StorageError) -> [ConnectedAccountRecord] {
        let rows = try await writer.read(for: "list connected accounts") { db in
            var request = ConnectedAccountRow.all()
            if !filter.userIDs.isEmpty { request = request.filter(filter.userIDs.contains(Column(Columns.userID))) }
            if !filter.authConfigIDs.isEmpty { request = request.filter(filter.authConfigIDs.contains(Column(Columns.authConfigID))) }
            if !filter.statuses.isEmpty { request = request.filter(filter.statuses.map(\.rawValue).contains(Column(Columns.status))) }
            if !filter.accountIDs.isEmpty { request = request.filter(filter.accountIDs.contains(Column(Columns.id))) }
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
            let date = Column(filter.orderBy == .createdAt ? Columns.createdAt : Columns.updatedAt)
            return try request.order(filter.ascending ? date.asc : date.desc, Column(Columns.id)).fetchAll(db)
        }
        return try rows.map { row throws(StorageError) in try row.record(box) }
    }

    /// Reads the stored row and writes ``ConnectedAccountRow/updated(with:box:now:)`` over it in one write
    /// transaction, which SQLite runs one at a time.
    public func update(_ record: ConnectedAccountRecord) async throws(StorageError) -> Bool {
        let box = box
        return try await writer.write(for: "update a connected account") { db in
            try ConnectedAccountRow.replace(key: record.id, in: db) { stored in try stored.updated(with: record, box: box, now: Date()) }
        }
    }

    public func delete(id: String) async throws(StorageError) -> Bool {
        try await writer.write(for: "delete a connected account") { db in try ConnectedAccountRow.deleteOne(db, key: id) }
    }

    public func replaceSecrets(
        id: String, expectedVersion: Int, secrets: AccountSecrets, expiresAt: Date?, apiDomain: String?, scope: String?
    ) async throws(StorageError) -> ConnectedAccountRecord? {
        let sealed = try StoredFields.seal(secrets.fields, with: box)
        let row = try await writer.write(for: "replace a connected account's secrets") { db -> ConnectedAccountRow? in
            var assignments = [
                Column(Columns.secrets).set(to: sealed),
                Column(Columns.expiresAt).set(to: expiresAt),
                Column(Columns.status).set(to: ConnectionStatus.active.rawValue),
                Column(Columns.statusReason).set(to: nil),
                Column(Columns.tokenVersion) += 1,
                Column(Columns.updatedAt).set(to: Date()),
            ]
            if let apiDomain { assignments.append(Column(Columns.apiDomain).set(to: apiDomain)) }
            if let scope { assignments.append(Column(Columns.scope).set(to: scope)) }
            let changed = try ConnectedAccountRow.filter(key: id).filter(Column(Columns.tokenVersion) == expectedVersion)
                .updateAll(db, assignments)
            return changed == 1 ? try ConnectedAccountRow.fetchOne(db, key: id) : nil
        }
        return try row?.record(box)
    }

    /// SQLite serves one process, whose `TokenRefresher` already runs one refresh per account at a time;
    /// another process on the same file is kept from overwriting a newer token by `replaceSecrets`'
    /// compare-and-set.
    public func withRefreshLock<T: Sendable>(id: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await body()
    }

    public func setStatus(id: String, status: ConnectionStatus, reason: String?) async throws(StorageError) -> Bool {
        try await writer.write(for: "set a connected account's status") { db in
            try ConnectedAccountRow.filter(key: id).updateAll(
                db, Column(Columns.status).set(to: status.rawValue), Column(Columns.statusReason).set(to: reason),
                Column(Columns.updatedAt).set(to: Date())
            ) > 0
        }
    }
}
