/// Why a call could not be prepared; reported in the envelope, never sent upstream.
public enum ExecutionError: Error, Equatable, CustomStringConvertible {
    case invalidArguments([String])
    case invalidFile(argument: String, reason: String)
    case missingOAuthClient
    /// The endpoint the tool calls has no place for this argument.
    case unsupportedArgument(name: String, reason: String)

    public var description: String {
        switch self {
        case .invalidArguments(let issues):
            "Invalid arguments: " + issues.joined(separator: "; ")
        case .invalidFile(let argument, let reason):
            "Invalid arguments: \(argument): \(reason)"
        case .unsupportedArgument(let name, let reason):
            "Invalid arguments: \(name): \(reason)"
        case .missingOAuthClient:
            "This tool calls Pipedrive's OAuth server and needs the OAuth app's client credentials: pass Authorization or use an OAuth2 auth config."
        }
    }
}
