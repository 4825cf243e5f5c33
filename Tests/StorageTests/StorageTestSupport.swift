import Foundation
import Storage

/// Databases, keys and fixtures shared by the storage tests.
enum StorageTestSupport {
    /// A fresh in-memory database and a fresh WAL file in a temporary directory of its own.
    static func databases() throws -> [SQLiteStorage] {
        [try SQLiteStorage.inMemory(), try SQLiteStorage.open(path: try temporaryDirectory().appending(path: "toolport.sqlite").path)]
    }

    /// A new empty directory under the system temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "toolport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A box around a fresh random key.
    static func randomBox() throws -> SecretBox {
        var generator = SystemRandomNumberGenerator()
        return try SecretBox(keyData: Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }

    /// A whole-second date (the database keeps milliseconds), `seconds` after a fixed origin.
    static func date(_ seconds: Int) -> Date {
        Date(timeIntervalSince1970: 1_750_000_000 + TimeInterval(seconds))
    }

    static func authConfig(id: String, toolkit: String = "pipedrive", name: String = "Pipedrive OAuth", created: Int = 0) -> AuthConfigRecord {
        AuthConfigRecord(
            id: id, name: name, toolkit: toolkit, authScheme: "OAUTH2",
            publicFields: ["client_id": "cid-\(id)", "scopes": "deals:full"], secretFields: ["client_secret": "secret-\(id)"],
            createdAt: date(created), updatedAt: date(created)
        )
    }

    static func account(id: String, authConfigID: String, userID: String = "user-1", status: String = "ACTIVE", created: Int = 0) -> ConnectedAccountRecord {
        ConnectedAccountRecord(
            id: id, userID: userID, authConfigID: authConfigID, status: status, alias: "work", subdomain: "acme",
            apiDomain: "https://acme.pipedrive.com", secrets: ["access_token": "access-\(id)", "refresh_token": "refresh-\(id)"],
            expiresAt: date(created + 3600), scope: "deals:full", createdAt: date(created), updatedAt: date(created)
        )
    }
}

/// The case of a `StorageError`, for expectations (the enum is not `Equatable`).
enum StorageErrorKind {
    case cannotOpen, migrationFailed, queryFailed, invalidMasterKey, wrongMasterKey, cannotDecrypt
}

extension StorageError {
    var kind: StorageErrorKind {
        switch self {
        case .cannotOpen: .cannotOpen
        case .migrationFailed: .migrationFailed
        case .queryFailed: .queryFailed
        case .invalidMasterKey: .invalidMasterKey
        case .wrongMasterKey: .wrongMasterKey
        case .cannotDecrypt: .cannotDecrypt
        }
    }
}
