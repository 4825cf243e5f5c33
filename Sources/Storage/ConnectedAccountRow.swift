package import Foundation

/// A connected account as the `connected_accounts` table holds it: its secrets sealed, its status as
/// stored text.
package struct ConnectedAccountRow: StoredRow {
    package static let table = "connected_accounts"

    package enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case userID = "user_id"
        case authConfigID = "auth_config_id"
        case status
        case statusReason = "status_reason"
        case isDisabled = "is_disabled"
        case alias
        case callbackURL = "callback_url"
        case subdomain
        case apiDomain = "api_domain"
        case secrets
        case expiresAt = "expires_at"
        case scope
        case tokenVersion = "token_version"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    package var id: String
    package var userID: String
    package var authConfigID: String
    /// A ``ConnectionStatus`` raw value, unless the database was edited or a newer Toolport wrote it.
    package var status: String
    package var statusReason: String?
    package var isDisabled: Bool
    package var alias: String?
    package var callbackURL: String?
    package var subdomain: String?
    package var apiDomain: String?
    /// ``AccountSecrets/fields`` as a JSON object, sealed.
    package var secrets: Data
    package var expiresAt: Date?
    package var scope: String?
    package var tokenVersion: Int
    package var createdAt: Date
    package var updatedAt: Date

    /// A row of these column values.
    package init(
        id: String, userID: String, authConfigID: String, status: String, statusReason: String?, isDisabled: Bool,
        alias: String?, callbackURL: String?, subdomain: String?, apiDomain: String?, secrets: Data, expiresAt: Date?,
        scope: String?, tokenVersion: Int, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.userID = userID
        self.authConfigID = authConfigID
        self.status = status
        self.statusReason = statusReason
        self.isDisabled = isDisabled
        self.alias = alias
        self.callbackURL = callbackURL
        self.subdomain = subdomain
        self.apiDomain = apiDomain
        self.secrets = secrets
        self.expiresAt = expiresAt
        self.scope = scope
        self.tokenVersion = tokenVersion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// `record` as stored, its secrets sealed with `box`.
    package init(_ record: ConnectedAccountRecord, box: SecretBox) throws(StorageError) {
        id = record.id
        userID = record.userID
        authConfigID = record.authConfigID
        status = record.status.rawValue
        statusReason = record.statusReason
        isDisabled = record.isDisabled
        alias = record.alias
        callbackURL = record.callbackURL
        subdomain = record.subdomain
        apiDomain = record.apiDomain
        secrets = try StoredFields.seal(record.secrets.fields, with: box)
        expiresAt = record.expiresAt
        scope = record.scope
        tokenVersion = record.tokenVersion
        createdAt = record.createdAt
        updatedAt = record.updatedAt
    }

    /// The account, its secrets opened with `box`.
    /// - Throws: `StorageError.cannotDecrypt` when `box` cannot open the secrets; `StorageError.queryFailed`
    ///   naming the account when its status is none of ``ConnectionStatus``: the account cannot be used as
    ///   it is, and guessing a status could make a failed account usable again.
    package func record(_ box: SecretBox) throws(StorageError) -> ConnectedAccountRecord {
        guard let known = ConnectionStatus(rawValue: status) else {
            let statuses = ConnectionStatus.allCases.map(\.rawValue).joined(separator: ", ")
            throw .queryFailed(
                operation: "read a connected account",
                reason: "the account \(id) has the status \"\(status)\", which this Toolport does not know (it knows \(statuses))"
            )
        }
        return ConnectedAccountRecord(
            id: id, userID: userID, authConfigID: authConfigID, status: known, statusReason: statusReason, isDisabled: isDisabled,
            alias: alias, callbackURL: callbackURL, subdomain: subdomain, apiDomain: apiDomain,
            secrets: AccountSecrets(fields: try StoredFields.open(secrets, with: box)), expiresAt: expiresAt, scope: scope,
            tokenVersion: tokenVersion, createdAt: createdAt, updatedAt: updatedAt
        )
    }

    /// What ``ConnectedAccountStore/update(_:)`` writes over this stored row for `record` at `now`: every
    /// field of `record` but `createdAt`, under the rule that keeps the newer token. A record whose
    /// `tokenVersion` is behind the stored one was read before a newer token was stored, so the stored
    /// token fields (`secrets`, `expiresAt`, `apiDomain`, `scope`) and version stay; otherwise the version
    /// goes up by one when the secrets change. Each engine reads the stored row and writes this one in
    /// one transaction.
    /// - Throws: `StorageError.cannotDecrypt` when `box` cannot open the stored secrets.
    package func updated(with record: ConnectedAccountRecord, box: SecretBox, now: Date) throws(StorageError) -> ConnectedAccountRow {
        var row = try ConnectedAccountRow(record, box: box)
        row.createdAt = createdAt
        row.updatedAt = now
        if record.tokenVersion < tokenVersion {
            row.secrets = secrets
            row.expiresAt = expiresAt
            row.apiDomain = apiDomain
            row.scope = scope
            row.tokenVersion = tokenVersion
        } else {
            let changed = AccountSecrets(fields: try StoredFields.open(secrets, with: box)) != record.secrets
            row.tokenVersion = tokenVersion + (changed ? 1 : 0)
        }
        return row
    }
}
