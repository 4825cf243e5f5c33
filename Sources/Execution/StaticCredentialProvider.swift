/// A fixed set of credentials keyed by account id: for tests, demos, and the single-account mode
/// (`toolport serve --pipedrive-api-token`), where every user shares one Pipedrive account. A selector's
/// `authConfigIDs` are not applied: fixed credentials belong to no stored auth config.
public struct StaticCredentialProvider: CredentialProvider {
    private let credentials: [Credential]
    private let sharedByEveryUser: Bool

    /// - Parameters:
    ///   - credentials: the accounts; each belongs to its `userID`.
    ///   - sharedByEveryUser: when true, any user may use the (single) account.
    public init(_ credentials: [Credential], sharedByEveryUser: Bool = false) {
        self.credentials = credentials
        self.sharedByEveryUser = sharedByEveryUser
    }

    public func credential(for selector: AccountSelector) async throws(CredentialError) -> Credential {
        if let id = selector.connectedAccountID {
            guard let credential = credentials.first(where: { $0.accountID == id }) else { throw .accountNotFound(id) }
            if let user = selector.userID, user != credential.userID, !sharedByEveryUser {
                throw .accountOfAnotherUser(accountID: id, userID: user)
            }
            return credential
        }
        guard let user = selector.userID else { throw .noSelector }
        let mine = sharedByEveryUser ? credentials : credentials.filter { $0.userID == user }
        switch mine.count {
        case 0: throw .noActiveAccount(userID: user)
        case 1: return mine[0]
        default: throw .severalActiveAccounts(userID: user, accountIDs: mine.compactMap(\.accountID))
        }
    }

    public func refresh(after credential: Credential) async throws(CredentialError) -> Credential? {
        nil
    }
}
