public import Catalog
import Foundation
public import Storage
public import ToolportJSON

/// Creates and manages auth configs (`ac_…`): how a toolkit's accounts authenticate.
public struct AuthConfigService: Sendable {
    let toolkit: Toolkit
    let store: any AuthConfigStore
    let configuration: AccountsConfiguration

    public init(toolkit: Toolkit, store: any AuthConfigStore, configuration: AccountsConfiguration) {
        self.toolkit = toolkit
        self.store = store
        self.configuration = configuration
    }

    /// Creates an auth config from Composio's `auth_config` object (`{type, authScheme, name, credentials}`).
    /// - Throws: `AccountsError.invalid` naming missing or unknown fields, `.toolkitNotFound`.
    public func create(toolkitSlug: String, options: JSONValue?) async throws(AccountsError) -> AuthConfigRecord {
        guard toolkitSlug.lowercased() == toolkit.slug else { throw .toolkitNotFound(toolkitSlug) }
        let options = options ?? [:]
        guard case .object = options else { throw .invalid("auth_config must be an object", fields: ["auth_config"]) }
        let type = options["type"]?.stringValue ?? "use_custom_auth"
        guard type == "use_custom_auth" else {
            throw .invalid(
                "Pipedrive has no Composio-managed auth on this server: use type use_custom_auth with authScheme OAUTH2, API_KEY or BEARER_TOKEN",
                fields: ["auth_config.type"]
            )
        }
        let schemeName = options["authScheme"]?.stringValue ?? options["auth_scheme"]?.stringValue ?? ""
        guard let scheme = AuthScheme(name: schemeName) else {
            throw .invalid("auth_config.authScheme must be OAUTH2, API_KEY or BEARER_TOKEN, got \"\(schemeName)\"", fields: ["auth_config.authScheme"])
        }
        let (publicFields, secretFields) = try split(credentials: options["credentials"], scheme: scheme, requireAll: true)
        var fields = publicFields
        if scheme == .oauth2 {
            fields["scopes"] = fields["scopes"] ?? configuration.defaultScopes
            fields["oauth_redirect_uri"] = fields["oauth_redirect_uri"] ?? configuration.callbackURL
        }
        let now = Date()
        var access = ToolAccessConfig(AuthConfigRecord(id: "", name: "", toolkit: "", authScheme: "", createdAt: now, updatedAt: now))
        try access.apply(body: options, prefix: "auth_config.")
        let record = AuthConfigRecord(
            id: RandomID.make(prefix: "ac_"),
            name: options["name"]?.stringValue ?? "\(toolkit.name) \(scheme.rawValue)",
            toolkit: toolkit.slug,
            authScheme: scheme.rawValue,
            isEnabled: true,
            publicFields: fields,
            secretFields: secretFields,
            toolAccessConfig: access.text,
            createdAt: now,
            updatedAt: now
        )
        try await storage { () throws(StorageError) in try await store.insert(record) }
        return record
    }

    /// Applies Composio's update body (`{type, credentials?, tool_access_config?, restrict_to_following_tools?}`);
    /// credentials given replace those stored, one field at a time; tool access keys given replace theirs.
    public func update(id: String, body: JSONValue) async throws(AccountsError) {
        var record = try await get(id: id)
        guard let scheme = AuthScheme(name: record.authScheme) else { throw .invalid("unsupported stored scheme") }
        if let credentials = body["credentials"], credentials != .null {
            let (publicFields, secretFields) = try split(credentials: credentials, scheme: scheme, requireAll: false)
            record.publicFields.merge(publicFields) { _, new in new }
            record.secretFields.merge(secretFields) { _, new in new }
        }
        var access = ToolAccessConfig(record)
        try access.apply(body: body, prefix: "")
        record.toolAccessConfig = access.text
        if let name = body["name"]?.stringValue { record.name = name }
        let updated = record
        guard try await storage({ () throws(StorageError) in try await store.update(updated) }) else { throw .authConfigNotFound(id) }
    }

    public func get(id: String) async throws(AccountsError) -> AuthConfigRecord {
        guard let record = try await storage({ () throws(StorageError) in try await store.get(id: id) }) else { throw .authConfigNotFound(id) }
        return record
    }

    public func list(toolkit: String?, includeDisabled: Bool, search: String?) async throws(AccountsError) -> [AuthConfigRecord] {
        try await storage { () throws(StorageError) in try await store.list(toolkit: toolkit?.lowercased(), includeDisabled: includeDisabled, search: search) }
    }

    public func setEnabled(id: String, enabled: Bool) async throws(AccountsError) {
        var record = try await get(id: id)
        record.isEnabled = enabled
        let updated = record
        _ = try await storage { () throws(StorageError) in try await store.update(updated) }
    }

    /// Deletes the auth config and every connected account made with it.
    public func delete(id: String) async throws(AccountsError) {
        guard try await storage({ () throws(StorageError) in try await store.delete(id: id) }) else { throw .authConfigNotFound(id) }
    }

    public func connectionCount(id: String) async throws(AccountsError) -> Int {
        try await storage { () throws(StorageError) in try await store.connectionCount(id: id) }
    }

    /// The scheme's declared fields, split into public and secret values, with unknown and missing fields named.
    private func split(credentials: JSONValue?, scheme: AuthScheme, requireAll: Bool) throws(AccountsError) -> ([String: String], [String: String]) {
        guard let definition = toolkit.authSchemes.first(where: { $0.mode == scheme.rawValue }) else {
            throw .invalid("Toolkit \(toolkit.slug) does not support \(scheme.rawValue)")
        }
        let group = definition.fields.authConfigCreation
        let declared = Dictionary((group.required + group.optional).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let allowed = Set(declared.keys).union(["user_scopes"])
        var values: [String: JSONValue] = [:]
        switch credentials {
        case nil, .null: break
        case .object(let members): values = members
        default: throw .invalid("credentials must be an object", fields: ["credentials"])
        }
        let unknown = values.keys.filter { !allowed.contains($0) }.sorted()
        let missing = requireAll ? group.required.map(\.name).filter { (values[$0]?.stringValue ?? "").isEmpty }.sorted() : []
        var problems: [String] = []
        if !missing.isEmpty { problems.append("missing required credentials: \(missing.joined(separator: ", "))") }
        if !unknown.isEmpty {
            problems.append("unknown credentials for \(scheme.rawValue): \(unknown.joined(separator: ", ")) (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
        var publicFields: [String: String] = [:]
        var secretFields: [String: String] = [:]
        var malformed: [String] = []
        for (name, value) in values where allowed.contains(name) {
            let text: String
            switch value {
            case .string(let string): text = string
            case .array(let items) where name.hasSuffix("scopes"): text = items.compactMap(\.stringValue).joined(separator: " ")
            case .null: continue
            default:
                malformed.append(name)
                continue
            }
            let normalised = name.hasSuffix("scopes") ? Self.normaliseScopes(text) : text
            if declared[name]?.isSecret == true { secretFields[name] = normalised } else { publicFields[name] = normalised }
        }
        if !malformed.isEmpty { problems.append("credentials must be strings: \(malformed.sorted().joined(separator: ", "))") }
        guard problems.isEmpty else {
            throw .invalid("Invalid auth config: " + problems.joined(separator: "; "), fields: (missing + unknown + malformed).map { "credentials.\($0)" })
        }
        return (publicFields, secretFields)
    }

    /// Space-separated scopes from a space- or comma-separated list.
    static func normaliseScopes(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).joined(separator: " ")
    }
}

/// Runs a storage call, turning its error into `AccountsError.storage`.
func storage<T>(_ body: () async throws(StorageError) -> T) async throws(AccountsError) -> T {
    do {
        return try await body()
    } catch {
        throw .storage(error.description)
    }
}
