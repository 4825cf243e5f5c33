public import Foundation
import GRDB
public import Storage

/// `ConnectLinkStore` over the `connect_links` table.
public struct SQLiteConnectLinkStore: ConnectLinkStore {
    let writer: any DatabaseWriter

    public func insert(_ record: ConnectLinkRecord) async throws(StorageError) {
        let row = ConnectLinkRow(record)
        try await writer.write(for: "store a connect link") { db in try row.insert(db) }
    }

    public func get(token: String) async throws(StorageError) -> ConnectLinkRecord? {
        try await writer.read(for: "read a connect link") { db in try ConnectLinkRow.fetchOne(db, key: token)?.record }
    }

    public func consume(token: String, now: Date) async throws(StorageError) -> ConnectLinkRecord? {
        try await writer.write(for: "use a connect link") { db in
            try ConnectLinkRow.claim(key: token, now: now, in: db)?.record
        }
    }
}
