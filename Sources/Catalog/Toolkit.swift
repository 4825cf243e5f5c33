/// A toolkit's metadata and auth schemes, loaded from `toolkit.json` beside its tools.
public struct Toolkit: Sendable, Codable {
    /// One way to authenticate: OAUTH2, API_KEY or BEARER_TOKEN, with the fields each step needs.
    public struct AuthScheme: Sendable, Codable {
        public struct Field: Sendable, Codable {
            public var name: String
            public var displayName: String
            public var description: String
            public var type: String
            public var required: Bool
            public var userVisible: Bool
            public var isSecret: Bool
            public var `default`: String?

            enum CodingKeys: String, CodingKey {
                case name, displayName, description, type, required, `default`
                case userVisible = "user_visible"
                case isSecret = "is_secret"
            }
        }

        public struct FieldGroup: Sendable, Codable {
            public var required: [Field]
            public var optional: [Field]
        }

        public struct Fields: Sendable, Codable {
            public var authConfigCreation: FieldGroup
            public var connectedAccountInitiation: FieldGroup

            enum CodingKeys: String, CodingKey {
                case authConfigCreation = "auth_config_creation"
                case connectedAccountInitiation = "connected_account_initiation"
            }
        }

        /// `OAUTH2`, `API_KEY` or `BEARER_TOKEN`.
        public var mode: String
        public var name: String
        public var fields: Fields
    }

    public struct Category: Sendable, Codable {
        public var id: String
        public var slug: String
        public var name: String
    }

    public var slug: String
    public var name: String
    public var description: String
    public var logo: String
    public var appURL: String
    public var version: String
    public var categories: [Category]
    public var authSchemes: [AuthScheme]
    public var apiBaseURL: String
    public var oauthBaseURL: String

    enum CodingKeys: String, CodingKey {
        case slug, name, description, logo, version, categories
        case appURL = "app_url"
        case authSchemes = "auth_schemes"
        case apiBaseURL = "api_base_url"
        case oauthBaseURL = "oauth_base_url"
    }
}
