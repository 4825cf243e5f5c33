package import Foundation

/// A connect link as the `connect_links` table holds it.
package struct ConnectLinkRow: StoredRow {
    package static let table = "connect_links"

    package enum CodingKeys: String, CodingKey, CaseIterable {
        case token
        case connectedAccountID = "connected_account_id"
        case csrfToken = "csrf_token"
        case expiresAt = "expires_at"
        case usedAt = "used_at"
    }

    package var token: String
    package var connectedAccountID: String?
    package var csrfToken: String
    package var expiresAt: Date
    package var usedAt: Date?

    package init(_ record: ConnectLinkRecord) {
        token = record.token
        connectedAccountID = record.connectedAccountID
        csrfToken = record.csrfToken
        expiresAt = record.expiresAt
        usedAt = record.usedAt
    }

    package var record: ConnectLinkRecord {
        ConnectLinkRecord(token: token, connectedAccountID: connectedAccountID, csrfToken: csrfToken, expiresAt: expiresAt, usedAt: usedAt)
    }
}
