import Catalog
import Accounts
import CurlHTTP
import Execution
import Foundation
import GRDB
import Sandbox
import Server
import SQLiteStorage
import Storage
import Testing
import ToolportJSON

/// What survives a restart, and what never reaches the disk in clear.
struct PersistenceTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appending(path: "toolport-\(UUID().uuidString).sqlite").path
    }

    @Test func aRestartOnTheSameDatabaseKeepsConfigsAccountsAndWorkingCalls() async throws {
        try await SandboxHarness.run { harness in
            let path = Self.temporaryPath()
            let environment = ["TOOLPORT_MASTER_KEY": Data(repeating: 9, count: 32).base64EncodedString()]
            var accountID = ""
            do {
                let database = try SQLiteStorage.open(path: path)
                let box = try SecretBox.load(environment: environment, databasePath: path)
                try await database.verify(box)
                let accounts = harness.services(storage: database, box: box).accounts
                let config = try await accounts.authConfigs.create(toolkitSlug: "pipedrive", options: ["authScheme": "API_KEY"])
                let initiation = try await accounts.connections.initiate(
                    authConfigID: config.id, userID: "user-1",
                    state: ["authScheme": "API_KEY", "val": ["generic_api_key": .string(harness.apiToken)]], callbackURL: nil, alias: "main"
                )
                accountID = initiation.account.id
            }
            // A new process: same file, same key.
            let database = try SQLiteStorage.open(path: path)
            let box = try SecretBox.load(environment: environment, databasePath: path)
            try await database.verify(box)
            let graph = harness.services(storage: database, box: box)
            let account = try await graph.accounts.connections.get(id: accountID)
            #expect(account.status == .active && account.alias == "main")
            let executor = graph.executor
            let result = try await executor.run("PIPEDRIVE_ADD_A_DEAL", ["title": "After restart"])
            #expect(result.successful, "\(result.error ?? "")")

            // A different key is refused at start instead of reading garbage.
            let wrong = try SecretBox(keyData: Data(repeating: 1, count: 32))
            await #expect(throws: StorageError.self) { try await database.verify(wrong) }
        }
    }

    @Test func theDatabaseFileHoldsNoPlaintextTokenOrClientSecret() async throws {
        let path = Self.temporaryPath()
        let database = try SQLiteStorage.open(path: path)
        let box = try SecretBox.load(environment: [:], databasePath: path)
        try await database.verify(box)
        let accounts = AccountServices(database: database, box: box, toolkit: SandboxHarness.catalog.toolkit, client: CurlHTTPClient(allowing: .anyOrigin), configuration: AccountsConfiguration())
        _ = try await accounts.authConfigs.create(toolkitSlug: "pipedrive", options: [
            "authScheme": "OAUTH2", "credentials": ["client_id": "visible-client-id", "client_secret": "client-secret-do-not-leak"],
        ])
        let config = try await accounts.authConfigs.create(toolkitSlug: "pipedrive", options: ["authScheme": "API_KEY"])
        _ = try await accounts.connections.initiate(
            authConfigID: config.id, userID: "user-1", state: ["authScheme": "API_KEY", "val": ["generic_api_key": "pipedrive-token-do-not-leak"]],
            callbackURL: nil, alias: nil
        )
        try await database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        var bytes = Data()
        for suffix in ["", "-wal", "-shm"] {
            bytes.append(FileManager.default.contents(atPath: path + suffix) ?? Data())
        }
        #expect(bytes.range(of: Data("visible-client-id".utf8)) != nil, "the check must read the real file")
        #expect(bytes.range(of: Data("client-secret-do-not-leak".utf8)) == nil)
        #expect(bytes.range(of: Data("pipedrive-token-do-not-leak".utf8)) == nil)
        let keyFile = try FileManager.default.attributesOfItem(atPath: path + ".key")
        #expect((keyFile[.posixPermissions] as? Int) == 0o600)
    }
}
