public import Foundation
import GRDB
public import Storage

/// `APIKeyStore` over the `api_keys` table.
public struct SQLiteAPIKeyStore: APIKeyStore {
    let writer: any DatabaseWriter

    private typealias Columns = APIKeyRow.CodingKeys

    public func hasActiveKeys() async throws(StorageError) -> Bool {
        try await writer.read(for: "count API keys") { db in
            try APIKeyRow.filter(Column(Columns.revokedAt) == nil).fetchCount(db) > 0
        }
    }

    public func insert(name: String, plaintext: String, scope: APIKeyScope, expiresAt: Date?) async throws(StorageError) -> APIKeyRecord {
        let row = APIKeyRow(name: name, plaintext: plaintext, scope: scope, expiresAt: expiresAt, createdAt: Date())
        try await writer.write(for: "store an API key") { db in try row.insert(db) }
        return try row.record()
    }

    public func activeKey(hash: String) async throws(StorageError) -> APIKeyRecord? {
        try await writer.read(for: "look up an API key") { db in
            try APIKeyRow.filter(Column(Columns.keyHash) == hash && Column(Columns.revokedAt) == nil).fetchOne(db)
        }?.record()
    }

    public func all() async throws(StorageError) -> [APIKeyRecord] {
        let rows = try await writer.read(for: "list API keys") { db in try APIKeyRow.order(Column(Columns.createdAt).desc).fetchAll(db) }
        return try rows.map { row throws(StorageError) in try row.record() }
    }

    public func revoke(id: String) async throws(StorageError) -> Bool {
        try await writer.write(for: "revoke an API key") { db in
            try APIKeyRow.filter(key: id).filter(Column(Columns.revokedAt) == nil)
                .updateAll(db, Column(Columns.revokedAt).set(to: Date())) > 0
        }
    }
}
