import Accounts
import Catalog
import Execution
import Foundation
import SQLiteStorage
import Storage
import Testing
import ToolportJSON

/// Resolved credentials are reused briefly, and never past a write that could change them.
struct CredentialCacheTests {
    static let user = AccountSelector(userID: "user-1", connectedAccountID: nil)

    /// Services over a fresh database with one API-token account for user-1.
    func services(lifetime: Duration) async throws -> (SQLiteStorage, AccountServices, accountID: String) {
        let database = try SQLiteStorage.inMemory()
        let accounts = AccountServices(
            database: database, box: SandboxHarness.box, toolkit: SandboxHarness.catalog.toolkit, client: TokenRefreshTests.NoRotationTokenEndpoint(),
            configuration: AccountsConfiguration(credentialCacheLifetime: lifetime)
        )
        let config = try await accounts.authConfigs.create(toolkitSlug: "pipedrive", options: ["authScheme": "API_KEY"])
        let initiation = try await accounts.connections.initiate(
            authConfigID: config.id, userID: "user-1", state: ["authScheme": "API_KEY", "val": ["generic_api_key": "token-1"]],
            callbackURL: nil, alias: nil
        )
        return (database, accounts, initiation.account.id)
    }

    @Test func aDisableThroughTheServicesIsHonouredAtOnce() async throws {
        let (_, accounts, accountID) = try await services(lifetime: .seconds(60))
        #expect(try await accounts.credentials.credential(for: Self.user).secret == .apiToken("token-1"))
        try await accounts.connections.setEnabled(id: accountID, enabled: false)
        await #expect(throws: CredentialError.accountDisabled(accountID)) {
            try await accounts.credentials.credential(for: Self.user)
        }
    }

    @Test func aNewTokenThroughTheServicesIsUsedAtOnce() async throws {
        let (_, accounts, accountID) = try await services(lifetime: .seconds(60))
        _ = try await accounts.credentials.credential(for: Self.user)
        _ = try await accounts.connections.update(
            id: accountID, alias: nil, connection: ["authScheme": "API_KEY", "val": ["generic_api_key": "token-2"]]
        )
        #expect(try await accounts.credentials.credential(for: Self.user).secret == .apiToken("token-2"))
    }

    @Test func aWriteByAnotherProcessIsSeenWithinTheLifetime() async throws {
        let (database, accounts, accountID) = try await services(lifetime: .seconds(3))
        _ = try await accounts.credentials.credential(for: Self.user)
        // Another replica disables the account: straight to the database, past this process's stores.
        #expect(try await database.connectedAccounts(SandboxHarness.box).setStatus(id: accountID, status: .active, reason: nil))
        var record = try #require(try await database.connectedAccounts(SandboxHarness.box).get(id: accountID))
        record.isDisabled = true
        #expect(try await database.connectedAccounts(SandboxHarness.box).update(record))

        #expect(try await accounts.credentials.credential(for: Self.user).secret == .apiToken("token-1"))  // cached
        try await Task.sleep(for: .milliseconds(3100))
        await #expect(throws: CredentialError.accountDisabled(accountID)) {
            try await accounts.credentials.credential(for: Self.user)
        }
    }

    @Test func aZeroLifetimeReadsEveryTime() async throws {
        let (database, accounts, accountID) = try await services(lifetime: .zero)
        _ = try await accounts.credentials.credential(for: Self.user)
        #expect(try await database.connectedAccounts(SandboxHarness.box).delete(id: accountID))
        await #expect(throws: CredentialError.noActiveAccount(userID: "user-1")) {
            try await accounts.credentials.credential(for: Self.user)
        }
    }
}
