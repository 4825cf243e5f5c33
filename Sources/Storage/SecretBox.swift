public import Crypto
public import Foundation

/// Encryption at rest for stored secrets: AES-256-GCM under Toolport's master key.
///
/// A sealed value is GCM's combined representation: the 12-byte random nonce, the ciphertext and
/// the 16-byte tag.
///
/// ```swift
/// let box = try SecretBox.load(environment: ProcessInfo.processInfo.environment, databasePath: path)
/// try await database.verify(box)
/// let accounts = database.connectedAccounts(box)
/// ```
public struct SecretBox: Sendable {
    /// The environment variable that holds the master key: base64 of 32 bytes.
    public static let environmentVariable = "TOOLPORT_MASTER_KEY"

    /// The text each database keeps sealed, to tell at start whether a key is the one its secrets use.
    package static let keyCheckText = Data("toolport-key-check-v1".utf8)

    /// The key's 32 bytes (`SymmetricKey` is not `Sendable`, so the box makes the key on each use).
    private let keyData: Data

    /// A box around `key`, which must be 256 bits long.
    public init(key: SymmetricKey) {
        precondition(key.bitCount == 256, "a SecretBox key must be 256 bits")
        keyData = key.withUnsafeBytes { Data($0) }
    }

    /// A box with a fresh random key, for a database that lives only in memory.
    public static func ephemeral() -> SecretBox {
        SecretBox(key: SymmetricKey(size: .bits256))
    }

    /// A box around 32 raw key bytes.
    /// - Throws: `StorageError.invalidMasterKey` when `keyData` is not exactly 32 bytes long.
    public init(keyData: Data) throws(StorageError) {
        guard keyData.count == 32 else {
            throw .invalidMasterKey(reason: "a master key must be exactly 32 bytes, got \(keyData.count)")
        }
        self.keyData = keyData
    }

    /// Encrypts `plaintext` under a fresh random nonce.
    /// - Returns: nonce, ciphertext and tag, in GCM's combined representation.
    /// - Throws: `StorageError.invalidMasterKey` if AES-GCM refuses the key.
    public func seal(_ plaintext: Data) throws(StorageError) -> Data {
        let sealed: AES.GCM.SealedBox
        do {
            sealed = try AES.GCM.seal(plaintext, using: SymmetricKey(data: keyData))
        } catch {
            throw .invalidMasterKey(reason: "AES-GCM could not seal with this key")
        }
        // Always present with the default 12-byte nonce.
        guard let combined = sealed.combined else { throw .invalidMasterKey(reason: "AES-GCM gave no combined representation") }
        return combined
    }

    /// Decrypts and authenticates a value made by `seal(_:)`.
    /// - Throws: `StorageError.cannotDecrypt` when another key sealed it or it was altered.
    public func open(_ sealed: Data) throws(StorageError) -> Data {
        do {
            return try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: SymmetricKey(data: keyData))
        } catch {
            throw .cannotDecrypt
        }
    }

    /// A 32-byte key for `purpose`, derived from the master key (HKDF-SHA256): a secret that needs no storage of its
    /// own and is the same on every replica (the file URL signing key). Never log or answer it.
    public func derivedKey(purpose: String) -> Data {
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: keyData), info: Data(purpose.utf8), outputByteCount: 32)
        return key.withUnsafeBytes { Data($0) }
    }

    /// The master key for the database at `databasePath`.
    ///
    /// `TOOLPORT_MASTER_KEY`, when set, must be base64 of exactly 32 bytes. Otherwise the key lives in
    /// the file `<databasePath>.key` (base64 text), created on first start with 32 random bytes and
    /// mode 0600. An in-memory database (`:memory:`) without the variable gets a fresh key that lives
    /// as long as the process.
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - databasePath: the SQLite file the key protects.
    /// - Throws: `StorageError.invalidMasterKey` when the variable or the key file holds something else,
    ///   or the key file cannot be read or created.
    public static func load(environment: [String: String], databasePath: String) throws(StorageError) -> SecretBox {
        if let box = try fromEnvironment(environment) {
            return box
        }
        if databasePath == ":memory:" {
            return SecretBox(key: SymmetricKey(size: .bits256))
        }
        let path = databasePath + ".key"
        let text = try MasterKeyFile.readOrCreate(at: path) { base64(of: SymmetricKey(size: .bits256)) }
        guard let key = decodeKey(text) else {
            throw .invalidMasterKey(
                reason: "the key file \(path) must hold base64 of exactly 32 bytes; restore the original key file or set \(environmentVariable) to the original key"
            )
        }
        return try SecretBox(keyData: key)
    }

    /// The key in `TOOLPORT_MASTER_KEY`, or nil when the variable is not set: the only source for a
    /// database shared by several processes, which must all be given the same key.
    /// - Throws: `StorageError.invalidMasterKey` when the variable holds something else.
    public static func fromEnvironment(_ environment: [String: String]) throws(StorageError) -> SecretBox? {
        guard let value = environment[environmentVariable] else { return nil }
        guard let key = decodeKey(value) else {
            throw .invalidMasterKey(reason: "\(environmentVariable) must be base64 of exactly 32 bytes; generate one with: openssl rand -base64 32")
        }
        return try SecretBox(keyData: key)
    }

    /// The 32 key bytes in base64 `text` (surrounding whitespace ignored), or nil.
    private static func decodeKey(_ text: String) -> Data? {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else { return nil }
        return data
    }

    private static func base64(of key: SymmetricKey) -> String {
        key.withUnsafeBytes { Data($0) }.base64EncodedString()
    }
}
