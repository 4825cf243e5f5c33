import Foundation
import GRDB
import SQLiteStorage
import Storage
import Testing

/// Secrets are sealed before they reach SQLite: neither the rows nor the database files hold
/// them in plaintext, and neither printed records nor errors show them.
struct EncryptionAtRestTests {
    typealias Support = StorageTestSupport

    static let secrets = ["pd-secret-token-123", "pd-refresh-token-456", "csecret-xyz", "pd-rotated-token-789"]
    static let publicClientID = "public-client-id-abc"

    /// An auth config and an account with known secrets, then a token rotation.
    static func writeSecrets(to database: some ToolportStorage) async throws {
        let box = try Support.randomBox()
        try await database.verify(box)
        try await database.authConfigs(box).insert(
            AuthConfigRecord(
                id: "ac_enc", name: "Pipedrive", toolkit: "pipedrive", authScheme: "OAUTH2",
                publicFields: ["client_id": publicClientID], secretFields: ["client_secret": "csecret-xyz"],
                createdAt: Support.date(0), updatedAt: Support.date(0)
            )
        )
        let accounts = database.connectedAccounts(box)
        try await accounts.insert(
            ConnectedAccountRecord(
                id: "ca_enc", userID: "user-1", authConfigID: "ac_enc", status: .active,
                secrets: AccountSecrets(token: "pd-secret-token-123", refreshToken: "pd-refresh-token-456"),
                createdAt: Support.date(0), updatedAt: Support.date(0)
            )
        )
        let rotated = try await accounts.replaceSecrets(
            id: "ca_enc", expectedVersion: 0, secrets: AccountSecrets(accessToken: "pd-rotated-token-789"), expiresAt: nil, apiDomain: nil, scope: nil
        )
        #expect(rotated != nil)
    }

    /// Which of `needles` occur in `haystack`.
    static func found(_ needles: [String], in haystack: Data) -> [String] {
        needles.filter { haystack.range(of: Data($0.utf8)) != nil }
    }

    @Test func theDatabaseFilesHoldNoPlaintextSecret() async throws {
        let path = try Support.temporaryDirectory().appending(path: "toolport.sqlite").path
        let database = try SQLiteStorage.open(path: path)
        try await Self.writeSecrets(to: database)

        func files() throws -> Data {
            try ["", "-wal", "-shm"].map { path + $0 }
                .filter { FileManager.default.fileExists(atPath: $0) }
                .reduce(into: Data()) { bytes, file in bytes += try Data(contentsOf: URL(filePath: file)) }
        }
        let beforeCheckpoint = try files()
        #expect(Self.found(Self.secrets, in: beforeCheckpoint) == [])
        #expect(Self.found([Self.publicClientID], in: beforeCheckpoint) == [Self.publicClientID])

        try await database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let mainFile = try Data(contentsOf: URL(filePath: path))
        #expect(Self.found([Self.publicClientID], in: mainFile) == [Self.publicClientID], "public fields are plain, so the check can see rows")
        #expect(Self.found(Self.secrets, in: try files()) == [])
    }

    @Test func storedRowsHoldNoPlaintextSecret() async throws {
        try await Support.forEachStorage { database in
            try await Self.writeSecrets(to: database)
            let cells = try await Support.storedBytes(in: database, tables: ["meta", "auth_configs", "connected_accounts"])
            #expect(Self.found(Self.secrets, in: cells) == [])
            #expect(Self.found([Self.publicClientID], in: cells) == [Self.publicClientID])
        }
    }

    @Test func printingARecordNeverShowsItsSecrets() {
        let account = ConnectedAccountRecord(
            id: "ca_print", userID: "user-1", authConfigID: "ac_print", status: .active,
            secrets: AccountSecrets(accessToken: "pd-secret-token-123"), createdAt: Support.date(0), updatedAt: Support.date(0)
        )
        let config = AuthConfigRecord(
            id: "ac_print", name: "Pipedrive", toolkit: "pipedrive", authScheme: "OAUTH2",
            publicFields: ["client_id": Self.publicClientID], secretFields: ["client_secret": "csecret-xyz"],
            createdAt: Support.date(0), updatedAt: Support.date(0)
        )
        var dumped = ""
        dump(account, to: &dumped)
        dump(config, to: &dumped)
        for text in ["\(account)", String(reflecting: account), "\(config)", String(reflecting: config), dumped] {
            #expect(!text.contains("pd-secret-token-123"))
            #expect(!text.contains("csecret-xyz"))
        }
        #expect("\(account)".contains("access_token"))
        #expect("\(config)".contains(Self.publicClientID))
    }

    @Test func storageErrorsNeverShowSecrets() async throws {
        try await Support.forEachStorage { database in
            try await Self.writeSecrets(to: database)
            let box = try Support.randomBox()
            let duplicate = ConnectedAccountRecord(
                id: "ca_enc", userID: "user-1", authConfigID: "ac_enc", status: .active,
                secrets: AccountSecrets(token: "pd-secret-token-123"), createdAt: Support.date(0), updatedAt: Support.date(0)
            )
            let error = await #expect(throws: StorageError.self) { try await database.connectedAccounts(box).insert(duplicate) }
            #expect(error?.kind == .queryFailed)
            #expect(Self.found(Self.secrets, in: Data((error?.description ?? "").utf8)) == [])
        }
    }
}
