import Foundation
import GRDB
import Logging
import PostgresNIO
import PostgresStorage
import SQLiteStorage
import Storage
import Testing

/// Databases, keys and fixtures shared by the storage tests.
enum StorageTestSupport {
    /// The PostgreSQL server the suite also runs against (`scripts/test.sh` starts a throwaway one):
    /// a role that may create databases.
    static let postgresURL = ProcessInfo.processInfo.environment["TOOLPORT_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// Runs `body` on every engine, each with an empty, migrated database: SQLite in memory, SQLite in a
    /// WAL file, and PostgreSQL (a database of its own, dropped afterwards) when `TOOLPORT_TEST_POSTGRES_URL`
    /// is set. Without it the PostgreSQL run is skipped with a warning, or fails when
    /// `TOOLPORT_TEST_POSTGRES_REQUIRED=1` (as the test command sets it).
    static func forEachStorage(_ body: (any ToolportStorage) async throws -> Void) async throws {
        try await forEachStorage { database, _ in try await body(database) }
    }

    /// `forEachStorage(_:)`, with a way to run SQL on the same database behind the stores' back: for
    /// rows only an edit of the database, or another version of Toolport, could leave.
    static func forEachStorage(
        _ body: (any ToolportStorage, _ execute: @Sendable (String) async throws -> Void) async throws -> Void
    ) async throws {
        let file = try temporaryDirectory().appending(path: "toolport.sqlite").path
        for sqlite in [try SQLiteStorage.inMemory(), try SQLiteStorage.open(path: file)] {
            try await body(sqlite) { sql in try await sqlite.writer.write { db in try db.execute(sql: sql) } }
        }
        guard let postgresURL else {
            if ProcessInfo.processInfo.environment["TOOLPORT_TEST_POSTGRES_REQUIRED"] == "1" {
                Issue.record("TOOLPORT_TEST_POSTGRES_REQUIRED=1 but TOOLPORT_TEST_POSTGRES_URL is not set")
            } else {
                warnOnce()
            }
            return
        }
        try await withPostgresDatabase(admin: postgresURL) { url in
            let configuration = try PostgresStorageConfiguration(url: url, poolSize: 3, operationTimeout: testOperationTimeout)
            try await PostgresStorage.withStorage(configuration, logger: Logger(label: "storage-tests")) { storage in
                try await body(storage) { sql in try await adminQuery(url, sql) }
            }
        }
    }

    /// How long one database operation of these tests may take: the product's 5 s default is for production; tests
    /// run dozens of databases at once on a loaded CI machine, where creating one or connecting can take longer.
    /// (The timeout behaviour itself is tested with configurations of its own.)
    static let testOperationTimeout: Duration = .seconds(30)

    /// Creates an empty database on the server `admin` names, runs `body` with its URL, and drops it.
    static func withPostgresDatabase<T: Sendable>(admin: String, _ body: (String) async throws -> T) async throws -> T {
        let name = "tp_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await adminQuery(admin, "CREATE DATABASE \(name)")
        var components = URLComponents(string: admin)!
        components.path = "/" + name
        do {
            let result = try await body(components.string!)
            try await adminQuery(admin, "DROP DATABASE \(name) WITH (FORCE)")
            return result
        } catch {
            try? await adminQuery(admin, "DROP DATABASE \(name) WITH (FORCE)")
            throw error
        }
    }

    /// Every cell of `tables` as stored (text as UTF-8, blobs and bytea as their bytes), for checks of
    /// what lies at rest.
    static func storedBytes(in database: any ToolportStorage, tables: [String]) async throws -> Data {
        if let sqlite = database as? SQLiteStorage {
            return try await sqlite.writer.read { db in
                var bytes = Data()
                for table in tables {
                    for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") {
                        for value in row.databaseValues {
                            switch value.storage {
                            case .string(let text): bytes += Data(text.utf8)
                            case .blob(let data): bytes += data
                            case .null, .int64, .double: break
                            }
                        }
                    }
                }
                return bytes
            }
        }
        let postgres = try #require(database as? PostgresStorage)
        var bytes = Data()
        for table in tables { bytes += try await postgres.storedBytes(of: table) }
        return bytes
    }

    private static func adminQuery(_ url: String, _ sql: String) async throws {
        let configuration = try PostgresStorageConfiguration(url: url, poolSize: 2, operationTimeout: testOperationTimeout)
        let client = PostgresClient(configuration: configuration.client)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: sql))
        }
    }

    private static let warning: Void = {
        print("⚠️  TOOLPORT_TEST_POSTGRES_URL is not set: the storage suite runs on SQLite only (scripts/test.sh starts a PostgreSQL server)")
    }()

    private static func warnOnce() { _ = warning }

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

    static func account(
        id: String, authConfigID: String, userID: String = "user-1", status: ConnectionStatus = .active, created: Int = 0
    ) -> ConnectedAccountRecord {
        ConnectedAccountRecord(
            id: id, userID: userID, authConfigID: authConfigID, status: status, alias: "work", subdomain: "acme",
            apiDomain: "https://acme.pipedrive.com", secrets: AccountSecrets(accessToken: "access-\(id)", refreshToken: "refresh-\(id)"),
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
