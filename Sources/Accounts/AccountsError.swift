/// Why an account operation was refused; the server maps each case to a Composio error envelope.
public enum AccountsError: Error, Equatable, CustomStringConvertible {
    case toolkitNotFound(String)
    case authConfigNotFound(String)
    case accountNotFound(String)
    /// The request is malformed; `fields` names every offending field.
    case invalid(String, fields: [String] = [])
    case authConfigDisabled(String)
    case storage(String)

    public var description: String {
        switch self {
        case .toolkitNotFound(let slug): "Toolkit \(slug) not found; this server serves pipedrive"
        case .authConfigNotFound(let id): "Auth config \(id) not found"
        case .accountNotFound(let id): "Connected account \(id) not found"
        case .invalid(let message, _): message
        case .authConfigDisabled(let id): "Auth config \(id) is disabled; enable it with PATCH /api/v3.1/auth_configs/\(id)/ENABLED"
        case .storage(let reason): "The account database is unavailable: \(reason)"
        }
    }
}
