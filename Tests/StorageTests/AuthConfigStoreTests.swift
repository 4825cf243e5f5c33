import Foundation
import Storage
import Testing

/// Auth configs keep their secret fields sealed, list with filters, and take their accounts with them;
/// the same behaviour in memory and in a WAL file.
struct AuthConfigStoreTests {
    typealias Support = StorageTestSupport

    @Test func storesAConfigAndReadsItBackWithItsSecrets() async throws {
        try await Support.forEachStorage { database in
            let store = database.authConfigs(try Support.randomBox())
            let record = Support.authConfig(id: "ac_one")
            try await store.insert(record)
            #expect(try await store.get(id: "ac_one") == record)
            #expect(try await store.get(id: "ac_missing") == nil)
            let duplicate = await #expect(throws: StorageError.self) { try await store.insert(record) }
            #expect(duplicate?.kind == .queryFailed)
        }
    }

    @Test func listFiltersByToolkitEnabledStateAndSearchNewestFirst() async throws {
        try await Support.forEachStorage { database in
            let store = database.authConfigs(try Support.randomBox())
            try await store.insert(Support.authConfig(id: "ac_a", name: "Sales OAuth", created: 1))
            var disabled = Support.authConfig(id: "ac_b", name: "Support token", created: 2)
            disabled.isEnabled = false
            try await store.insert(disabled)
            try await store.insert(Support.authConfig(id: "ac_d", toolkit: "github", name: "Code", created: 3))
            try await store.insert(Support.authConfig(id: "ac_c", name: "100%_literal", created: 3))

            func ids(_ toolkit: String?, _ includeDisabled: Bool, _ search: String?) async throws -> [String] {
                try await store.list(toolkit: toolkit, includeDisabled: includeDisabled, search: search).map(\.id)
            }
            #expect(try await ids(nil, true, nil) == ["ac_c", "ac_d", "ac_b", "ac_a"])
            #expect(try await ids(nil, false, nil) == ["ac_c", "ac_d", "ac_a"])
            #expect(try await ids("PIPEDRIVE", true, nil) == ["ac_c", "ac_b", "ac_a"])
            #expect(try await ids("github", false, nil) == ["ac_d"])
            #expect(try await ids(nil, true, "sales") == ["ac_a"])
            #expect(try await ids(nil, true, "GIT") == ["ac_d"])
            #expect(try await ids(nil, true, "%") == ["ac_c"])
            #expect(try await ids(nil, true, "_") == ["ac_c"])
            #expect(try await ids(nil, true, "") == ["ac_c", "ac_d", "ac_b", "ac_a"])
            #expect(try await ids("pipedrive", false, "support") == [])
        }
    }

    @Test func updateReplacesTheRecordAndBumpsUpdatedAt() async throws {
        try await Support.forEachStorage { database in
            let store = database.authConfigs(try Support.randomBox())
            let original = Support.authConfig(id: "ac_one")
            try await store.insert(original)
            var changed = original
            changed.name = "Renamed"
            changed.isEnabled = false
            changed.publicFields["subdomain"] = "acme"
            changed.secretFields = ["client_secret": "rotated"]
            changed.toolAccessConfig = #"{"tools_for_connected_account_creation":[]}"#
            changed.createdAt = Support.date(999)
            #expect(try await store.update(changed))

            let stored = try #require(try await store.get(id: "ac_one"))
            #expect(stored.name == "Renamed")
            #expect(stored.isEnabled == false)
            #expect(stored.publicFields == changed.publicFields)
            #expect(stored.secretFields == ["client_secret": "rotated"])
            #expect(stored.toolAccessConfig == changed.toolAccessConfig)
            #expect(stored.createdAt == original.createdAt)
            #expect(stored.updatedAt > original.updatedAt)

            changed.id = "ac_missing"
            #expect(try await store.update(changed) == false)
        }
    }

    @Test func deletingAConfigDeletesItsAccountsStatesAndLinks() async throws {
        try await Support.forEachStorage { database in
            let box = try Support.randomBox()
            let configs = database.authConfigs(box)
            let accounts = database.connectedAccounts(box)
            try await configs.insert(Support.authConfig(id: "ac_one"))
            try await configs.insert(Support.authConfig(id: "ac_two"))
            try await accounts.insert(Support.account(id: "ca_1", authConfigID: "ac_one"))
            try await accounts.insert(Support.account(id: "ca_2", authConfigID: "ac_one"))
            try await accounts.insert(Support.account(id: "ca_3", authConfigID: "ac_two"))
            let expiry = Date().addingTimeInterval(600)
            try await database.oauthStates.insert(OAuthStateRecord(state: "s1", connectedAccountID: "ca_1", redirectURI: nil, expiresAt: expiry))
            try await database.connectLinks.insert(ConnectLinkRecord(token: "t1", connectedAccountID: "ca_2", csrfToken: "c", expiresAt: expiry))
            #expect(try await configs.connectionCount(id: "ac_one") == 2)

            #expect(try await configs.delete(id: "ac_one"))
            #expect(try await configs.delete(id: "ac_one") == false)
            #expect(try await configs.get(id: "ac_one") == nil)
            #expect(try await configs.connectionCount(id: "ac_one") == 0)
            #expect(try await accounts.get(id: "ca_1") == nil)
            #expect(try await accounts.get(id: "ca_2") == nil)
            #expect(try await accounts.get(id: "ca_3") != nil)
            #expect(try await database.oauthStates.consume(state: "s1", now: Date()) == nil)
            #expect(try await database.connectLinks.get(token: "t1") == nil)
        }
    }
}
