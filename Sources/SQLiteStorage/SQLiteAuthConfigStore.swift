import Foundation
import GRDB
public import Storage

/// `AuthConfigStore` over the `auth_configs` table; secret fields are sealed with `box`.
public struct SQLiteAuthConfigStore: AuthConfigStore {
    let writer: any DatabaseWriter
    let box: SecretBox

    private typealias Columns = AuthConfigRow.CodingKeys

    public func insert(_ record: AuthConfigRecord) async throws(StorageError) {
        let row = try AuthConfigRow(record, box: box)
        try await writer.write(for: "store an auth config") { db in try row.insert(db) }
    }

    public func get(id: String) async throws(StorageError) -> AuthConfigRecord? {
        let row = try await writer.read(for: "read an auth config") { db in try AuthConfigRow.fetchOne(db, key: id) }
        return try row?.record(box)
    }

    public func list(toolkit: String?, includeDisabled: Bool, search: String?) async throws(StorageError) -> [AuthConfigRecord] {
        let rows = try await writer.read(for: "list auth configs") { db in
            var request = AuthConfigRow.all()
            if let toolkit {
                request = request.filter(Column(Columns.toolkit).lowercased == toolkit.lowercased())
            }
            if !includeDisabled {
                request = request.filter(Column(Columns.isEnabled) == true)
            }
            if let search, !search.isEmpty {
                let escaped = search.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_")
                let pattern = "%" + escaped + "%"
                request = request.filter(
                    Column(Columns.name).like(pattern, escape: "\\") || Column(Columns.toolkit).like(pattern, escape: "\\")
                )
            }
            return try request.order(Column(Columns.createdAt).desc, Column(Columns.id)).fetchAll(db)
        }
        return try rows.map { row throws(StorageError) in try row.record(box) }
    }

    public func update(_ record: AuthConfigRecord) async throws(StorageError) -> Bool {
        let box = box
        return try await writer.write(for: "update an auth config") { db in
            try AuthConfigRow.replace(key: record.id, in: db) { stored in try stored.updated(with: record, box: box, now: Date()) }
        }
    }

    public func delete(id: String) async throws(StorageError) -> Bool {
        try await writer.write(for: "delete an auth config") { db in try AuthConfigRow.deleteOne(db, key: id) }
    }

    public func connectionCount(id: String) async throws(StorageError) -> Int {
        try await writer.read(for: "count an auth config's accounts") { db in
            try ConnectedAccountRow.filter(Column(ConnectedAccountRow.CodingKeys.authConfigID) == id).fetchCount(db)
        }
    }
}
