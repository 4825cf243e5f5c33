import Execution
import Storage

extension CredentialError {
    /// `accountNotActive` naming the account's status as the API shows it.
    static func accountNotActive(accountID: String, status: ConnectionStatus, reason: String?) -> CredentialError {
        .accountNotActive(accountID: accountID, status: status.rawValue, reason: reason)
    }
}
