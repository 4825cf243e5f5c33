import Foundation
import GRDB
import Logging
import PostgresNIO
import PostgresStorage
import SQLiteStorage
import Storage
import Synchronization
import Testing

/// What only a shared PostgreSQL database needs: migrations applied once by replicas starting together,
/// token refreshes serialised across processes, a bounded wait while the server is unreachable, and
/// connection URLs that never print their password.
@Suite(.enabled(if: StorageTestSupport.postgresURL != nil, "needs TOOLPORT_TEST_POSTGRES_URL (scripts/test.sh starts a server)"))
struct PostgresStorageTests {
    typealias Support = StorageTestSupport
    static let logger = Logger(label: "postgres-storage-tests")

    /// Runs `body` with `count` storages, each with a pool of its own, on one fresh database: replicas.
    static func withReplicas(_ count: Int, _ body: @escaping @Sendable ([PostgresStorage]) async throws -> Void) async throws {
        try await Support.withPostgresDatabase(admin: try #require(Support.postgresURL)) { url in
            let configuration = try PostgresStorageConfiguration(url: url, poolSize: 3)
            func open(_ opened: [PostgresStorage]) async throws {
                guard opened.count < count else { return try await body(opened) }
                try await PostgresStorage.withStorage(configuration, logger: logger) { storage in try await open(opened + [storage]) }
            }
            try await open([])
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func replicasStartingTogetherApplyEachMigrationOnce() async throws {
        try await Support.withPostgresDatabase(admin: try #require(Support.postgresURL)) { url in
            let configuration = try PostgresStorageConfiguration(url: url, poolSize: 2)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await PostgresStorage.withStorage(configuration, logger: Self.logger) { try await $0.ping() } }
                }
                try await group.waitForAll()
            }
            let applied = try await PostgresStorage.withStorage(configuration, logger: Self.logger) { storage in
                try await storage.appliedMigrations()
            }
            #expect(applied == SchemaMigration.allCases.map(\.rawValue))
        }
    }

    @Test func bothEnginesRecordTheSameMigrations() async throws {
        let sqlite = try SQLiteStorage.inMemory()
        let recorded = try await sqlite.writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
        #expect(recorded == SchemaMigration.allCases.map(\.rawValue))
        try await Self.withReplicas(1) { replicas throws in
            #expect(try await replicas[0].appliedMigrations() == SchemaMigration.allCases.map(\.rawValue))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func refreshesOfOneAccountNeverOverlapAcrossReplicas() async throws {
        try await Self.withReplicas(2) { replicas in
            let box = try Support.randomBox()
            try await replicas[0].authConfigs(box).insert(Support.authConfig(id: "ac_one"))
            try await replicas[0].connectedAccounts(box).insert(Support.account(id: "ca_one", authConfigID: "ac_one"))
            let running = Overlap()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<6 {
                    let accounts = replicas[index % 2].connectedAccounts(box)
                    group.addTask {
                        try await accounts.withRefreshLock(id: "ca_one") {
                            try await running.measure(for: .milliseconds(100))
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(running.most == 1)
            #expect(running.runs == 6)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func differentAccountsRefreshAtTheSameTimeAndAFailedRefreshReleasesTheLock() async throws {
        struct RefreshFailed: Error {}
        try await Self.withReplicas(2) { replicas in
            let box = try Support.randomBox()
            let first = replicas[0].connectedAccounts(box)
            let second = replicas[1].connectedAccounts(box)
            await #expect(throws: RefreshFailed.self) {
                try await first.withRefreshLock(id: "ca_a") { () async throws -> Void in throw RefreshFailed() }
            }
            // The lock went with the failed refresh's transaction.
            #expect(try await second.withRefreshLock(id: "ca_a") { "after" } == "after")
            let overlap = Overlap()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (store, id) in [(first, "ca_a"), (second, "ca_b")] {
                    group.addTask {
                        try await store.withRefreshLock(id: id) {
                            try await overlap.measure(for: .milliseconds(300))
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(overlap.most == 2)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func anUnreachableServerFailsCleanlyWithinTheTimeout() async throws {
        // Nothing listens on port 1.
        let configuration = try PostgresStorageConfiguration(
            url: "postgres://toolport:secret-password@127.0.0.1:1/toolport", poolSize: 2, operationTimeout: .seconds(1)
        )
        let error = await #expect(throws: StorageError.self) {
            try await PostgresStorage.withStorage(configuration, logger: Self.logger) { _ in }
        }
        #expect(error?.kind == .migrationFailed)
        #expect(error?.description.contains("secret-password") == false)
    }

    @Test func urlsAreParsedAndNeverPrintTheirPassword() throws {
        let configuration = try PostgresStorageConfiguration(url: "postgresql://app:p%40ss@db.internal:6543/toolport?sslmode=disable", poolSize: 7)
        #expect(configuration.client.host == "db.internal")
        #expect(configuration.client.port == 6543)
        #expect(configuration.client.username == "app")
        #expect(configuration.client.password == "p@ss")
        #expect(configuration.client.database == "toolport")
        #expect(configuration.poolSize == 7)
        #expect(configuration.description == "postgres://app@db.internal:6543/toolport")
        for (url, problem) in [
            ("postgres://app:hunter2@db/toolport?sslmode=sometimes", "unsupported sslmode"),
            ("postgres://:hunter2@db/toolport", "no user"),
            ("postgres:///toolport", "expected postgres://"),
        ] {
            let error = #expect(throws: StorageError.self) { try PostgresStorageConfiguration(url: url) }
            #expect(error?.description.contains(problem) == true, "\(url): \(error?.description ?? "")")
            #expect(error?.description.contains("hunter2") == false)
        }
        let small = #expect(throws: StorageError.self) { try PostgresStorageConfiguration(url: "postgres://app@db/toolport", poolSize: 1) }
        #expect(small?.description.contains("at least 2") == true)
    }
}

/// How many bodies ran at once, at most.
private final class Overlap: Sendable {
    private let state = Mutex((now: 0, most: 0, runs: 0))

    /// Counts a body that runs for `duration`.
    func measure(for duration: Duration) async throws {
        state.withLock { $0.now += 1; $0.most = max($0.most, $0.now); $0.runs += 1 }
        defer { state.withLock { $0.now -= 1 } }
        try await Task.sleep(for: duration)
    }

    var most: Int { state.withLock { $0.most } }
    var runs: Int { state.withLock { $0.runs } }
}
