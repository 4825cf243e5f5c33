import Foundation
import GRDB
import SQLiteStorage
import Storage
import Testing

/// Connected accounts keep their secrets sealed, list with every filter, and refresh tokens by
/// compare-and-set; the same behaviour in memory and in a WAL file.
struct ConnectedAccountStoreTests {
    typealias Support = StorageTestSupport

    /// Two auth configs (`ac_pd` for pipedrive, `ac_gh` for github) and four accounts created one
    /// second apart: ca_1 (user-1, pd, ACTIVE), ca_2 (user-2, pd, FAILED), ca_3 (user-1, gh, ACTIVE),
    /// ca_4 (user-3, gh, INITIATED).
    static func seeded(_ database: any ToolportStorage) async throws -> any ConnectedAccountStore {
        let box = try Support.randomBox()
        try await database.authConfigs(box).insert(Support.authConfig(id: "ac_pd", toolkit: "pipedrive"))
        try await database.authConfigs(box).insert(Support.authConfig(id: "ac_gh", toolkit: "github"))
        let accounts = database.connectedAccounts(box)
        try await accounts.insert(Support.account(id: "ca_1", authConfigID: "ac_pd", userID: "user-1", status: .active, created: 1))
        try await accounts.insert(Support.account(id: "ca_2", authConfigID: "ac_pd", userID: "user-2", status: .failed, created: 2))
        try await accounts.insert(Support.account(id: "ca_3", authConfigID: "ac_gh", userID: "user-1", status: .active, created: 3))
        try await accounts.insert(Support.account(id: "ca_4", authConfigID: "ac_gh", userID: "user-3", status: .initiated, created: 4))
        return accounts
    }

    @Test func storesAnAccountAndReadsItBackWithItsSecrets() async throws {
        try await Support.forEachStorage { database in
            let box = try Support.randomBox()
            try await database.authConfigs(box).insert(Support.authConfig(id: "ac_one"))
            let accounts = database.connectedAccounts(box)
            let record = Support.account(id: "ca_one", authConfigID: "ac_one")
            try await accounts.insert(record)
            #expect(try await accounts.get(id: "ca_one") == record)
            #expect(try await accounts.get(id: "ca_missing") == nil)

            let orphan = await #expect(throws: StorageError.self) {
                try await accounts.insert(Support.account(id: "ca_orphan", authConfigID: "ac_missing"))
            }
            #expect(orphan?.kind == .queryFailed)
        }
    }

    @Test func everyFilterFieldFilters() async throws {
        try await Support.forEachStorage { database in
            let accounts = try await Self.seeded(database)
            func ids(_ filter: ConnectedAccountFilter) async throws -> [String] {
                try await accounts.list(filter).map(\.id)
            }
            #expect(try await ids(ConnectedAccountFilter()) == ["ca_4", "ca_3", "ca_2", "ca_1"])
            #expect(try await ids(ConnectedAccountFilter(userIDs: ["user-1"])) == ["ca_3", "ca_1"])
            #expect(try await ids(ConnectedAccountFilter(userIDs: ["user-2", "user-3"])) == ["ca_4", "ca_2"])
            #expect(try await ids(ConnectedAccountFilter(authConfigIDs: ["ac_gh"])) == ["ca_4", "ca_3"])
            #expect(try await ids(ConnectedAccountFilter(statuses: [.active, .failed])) == ["ca_3", "ca_2", "ca_1"])
            #expect(try await ids(ConnectedAccountFilter(accountIDs: ["ca_2", "ca_4", "ca_missing"])) == ["ca_4", "ca_2"])
            #expect(try await ids(ConnectedAccountFilter(toolkits: ["PipeDrive"])) == ["ca_2", "ca_1"])
            #expect(try await ids(ConnectedAccountFilter(toolkits: ["github", "PIPEDRIVE"])) == ["ca_4", "ca_3", "ca_2", "ca_1"])
            #expect(try await ids(ConnectedAccountFilter(toolkits: ["slack"])) == [])
            #expect(try await ids(ConnectedAccountFilter(userIDs: ["user-1"], toolkits: ["github"])) == ["ca_3"])
            #expect(try await ids(ConnectedAccountFilter(userIDs: ["user-1"], statuses: [.failed])) == [])
            // Joined rows are still whole accounts, secrets included.
            let joined = try await accounts.list(ConnectedAccountFilter(toolkits: ["pipedrive"], ascending: true))
            #expect(joined.first == Support.account(id: "ca_1", authConfigID: "ac_pd", userID: "user-1", status: .active, created: 1))
        }
    }

    @Test func listsOrderByCreationOrLastUpdateEitherWayThenByID() async throws {
        try await Support.forEachStorage { database in
            let accounts = try await Self.seeded(database)
            // Same creation second as ca_2: the ID breaks the tie.
            try await accounts.insert(Support.account(id: "ca_0", authConfigID: "ac_pd", created: 2))
            let filter = ConnectedAccountFilter(accountIDs: ["ca_1", "ca_2", "ca_3", "ca_4", "ca_0"])
            var ascending = filter
            ascending.ascending = true
            #expect(try await accounts.list(ascending).map(\.id) == ["ca_1", "ca_0", "ca_2", "ca_3", "ca_4"])
            #expect(try await accounts.list(filter).map(\.id) == ["ca_4", "ca_3", "ca_0", "ca_2", "ca_1"])

            #expect(try await accounts.setStatus(id: "ca_2", status: .expired, reason: "refresh token revoked"))
            var byUpdate = ConnectedAccountFilter(accountIDs: ["ca_1", "ca_2", "ca_3", "ca_4"], orderBy: .updatedAt)
            #expect(try await accounts.list(byUpdate).map(\.id) == ["ca_2", "ca_4", "ca_3", "ca_1"])
            byUpdate.ascending = true
            #expect(try await accounts.list(byUpdate).map(\.id) == ["ca_1", "ca_3", "ca_4", "ca_2"])
        }
    }

    @Test func updateReplacesTheRecordAndCountsSecretChanges() async throws {
        try await Support.forEachStorage { database in
            let accounts = try await Self.seeded(database)
            let original = try #require(try await accounts.get(id: "ca_1"))

            var renamed = original
            renamed.alias = "personal"
            renamed.isDisabled = true
            renamed.createdAt = Support.date(999)
            #expect(try await accounts.update(renamed))
            let afterRename = try #require(try await accounts.get(id: "ca_1"))
            #expect(afterRename.alias == "personal")
            #expect(afterRename.isDisabled)
            #expect(afterRename.createdAt == original.createdAt)
            #expect(afterRename.updatedAt > original.updatedAt)
            #expect(afterRename.tokenVersion == 0)

            var retokened = afterRename
            retokened.secrets = AccountSecrets(token: "new-api-token")
            #expect(try await accounts.update(retokened))
            #expect(try await accounts.get(id: "ca_1")?.secrets == AccountSecrets(token: "new-api-token"))
            #expect(try await accounts.get(id: "ca_1")?.tokenVersion == 1)

            renamed.id = "ca_missing"
            #expect(try await accounts.update(renamed) == false)
        }
    }

    @Test func updateFromARecordReadBeforeARefreshKeepsTheNewTokens() async throws {
        try await Support.forEachStorage { database in
            let accounts = try await Self.seeded(database)
            var stale = try #require(try await accounts.get(id: "ca_1"))
            let refreshed = try #require(
                try await accounts.replaceSecrets(
                    id: "ca_1", expectedVersion: 0, secrets: AccountSecrets(accessToken: "fresh"), expiresAt: Support.date(7200), apiDomain: nil,
                    scope: nil
                )
            )
            stale.alias = "renamed meanwhile"
            #expect(try await accounts.update(stale))
            let stored = try #require(try await accounts.get(id: "ca_1"))
            #expect(stored.alias == "renamed meanwhile")
            #expect(stored.secrets == AccountSecrets(accessToken: "fresh"))
            #expect(stored.expiresAt == refreshed.expiresAt)
            #expect(stored.tokenVersion == 1)
        }
    }

    @Test func setStatusChangesStatusAndReason() async throws {
        try await Support.forEachStorage { database in
            let accounts = try await Self.seeded(database)
            #expect(try await accounts.setStatus(id: "ca_1", status: .expired, reason: "invalid_grant"))
            let stored = try #require(try await accounts.get(id: "ca_1"))
            #expect(stored.status == .expired)
            #expect(stored.statusReason == "invalid_grant")
            #expect(try await accounts.setStatus(id: "ca_missing", status: .expired, reason: nil) == false)
        }
    }

    @Test func anAccountWithAStatusThisVersionDoesNotKnowFailsToReadAndLeavesTheOthersReadable() async throws {
        try await Support.forEachStorage { database, execute in
            let accounts = try await Self.seeded(database)
            try await execute("UPDATE connected_accounts SET status = 'PAUSED' WHERE id = 'ca_2'")
            let error = await #expect(throws: StorageError.self) { try await accounts.get(id: "ca_2") }
            #expect(error?.kind == .queryFailed)
            #expect(error?.description.contains(#"the account ca_2 has the status "PAUSED""#) == true, "\(error?.description ?? "")")
            await #expect(throws: StorageError.self) { try await accounts.list(ConnectedAccountFilter()) }
            #expect(try await accounts.list(ConnectedAccountFilter(userIDs: ["user-1"])).map(\.id) == ["ca_3", "ca_1"])
            #expect(try await accounts.setStatus(id: "ca_2", status: .failed, reason: "status repaired"))
            #expect(try await accounts.get(id: "ca_2")?.status == .failed)
        }
    }

    @Test func secretsSealedByAnEarlierVersionAreReadAndTheirUnknownKeysKept() async throws {
        let database = try SQLiteStorage.inMemory()
        let box = try Support.randomBox()
        try await database.authConfigs(box).insert(Support.authConfig(id: "ac_pd"))
        let accounts = database.connectedAccounts(box)
        try await accounts.insert(Support.account(id: "ca_old", authConfigID: "ac_pd"))
        // Earlier versions sealed a `[String: String]` map encoded with sorted keys.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let old = try box.seal(try encoder.encode(["access_token": "old-access", "refresh_token": "old-refresh", "id_token": "unknown-key"]))
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE connected_accounts SET secrets = ? WHERE id = 'ca_old'", arguments: [old])
        }
        var account = try #require(try await accounts.get(id: "ca_old"))
        #expect(account.secrets == AccountSecrets(accessToken: "old-access", refreshToken: "old-refresh", otherFields: ["id_token": "unknown-key"]))

        account.alias = "renamed"
        account.secrets.accessToken = "new-access"
        #expect(try await accounts.update(account))
        let sealed = try #require(
            try await database.writer.read { db in try Data.fetchOne(db, sql: "SELECT secrets FROM connected_accounts WHERE id = 'ca_old'") }
        )
        let stored = try JSONDecoder().decode([String: String].self, from: try box.open(sealed))
        #expect(stored == ["access_token": "new-access", "refresh_token": "old-refresh", "id_token": "unknown-key"])
    }

    @Test func deleteRemovesTheAccountWithItsStatesAndLinks() async throws {
        try await Support.forEachStorage { database in
            let accounts = try await Self.seeded(database)
            let expiry = Date().addingTimeInterval(600)
            try await database.oauthStates.insert(OAuthStateRecord(state: "s1", connectedAccountID: "ca_1", redirectURI: nil, expiresAt: expiry))
            try await database.connectLinks.insert(ConnectLinkRecord(token: "t1", connectedAccountID: "ca_1", csrfToken: "c", expiresAt: expiry))
            #expect(try await accounts.delete(id: "ca_1"))
            #expect(try await accounts.delete(id: "ca_1") == false)
            #expect(try await accounts.get(id: "ca_1") == nil)
            #expect(try await database.oauthStates.consume(state: "s1", now: Date()) == nil)
            #expect(try await database.connectLinks.get(token: "t1") == nil)
            #expect(try await accounts.list(ConnectedAccountFilter()).map(\.id) == ["ca_4", "ca_3", "ca_2"])
        }
    }

    @Test func replaceSecretsIsACompareAndSetOnTheTokenVersion() async throws {
        try await Support.forEachStorage { database in
            let accounts = try await Self.seeded(database)
            #expect(try await accounts.setStatus(id: "ca_2", status: .expired, reason: "token expired"))
            let stored = try #require(
                try await accounts.replaceSecrets(
                    id: "ca_2", expectedVersion: 0, secrets: AccountSecrets(accessToken: "a2", refreshToken: "r2"),
                    expiresAt: Support.date(7200), apiDomain: nil, scope: "deals:read"
                )
            )
            #expect(stored.tokenVersion == 1)
            #expect(stored.secrets == AccountSecrets(accessToken: "a2", refreshToken: "r2"))
            #expect(stored.status == .active)
            #expect(stored.statusReason == nil)
            #expect(stored.expiresAt == Support.date(7200))
            #expect(stored.apiDomain == "https://acme.pipedrive.com")
            #expect(stored.scope == "deals:read")
            #expect(try await accounts.get(id: "ca_2") == stored)

            let stale = try await accounts.replaceSecrets(
                id: "ca_2", expectedVersion: 0, secrets: AccountSecrets(accessToken: "late"), expiresAt: nil, apiDomain: nil, scope: nil
            )
            #expect(stale == nil)
            #expect(try await accounts.get(id: "ca_2")?.secrets.accessToken == "a2")
            let missing = try await accounts.replaceSecrets(
                id: "ca_missing", expectedVersion: 0, secrets: AccountSecrets(), expiresAt: nil, apiDomain: nil, scope: nil
            )
            #expect(missing == nil)
        }
    }

    @Test func concurrentRefreshesWithTheSameVersionHaveExactlyOneWinner() async throws {
        try await Support.forEachStorage { database in
            let accounts = try await Self.seeded(database)
            let winners = try await withThrowingTaskGroup(of: ConnectedAccountRecord?.self) { group in
                for attempt in 0..<8 {
                    group.addTask {
                        try await accounts.replaceSecrets(
                            id: "ca_1", expectedVersion: 0, secrets: AccountSecrets(accessToken: "attempt-\(attempt)"),
                            expiresAt: nil, apiDomain: nil, scope: nil
                        )
                    }
                }
                return try await group.reduce(into: [ConnectedAccountRecord]()) { winners, result in if let result { winners.append(result) } }
            }
            #expect(winners.count == 1)
            let stored = try #require(try await accounts.get(id: "ca_1"))
            #expect(stored.tokenVersion == 1)
            #expect(stored.secrets == winners.first?.secrets)
        }
    }
}
