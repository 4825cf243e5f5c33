/// Why a trigger operation could not be done; each message says what to change.
public enum TriggerError: Error, Equatable, CustomStringConvertible {
    case invalidCatalog(file: String, reason: String)
    case unknownType(String)
    case invalidConfig(slug: String, problems: [String])
    /// No account to listen on: none given, or none active for the user.
    case noAccount(String)
    case triggerNotFound(id: String)
    case subscriptionNotFound(id: String)
    /// Pipedrive refused or did not answer the webhook registration.
    case registrationFailed(String)
    case invalidSubscription(String)
    case storage(String)

    public var description: String {
        switch self {
        case .invalidCatalog(let file, let reason): "trigger type file \(file): \(reason)"
        case .unknownType(let slug): "there is no trigger type \(slug); list them with GET /api/v3.1/triggers_types?toolkit_slugs=pipedrive"
        case .invalidConfig(let slug, let problems): "trigger_config does not fit \(slug): " + problems.joined(separator: "; ")
        case .triggerNotFound(let id): "there is no trigger \(id)"
        case .subscriptionNotFound(let id): "there is no webhook subscription \(id)"
        case .noAccount(let reason), .registrationFailed(let reason), .invalidSubscription(let reason), .storage(let reason):
            reason
        }
    }
}
