public import Foundation
import GRDB
public import Storage

/// `OAuthStateStore` over the `oauth_states` table.
public struct SQLiteOAuthStateStore: OAuthStateStore {
    let writer: any DatabaseWriter

    public func insert(_ record: OAuthStateRecord) async throws(StorageError) {
        let row = OAuthStateRow(record)
        try await writer.write(for: "store an OAuth state") { db in try row.insert(db) }
    }

    public func consume(state: String, now: Date) async throws(StorageError) -> OAuthStateRecord? {
        try await writer.write(for: "use an OAuth state") { db in
            try OAuthStateRow.claim(key: state, now: now, in: db)?.record
        }
    }
}
