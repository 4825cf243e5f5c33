public import Foundation

/// An auth config (`ac_…`): how one toolkit's accounts authenticate, with its secret fields
/// decrypted in memory.
public struct AuthConfigRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var toolkit: String
    /// `OAUTH2`, `API_KEY` or `BEARER_TOKEN`.
    public var authScheme: String
    public var isEnabled: Bool
    /// Credential fields that are not secret: `client_id`, `scopes`, `oauth_redirect_uri`, `subdomain`, …
    public var publicFields: [String: String]
    /// Secret credential fields (`client_secret`, …); sealed in the database.
    public var secretFields: [String: String]
    /// The tool access configuration, as JSON text.
    public var toolAccessConfig: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, name: String, toolkit: String, authScheme: String, isEnabled: Bool = true,
        publicFields: [String: String] = [:], secretFields: [String: String] = [:], toolAccessConfig: String = "{}",
        createdAt: Date, updatedAt: Date
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
}

extension AuthConfigRecord: CustomReflectable {
    /// The record without its secret values, so printing, interpolating or dumping it cannot leak them.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "id": id, "name": name, "toolkit": toolkit, "authScheme": authScheme, "isEnabled": isEnabled,
                "publicFields": publicFields, "secretFields": RedactedFields(secretFields), "toolAccessConfig": toolAccessConfig,
                "createdAt": createdAt, "updatedAt": updatedAt,
            ],
            displayStyle: .struct
        )
    }
}

/// Where auth configs live. Stored dates keep millisecond precision.
public protocol AuthConfigStore: Sendable {
    /// Stores a new auth config.
    /// - Throws: `StorageError.queryFailed` when `record.id` is taken.
    func insert(_ record: AuthConfigRecord) async throws(StorageError)
    /// The auth config `id`, if any.
    /// - Throws: `StorageError.cannotDecrypt` when its secrets were sealed with another key.
    func get(id: String) async throws(StorageError) -> AuthConfigRecord?
    /// Auth configs newest first (then by id).
    /// - Parameters:
    ///   - toolkit: only this toolkit (any case); nil for all.
    ///   - includeDisabled: whether disabled configs are listed too.
    ///   - search: only configs whose name or toolkit contains this text (any case); nil or empty for all.
    func list(toolkit: String?, includeDisabled: Bool, search: String?) async throws(StorageError) -> [AuthConfigRecord]
    /// Replaces the stored config `record.id` with `record` (all but `createdAt`) and sets `updatedAt`
    /// to now; returns false when there is no such config.
    func update(_ record: AuthConfigRecord) async throws(StorageError) -> Bool
    /// Deletes the auth config and every connected account made with it; returns false when there
    /// is no such config.
    func delete(id: String) async throws(StorageError) -> Bool
    /// How many connected accounts use the auth config `id`.
    func connectionCount(id: String) async throws(StorageError) -> Int
}
