import Execution
import Foundation
import Storage

/// Single-account mode (`--pipedrive-api-token` or env `PIPEDRIVE_API_TOKEN`): every user's calls use one
/// Pipedrive API token, with no connected accounts in a database.
enum SingleAccount {
    static let accountID = "ca_single"

    /// The mode's credentials; nil when no token is given (by option or environment) and calls use connected accounts.
    static func credentials(token option: String?, subdomain: String?, environment: [String: String]) -> (any CredentialProvider)? {
        guard let token = option ?? environment["PIPEDRIVE_API_TOKEN"], !token.isEmpty else {
            return nil
        }
        let base = subdomain.map { "https://\($0).pipedrive.com" }
        return StaticCredentialProvider(
            [Credential(accountID: accountID, userID: "*", secret: .apiToken(token), apiBase: base)],
            sharedByEveryUser: true
        )
    }
}

/// Execution logs that are not kept: `toolport mcp-stdio` in single-account mode without a database.
struct DiscardedExecutionLogs: ExecutionLogStore {
    func insert(_ record: ExecutionLogRecord) async throws(StorageError) {}

    func record(id: String) async throws(StorageError) -> ExecutionLogRecord? {
        nil
    }

    func deleteOlder(than date: Date) async throws(StorageError) -> Int {
        0
    }
}
