public import Foundation
import PostgresNIO
public import Storage

/// `OAuthStateStore` over the `oauth_states` table: a state made by one replica is consumed by whichever
/// replica Pipedrive's callback reaches.
public struct PostgresOAuthStateStore: OAuthStateStore {
    let database: PostgresDatabase

    public func insert(_ record: OAuthStateRecord) async throws(StorageError) {
        _ = try await database.count("store an OAuth state", OAuthStateRow(record).insertQuery)
    }

    /// One conditional UPDATE … RETURNING, so of concurrent callers on any replicas at most one gets the state.
    public func consume(state: String, now: Date) async throws(StorageError) -> OAuthStateRecord? {
        try await database.claim(OAuthStateRow.self, "use an OAuth state", key: state, now: now)?.record
    }
}

/// `ConnectLinkStore` over the `connect_links` table.
public struct PostgresConnectLinkStore: ConnectLinkStore {
    let database: PostgresDatabase

    public func insert(_ record: ConnectLinkRecord) async throws(StorageError) {
        _ = try await database.count("store a connect link", ConnectLinkRow(record).insertQuery)
    }

    public func get(token: String) async throws(StorageError) -> ConnectLinkRecord? {
        try await database.rows("read a connect link", "\(unescaped: ConnectLinkRow.selectAll) WHERE token = \(token)", as: ConnectLinkRow.self)
            .first?.record
    }

    /// One conditional UPDATE … RETURNING, so of concurrent callers on any replicas at most one gets the link.
    public func consume(token: String, now: Date) async throws(StorageError) -> ConnectLinkRecord? {
        try await database.claim(ConnectLinkRow.self, "use a connect link", key: token, now: now)?.record
    }
}

extension PostgresDatabase {
    /// Marks the row `key` of a single-use table (`used_at`, `expires_at`) used at `now` and returns it,
    /// only if it exists, is unused and has not expired: one conditional UPDATE … RETURNING.
    fileprivate func claim<Row: PostgresStoredRow>(
        _: Row.Type, _ operation: String, key: String, now: Date
    ) async throws(StorageError) -> Row? {
        try await rows(
            operation,
            """
            UPDATE \(unescaped: Row.table) SET used_at = \(now.storedPrecision)
            WHERE \(unescaped: Row.columns[0]) = \(key) AND used_at IS NULL AND expires_at > \(now)
            RETURNING \(unescaped: Row.columnList)
            """,
            as: Row.self
        ).first
    }
}

extension OAuthStateRow: PostgresStoredRow {
    init(_ row: PostgresRow) throws {
        let (state, account, redirect, expires, used) = try row.decode((String, String?, String?, Date, Date?).self)
        self.init(OAuthStateRecord(state: state, connectedAccountID: account, redirectURI: redirect, expiresAt: expires, usedAt: used))
    }

    func bind(into bindings: inout PostgresBindings) {
        bindings.append(state)
        bindings.append(connectedAccountID)
        bindings.append(redirectURI)
        bindings.append(expiresAt.storedPrecision)
        bindings.append(usedAt?.storedPrecision)
    }
}

extension ConnectLinkRow: PostgresStoredRow {
    init(_ row: PostgresRow) throws {
        let (token, account, csrf, expires, used) = try row.decode((String, String?, String, Date, Date?).self)
        self.init(ConnectLinkRecord(token: token, connectedAccountID: account, csrfToken: csrf, expiresAt: expires, usedAt: used))
    }

    func bind(into bindings: inout PostgresBindings) {
        bindings.append(token)
        bindings.append(connectedAccountID)
        bindings.append(csrfToken)
        bindings.append(expiresAt.storedPrecision)
        bindings.append(usedAt?.storedPrecision)
    }
}
