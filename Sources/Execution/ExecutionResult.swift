public import ToolportJSON

/// The Composio envelope of one execution: `{data, error, successful, log_id}`.
public struct ExecutionResult: Sendable, Equatable {
    /// Pipedrive's parsed answer on success; on failure `{status_code, message, body?, retryable}`.
    public var data: JSONValue
    public var error: String?
    public var successful: Bool
    public var logID: String

    public init(data: JSONValue, error: String?, successful: Bool, logID: String) {
        self.data = data
        self.error = error
        self.successful = successful
        self.logID = logID
    }

    /// The envelope as the wire carries it.
    public var json: JSONValue {
        ["data": data, "error": error.map(JSONValue.string) ?? .null, "successful": .bool(successful), "log_id": .string(logID)]
    }
}
