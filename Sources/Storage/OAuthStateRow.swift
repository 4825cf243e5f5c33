package import Foundation

/// An OAuth state as the `oauth_states` table holds it.
package struct OAuthStateRow: StoredRow {
    package static let table = "oauth_states"

    package enum CodingKeys: String, CodingKey, CaseIterable {
        case state
        case connectedAccountID = "connected_account_id"
        case redirectURI = "redirect_uri"
        case expiresAt = "expires_at"
        case usedAt = "used_at"
    }

    package var state: String
    package var connectedAccountID: String?
    package var redirectURI: String?
    package var expiresAt: Date
    package var usedAt: Date?

    package init(_ record: OAuthStateRecord) {
        state = record.state
        connectedAccountID = record.connectedAccountID
        redirectURI = record.redirectURI
        expiresAt = record.expiresAt
        usedAt = record.usedAt
    }

    package var record: OAuthStateRecord {
        OAuthStateRecord(state: state, connectedAccountID: connectedAccountID, redirectURI: redirectURI, expiresAt: expiresAt, usedAt: usedAt)
    }
}
