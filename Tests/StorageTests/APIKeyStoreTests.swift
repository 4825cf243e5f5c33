import Foundation
import Storage
import Testing

/// API keys are stored as hashes and can be revoked; the same behaviour on every engine.
struct APIKeyStoreTests {
    @Test func theStoredHashIsLowercaseHexSHA256() {
        #expect(APIKeySecret.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(APIKeySecret.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func storesOnlyTheHashAndFindsTheKeyByIt() async throws {
        try await StorageTestSupport.forEachStorage { database in
            #expect(try await database.apiKeys.hasActiveKeys() == false)
            let key = APIKeySecret.generate()
            let record = try await database.apiKeys.insert(name: "ci", plaintext: key)
            #expect(record.hint == "…" + key.suffix(4))
            #expect(try await database.apiKeys.activeKey(hash: APIKeySecret.hash(key))?.id == record.id)
            #expect(try await database.apiKeys.hasActiveKeys())
            let stored = try await StorageTestSupport.storedBytes(in: database, tables: ["api_keys"])
            #expect(stored.range(of: Data(key.utf8)) == nil)
            #expect(stored.range(of: Data(APIKeySecret.hash(key).utf8)) != nil, "the check sees the stored hash")
        }
    }

    @Test func revokedKeysNoLongerMatch() async throws {
        try await StorageTestSupport.forEachStorage { database in
            let key = APIKeySecret.generate()
            let record = try await database.apiKeys.insert(name: "ci", plaintext: key)
            #expect(try await database.apiKeys.revoke(id: record.id))
            #expect(try await database.apiKeys.revoke(id: record.id) == false)
            #expect(try await database.apiKeys.activeKey(hash: APIKeySecret.hash(key)) == nil)
            #expect(try await database.apiKeys.all().first?.revokedAt != nil)
        }
    }

    @Test func aKeysScopeAndExpiryAreStoredBesideItsHash() async throws {
        try await StorageTestSupport.forEachStorage { database in
            let scope = APIKeyScope(userIDs: ["alice", "bob"], tools: ["PIPEDRIVE_GET_*"], readOnly: true)
            let expiresAt = Date(timeIntervalSince1970: 1_900_000_000)
            let key = APIKeySecret.generate()
            let record = try await database.apiKeys.insert(name: "agent", plaintext: key, scope: scope, expiresAt: expiresAt)
            let found = try #require(try await database.apiKeys.activeKey(hash: APIKeySecret.hash(key)))
            #expect(found.id == record.id && record.scope == scope)
            #expect(found.scope == scope && found.expiresAt == expiresAt && !found.scope.isAdmin)
            let admin = try await database.apiKeys.insert(name: "admin", plaintext: APIKeySecret.generate())
            #expect(admin.scope.isAdmin && admin.expiresAt == nil)
            #expect(try await database.apiKeys.all().first { $0.id == admin.id }?.scope == .admin)
        }
    }

    @Test func generatedKeysAreLongAndDistinct() {
        let keys = (0..<100).map { _ in APIKeySecret.generate() }
        #expect(Set(keys).count == 100)
        #expect(keys.allSatisfy { $0.hasPrefix("tp_") && $0.count == 46 })
    }
}

/// Execution logs are kept until the retention period passes.
struct ExecutionLogStoreTests {
    @Test func logsOlderThanTheCutoffArePurgedAndNewerOnesKept() async throws {
        try await StorageTestSupport.forEachStorage { database in
        func record(_ id: String, age: TimeInterval) -> ExecutionLogRecord {
            ExecutionLogRecord(
                id: id, toolSlug: "PIPEDRIVE_GET_DEAL", connectedAccountID: "ca_1", userID: "u1", method: "GET",
                url: "https://api.pipedrive.com/api/v1/deals/1", statusCode: 200, successful: true, durationMilliseconds: 12,
                attempts: 1, error: nil, createdAt: Date().addingTimeInterval(-age)
            )
        }
        try await database.executionLogs.insert(record("log_old", age: 40 * 86_400))
        try await database.executionLogs.insert(record("log_new", age: 60))
        #expect(try await database.executionLogs.deleteOlder(than: Date().addingTimeInterval(-30 * 86_400)) == 1)
        #expect(try await database.executionLogs.record(id: "log_old") == nil)
        #expect(try await database.executionLogs.record(id: "log_new")?.statusCode == 200)
        }
    }
}
