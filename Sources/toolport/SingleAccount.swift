import Accounts
import ArgumentParser
import Execution
import Foundation
import Logging
import Storage

/// Single-account mode (`--pipedrive-api-token` or env `PIPEDRIVE_API_TOKEN`): every user's calls use one
/// Pipedrive API token, with no connected accounts in a database.
enum SingleAccount {
    static let accountID = "ca_single"

    /// `--pipedrive-subdomain` read as one DNS label.
    /// - Throws: `ValidationError` naming the option when it is anything else.
    @discardableResult
    static func validate(subdomain: String?) throws -> PipedriveSubdomain? {
        guard let subdomain else { return nil }
        do {
            return try PipedriveSubdomain(parsing: subdomain)
        } catch {
            throw ValidationError("--pipedrive-subdomain: \(error)")
        }
    }

    /// The mode's credentials; nil when no token is given (by option or environment) and calls use connected accounts.
    /// - Parameter verifier: when given, the token is checked with Pipedrive first: a refused token stops
    ///   the start with Pipedrive's reason; no verdict is logged and the start goes on.
    /// - Throws: `ValidationError` for a subdomain that is not one DNS label, or a token Pipedrive refuses.
    static func credentials(
        token option: String?, subdomain: String?, environment: [String: String], verifier: ConnectionVerifier?, logger: Logger
    ) async throws -> (any CredentialProvider)? {
        guard let token = option ?? environment["PIPEDRIVE_API_TOKEN"], !token.isEmpty else {
            return nil
        }
        var company = try validate(subdomain: subdomain)
        switch await verifier?.verify(.apiToken(token), subdomain: company) {
        case .verified(let domain)?:
            company = company ?? domain
        case .rejected(let reason)?:
            throw ValidationError("--pipedrive-api-token was not accepted: \(reason). Check the token, or start with --verify-connections=false offline.")
        case .unverified(let reason)?:
            logger.warning("could not verify --pipedrive-api-token with Pipedrive; starting anyway", metadata: ["reason": "\(reason)"])
        case nil:
            break
        }
        return StaticCredentialProvider(
            [Credential(accountID: accountID, userID: "*", secret: .apiToken(token), apiBase: company?.apiBase)],
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

    func search(_ query: ExecutionLogQuery) async throws(StorageError) -> [ExecutionLogRecord] {
        []
    }

    func deleteOlder(than date: Date) async throws(StorageError) -> Int {
        0
    }
}
