public import Foundation
import PostgresNIO
public import Storage

/// `OAuthStateStore` over the `oauth_states` table: a state made by one replica is consumed by whichever
/// replica Pipedrive's callback reaches.
public struct PostgresOAuthStateStore: OAuthStateStore {
    let database: PostgresDatabase

    public func insert(_ record: OAuthStateRecord) async throws(StorageError) {
        _ = try await database.count(
            "store an OAuth state",
            """
            INSERT INTO oauth_states (state, connected_account_id, redirect_uri, expires_at, used_at) VALUES (
                \(record.state), \(record.connectedAccountID), \(record.redirectURI), \(record.expiresAt.storedPrecision),
                \(record.usedAt?.storedPrecision))
            """
        )
    }

    /// One conditional UPDATE … RETURNING, so of concurrent callers on any replicas at most one gets the state.
    public func consume(state: String, now: Date) async throws(StorageError) -> OAuthStateRecord? {
        let operation = "use an OAuth state"
        let rows = try await database.rows(
            operation,
            """
            UPDATE oauth_states SET used_at = \(now.storedPrecision)
            WHERE state = \(state) AND used_at IS NULL AND expires_at > \(now)
            RETURNING state, connected_account_id, redirect_uri, expires_at, used_at
            """
        )
        return try database.decode(operation, rows) { row in
            let (state, account, redirect, expires, used) = try row.decode((String, String?, String?, Date, Date?).self)
            return OAuthStateRecord(state: state, connectedAccountID: account, redirectURI: redirect, expiresAt: expires, usedAt: used)
        }.first
    }
}

/// `ConnectLinkStore` over the `connect_links` table.
public struct PostgresConnectLinkStore: ConnectLinkStore {
    let database: PostgresDatabase

    private static let columns = "token, connected_account_id, csrf_token, expires_at, used_at"

    public func insert(_ record: ConnectLinkRecord) async throws(StorageError) {
        _ = try await database.count(
            "store a connect link",
            """
            INSERT INTO connect_links (\(unescaped: Self.columns)) VALUES (
                \(record.token), \(record.connectedAccountID), \(record.csrfToken), \(record.expiresAt.storedPrecision),
                \(record.usedAt?.storedPrecision))
            """
        )
    }

    public func get(token: String) async throws(StorageError) -> ConnectLinkRecord? {
        try await records("read a connect link", "SELECT \(unescaped: Self.columns) FROM connect_links WHERE token = \(token)").first
    }

    /// One conditional UPDATE … RETURNING, so of concurrent callers on any replicas at most one gets the link.
    public func consume(token: String, now: Date) async throws(StorageError) -> ConnectLinkRecord? {
        try await records(
            "use a connect link",
            """
            UPDATE connect_links SET used_at = \(now.storedPrecision)
            WHERE token = \(token) AND used_at IS NULL AND expires_at > \(now)
            RETURNING \(unescaped: Self.columns)
            """
        ).first
    }

    private func records(_ operation: String, _ query: PostgresQuery) async throws(StorageError) -> [ConnectLinkRecord] {
        try database.decode(operation, try await database.rows(operation, query)) { row in
            let (token, account, csrf, expires, used) = try row.decode((String, String?, String, Date, Date?).self)
            return ConnectLinkRecord(token: token, connectedAccountID: account, csrfToken: csrf, expiresAt: expires, usedAt: used)
        }
    }
}
