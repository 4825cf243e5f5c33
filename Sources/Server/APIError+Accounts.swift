import Accounts

extension APIError {
    /// The envelope for an account operation that was refused.
    init(_ error: AccountsError) {
        switch error {
        case .toolkitNotFound: self.init(.toolkitNotFound, error.description)
        case .authConfigNotFound: self.init(.authConfigNotFound, error.description)
        case .accountNotFound: self.init(.accountNotFound, error.description)
        case .invalid(_, let fields): self.init(.badRequest, error.description, errors: fields)
        case .authConfigDisabled: self.init(.badRequest, error.description)
        case .storage: self.init(.serviceUnavailable, "The account database is unavailable; try again shortly.")
        }
    }
}

/// Runs an account operation, turning its refusal into the matching error envelope.
func accountsCall<T>(_ body: () async throws(AccountsError) -> T) async throws(APIError) -> T {
    do {
        return try await body()
    } catch {
        throw APIError(error)
    }
}
