/// How a tool call ended, the `outcome` label of `toolport_tool_executions_total`.
public enum ToolOutcome: String, Sendable, CaseIterable {
    /// Pipedrive answered and the call succeeded.
    case success
    /// Pipedrive answered with an error (4xx other than 401/403/429, 5xx, or `success: false`).
    case upstreamError = "upstream_error"
    /// The arguments were refused before anything was sent.
    case validationError = "validation_error"
    /// No usable credential: no account, an inactive one, a failed refresh, or Pipedrive refused the token.
    case authError = "auth_error"
    /// No answer: connection failed, timed out, dropped, or the call was cancelled.
    case transportError = "transport_error"
    /// Pipedrive's rate limit stopped the call (after the retries the policy allows).
    case rateLimited = "rate_limited"
    /// Toolport refused the call: an origin outside the allow-list, or a tool the auth config does not allow.
    case refused
}
