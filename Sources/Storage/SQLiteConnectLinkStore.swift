public import Foundation
import GRDB

/// `ConnectLinkStore` over the `connect_links` table.
public struct SQLiteConnectLinkStore: ConnectLinkStore {
    let writer: any DatabaseWriter

    private struct Row: Codable, FetchableRecord, PersistableRecord, SingleUseRow {
        static let databaseTableName = "connect_links"
        var token: String
        var connected_account_id: String?
        var csrf_token: String
        var expires_at: Date
        var used_at: Date?

        init(_ record: ConnectLinkRecord) {
            token = record.token
            connected_account_id = record.connectedAccountID
            csrf_token = record.csrfToken
            expires_at = record.expiresAt
            used_at = record.usedAt
        }

        var record: ConnectLinkRecord {
            ConnectLinkRecord(token: token, connectedAccountID: connected_account_id, csrfToken: csrf_token, expiresAt: expires_at, usedAt: used_at)
        }
    }

    public func insert(_ record: ConnectLinkRecord) async throws(StorageError) {
        let row = Row(record)
        try await writer.write(for: "store a connect link") { db in try row.insert(db) }
    }

    public func get(token: String) async throws(StorageError) -> ConnectLinkRecord? {
        try await writer.read(for: "read a connect link") { db in try Row.fetchOne(db, key: token)?.record }
    }

    public func consume(token: String, now: Date) async throws(StorageError) -> ConnectLinkRecord? {
        try await writer.write(for: "use a connect link") { db in
            try Row.claim(key: token, now: now, in: db)?.record
        }
    }
}
