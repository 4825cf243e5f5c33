/// The `format` values the validator checks. Any other format name is accepted as a mere annotation.
enum StringFormat: String, Sendable {
    case date
    case dateTime = "date-time"
    case uuid
    case email
    case uri

    /// What a conforming string looks like, for messages: `must be <expectation>, got …`.
    var expectation: String {
        switch self {
        case .date: "a date (YYYY-MM-DD)"
        case .dateTime: "a date-time (RFC 3339, e.g. 2024-01-31T09:30:00Z)"
        case .uuid: "a UUID"
        case .email: "an email address"
        case .uri: "an absolute URI"
        }
    }

    /// Whether `string` is written in this format.
    func accepts(_ string: String) -> Bool {
        switch self {
        case .date: DateTimeGrammar.isDate(string)
        case .dateTime: DateTimeGrammar.isDateTime(string)
        case .uuid: AddressGrammar.isUUID(string)
        case .email: AddressGrammar.isEmail(string)
        case .uri: AddressGrammar.isURI(string)
        }
    }
}
