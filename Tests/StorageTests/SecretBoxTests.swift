import Foundation
import SQLiteStorage
import Storage
import Testing

/// The master key: AES-GCM sealing, loading from the environment or a private key file, and
/// refusing a database sealed with another key.
struct SecretBoxTests {
    typealias Support = StorageTestSupport

    static func randomKeyBase64() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString()
    }

    @Test func sealedDataOpensOnlyWithTheSameKeyAndUnaltered() throws {
        let box = try Support.randomBox()
        let plaintext = Data("pd-secret-token-123".utf8)
        let sealed = try box.seal(plaintext)
        #expect(sealed.count == 12 + plaintext.count + 16)
        #expect(sealed.range(of: plaintext) == nil)
        #expect(try box.open(sealed) == plaintext)
        #expect(try box.seal(plaintext) != sealed, "each seal takes a fresh nonce")

        let otherKey = #expect(throws: StorageError.self) { try Support.randomBox().open(sealed) }
        #expect(otherKey?.kind == .cannotDecrypt)
        var tampered = sealed
        tampered[tampered.startIndex + 14] ^= 0x01
        let altered = #expect(throws: StorageError.self) { try box.open(tampered) }
        #expect(altered?.kind == .cannotDecrypt)
        let truncated = #expect(throws: StorageError.self) { try box.open(Data([1, 2, 3])) }
        #expect(truncated?.kind == .cannotDecrypt)
    }

    @Test func rawKeysMustBe32Bytes() {
        for count in [0, 16, 31, 33] {
            let error = #expect(throws: StorageError.self) { try SecretBox(keyData: Data(count: count)) }
            #expect(error?.kind == .invalidMasterKey)
        }
    }

    @Test func theEnvironmentKeyMustBeBase64OfExactly32Bytes() throws {
        let path = try Support.temporaryDirectory().appending(path: "toolport.sqlite").path
        let invalid = ["not base64 at all!", Data(count: 16).base64EncodedString(), Data(count: 33).base64EncodedString(), ""]
        for value in invalid {
            let error = #expect(throws: StorageError.self) {
                try SecretBox.load(environment: ["TOOLPORT_MASTER_KEY": value], databasePath: path)
            }
            #expect(error?.kind == .invalidMasterKey)
            let description = error?.description ?? ""
            #expect(description.contains("TOOLPORT_MASTER_KEY"))
            #expect(description.contains("openssl rand -base64 32"))
            #expect(value.isEmpty || !description.contains(value), "the description never echoes the value")
        }

        let key = Self.randomKeyBase64()
        let first = try SecretBox.load(environment: ["TOOLPORT_MASTER_KEY": key], databasePath: path)
        let second = try SecretBox.load(environment: ["TOOLPORT_MASTER_KEY": key + "\n"], databasePath: path)
        #expect(try second.open(first.seal(Data("x".utf8))) == Data("x".utf8))
        #expect(!FileManager.default.fileExists(atPath: path + ".key"), "a key from the environment needs no key file")
    }

    @Test func aKeyFileIsCreatedWithMode0600AndReusedOnTheNextLoad() throws {
        let path = try Support.temporaryDirectory().appending(path: "toolport.sqlite").path
        let first = try SecretBox.load(environment: [:], databasePath: path)

        let attributes = try FileManager.default.attributesOfItem(atPath: path + ".key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let text = try String(contentsOfFile: path + ".key", encoding: .utf8)
        #expect(Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines))?.count == 32)

        let second = try SecretBox.load(environment: [:], databasePath: path)
        let sealed = try first.seal(Data("pd-secret-token-123".utf8))
        #expect(try second.open(sealed) == Data("pd-secret-token-123".utf8))
        #expect(try String(contentsOfFile: path + ".key", encoding: .utf8) == text, "the second load keeps the file")

        let fromEnvironment = try SecretBox.load(environment: ["TOOLPORT_MASTER_KEY": Self.randomKeyBase64()], databasePath: path)
        #expect(throws: StorageError.self, "the environment's key wins over the file") { try fromEnvironment.open(sealed) }
    }

    @Test func aKeyFileHoldingAnythingButA32ByteKeyIsRefused() throws {
        for content in ["garbage-not-a-key\n", Data(count: 16).base64EncodedString(), ""] {
            let path = try Support.temporaryDirectory().appending(path: "toolport.sqlite").path
            try content.write(toFile: path + ".key", atomically: false, encoding: .utf8)
            let error = #expect(throws: StorageError.self) { try SecretBox.load(environment: [:], databasePath: path) }
            #expect(error?.kind == .invalidMasterKey)
            #expect(error?.description.contains(path + ".key") == true)
            #expect(error?.description.contains("garbage") == false)
            #expect(try String(contentsOfFile: path + ".key", encoding: .utf8) == content, "a damaged key file is never replaced")
        }
    }

    @Test func verifyRefusesAnotherMasterKey() async throws {
        try await Support.forEachStorage { database in
            let box = try Support.randomBox()
            try await database.verify(box)
            try await database.verify(box)
            let error = await #expect(throws: StorageError.self) { try await database.verify(Support.randomBox()) }
            #expect(error?.kind == .wrongMasterKey)
            #expect(error?.description.contains("TOOLPORT_MASTER_KEY") == true)
        }
    }

    @Test func readingSecretsWithAnotherKeyFailsAsCannotDecrypt() async throws {
        try await Support.forEachStorage { database in
            let box = try Support.randomBox()
            try await database.authConfigs(box).insert(Support.authConfig(id: "ac_one"))
            try await database.connectedAccounts(box).insert(Support.account(id: "ca_one", authConfigID: "ac_one"))
            let other = try Support.randomBox()
            let config = await #expect(throws: StorageError.self) { try await database.authConfigs(other).get(id: "ac_one") }
            #expect(config?.kind == .cannotDecrypt)
            let accounts = await #expect(throws: StorageError.self) { try await database.connectedAccounts(other).list(ConnectedAccountFilter()) }
            #expect(accounts?.kind == .cannotDecrypt)
        }
    }

    @Test func theKeyFileOpensTheSameDatabaseAfterARestart() async throws {
        let path = try Support.temporaryDirectory().appending(path: "toolport.sqlite").path
        do {
            let database = try SQLiteStorage.open(path: path)
            let box = try SecretBox.load(environment: [:], databasePath: path)
            try await database.verify(box)
            try await database.authConfigs(box).insert(Support.authConfig(id: "ac_one"))
        }
        let reopened = try SQLiteStorage.open(path: path)
        let box = try SecretBox.load(environment: [:], databasePath: path)
        try await reopened.verify(box)
        #expect(try await reopened.authConfigs(box).get(id: "ac_one")?.secretFields == ["client_secret": "secret-ac_one"])
    }
}
