/// A connected account's lifecycle, as Composio names it. The raw values are what the API shows and
/// what the database keeps.
public enum ConnectionStatus: String, Sendable, CaseIterable {
    case initializing = "INITIALIZING"
    case initiated = "INITIATED"
    case active = "ACTIVE"
    case failed = "FAILED"
    case expired = "EXPIRED"
    case inactive = "INACTIVE"
    case revoked = "REVOKED"
}
