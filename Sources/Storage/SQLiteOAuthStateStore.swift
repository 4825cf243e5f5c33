public import Foundation
import GRDB

/// `OAuthStateStore` over the `oauth_states` table.
public struct SQLiteOAuthStateStore: OAuthStateStore {
    let writer: any DatabaseWriter

    private struct Row: Codable, FetchableRecord, PersistableRecord, SingleUseRow {
        static let databaseTableName = "oauth_states"
        var state: String
        var connected_account_id: String?
        var redirect_uri: String?
        var expires_at: Date
        var used_at: Date?

        init(_ record: OAuthStateRecord) {
            state = record.state
            connected_account_id = record.connectedAccountID
            redirect_uri = record.redirectURI
            expires_at = record.expiresAt
            used_at = record.usedAt
        }

        var record: OAuthStateRecord {
            OAuthStateRecord(
                state: state, connectedAccountID: connected_account_id, redirectURI: redirect_uri, expiresAt: expires_at, usedAt: used_at
            )
        }
    }

    public func insert(_ record: OAuthStateRecord) async throws(StorageError) {
        let row = Row(record)
        try await writer.write(for: "store an OAuth state") { db in try row.insert(db) }
    }

    public func consume(state: String, now: Date) async throws(StorageError) -> OAuthStateRecord? {
        try await writer.write(for: "use an OAuth state") { db in
            try Row.claim(key: state, now: now, in: db)?.record
        }
    }
}
