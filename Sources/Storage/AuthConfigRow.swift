package import Foundation

/// An auth config as the `auth_configs` table holds it: public fields as JSON text, secret fields
/// sealed.
package struct AuthConfigRow: StoredRow {
    package static let table = "auth_configs"

    package enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, toolkit
        case authScheme = "auth_scheme"
        case isEnabled = "is_enabled"
        case publicFields = "public_fields"
        case secretFields = "secret_fields"
        case toolAccessConfig = "tool_access_config"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    package var id: String
    package var name: String
    package var toolkit: String
    package var authScheme: String
    package var isEnabled: Bool
    package var publicFields: String
    package var secretFields: Data
    package var toolAccessConfig: String
    package var createdAt: Date
    package var updatedAt: Date

    /// A row of these column values.
    package init(
        id: String, name: String, toolkit: String, authScheme: String, isEnabled: Bool, publicFields: String, secretFields: Data,
        toolAccessConfig: String, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.name = name
        self.toolkit = toolkit
        self.authScheme = authScheme
        self.isEnabled = isEnabled
        self.publicFields = publicFields
        self.secretFields = secretFields
        self.toolAccessConfig = toolAccessConfig
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// `record` as stored, its secret fields sealed with `box`.
    package init(_ record: AuthConfigRecord, box: SecretBox) throws(StorageError) {
        id = record.id
        name = record.name
        toolkit = record.toolkit
        authScheme = record.authScheme
        isEnabled = record.isEnabled
        publicFields = String(decoding: try StoredFields.encode(record.publicFields), as: UTF8.self)
        secretFields = try StoredFields.seal(record.secretFields, with: box)
        toolAccessConfig = record.toolAccessConfig
        createdAt = record.createdAt
        updatedAt = record.updatedAt
    }

    /// The auth config, its secret fields opened with `box`.
    /// - Throws: `StorageError.cannotDecrypt` when `box` cannot open them.
    package func record(_ box: SecretBox) throws(StorageError) -> AuthConfigRecord {
        AuthConfigRecord(
            id: id, name: name, toolkit: toolkit, authScheme: authScheme, isEnabled: isEnabled,
            publicFields: try StoredFields.decode(Data(publicFields.utf8)), secretFields: try StoredFields.open(secretFields, with: box),
            toolAccessConfig: toolAccessConfig, createdAt: createdAt, updatedAt: updatedAt
        )
    }

    /// What ``AuthConfigStore/update(_:)`` writes over this stored row for `record` at `now`: every
    /// field of `record` but `createdAt`.
    package func updated(with record: AuthConfigRecord, box: SecretBox, now: Date) throws(StorageError) -> AuthConfigRow {
        var row = try AuthConfigRow(record, box: box)
        row.createdAt = createdAt
        row.updatedAt = now
        return row
    }
}
