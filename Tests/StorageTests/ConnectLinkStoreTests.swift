import Foundation
import Storage
import Testing

/// Connect links are single-use and expire, and stay readable; the same behaviour in memory and in a WAL file.
struct ConnectLinkStoreTests {
    typealias Support = StorageTestSupport

    static func seeded(_ database: any ToolportStorage) async throws -> any ConnectLinkStore {
        let box = try Support.randomBox()
        try await database.authConfigs(box).insert(Support.authConfig(id: "ac_one"))
        try await database.connectedAccounts(box).insert(Support.account(id: "ca_one", authConfigID: "ac_one"))
        return database.connectLinks
    }

    @Test func aLinkCanBeReadAndConsumedOnce() async throws {
        try await Support.forEachStorage { database in
            let links = try await Self.seeded(database)
            let now = Support.date(0)
            let record = ConnectLinkRecord(token: RandomID.token(), connectedAccountID: "ca_one", csrfToken: RandomID.token(), expiresAt: now + 600)
            try await links.insert(record)
            #expect(try await links.get(token: record.token) == record)
            var used = record
            used.usedAt = now
            #expect(try await links.consume(token: record.token, now: now) == used)
            #expect(try await links.consume(token: record.token, now: now) == nil)
            #expect(try await links.get(token: record.token) == used)
            #expect(try await links.get(token: "unknown") == nil)
            #expect(try await links.consume(token: "unknown", now: now) == nil)
        }
    }

    @Test func anExpiredLinkIsRefused() async throws {
        try await Support.forEachStorage { database in
            let links = try await Self.seeded(database)
            try await links.insert(ConnectLinkRecord(token: "expired", connectedAccountID: "ca_one", csrfToken: "c", expiresAt: Support.date(0)))
            #expect(try await links.consume(token: "expired", now: Support.date(0)) == nil)
            #expect(try await links.consume(token: "expired", now: Support.date(60)) == nil)
            #expect(try await links.get(token: "expired")?.usedAt == nil)
        }
    }

    @Test func concurrentSubmissionsConsumeALinkExactlyOnce() async throws {
        try await Support.forEachStorage { database in
            let links = try await Self.seeded(database)
            try await links.insert(ConnectLinkRecord(token: "race", connectedAccountID: "ca_one", csrfToken: "c", expiresAt: Support.date(600)))
            let winners = try await withThrowingTaskGroup(of: ConnectLinkRecord?.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await links.consume(token: "race", now: Support.date(0)) }
                }
                return try await group.reduce(into: 0) { count, result in count += result == nil ? 0 : 1 }
            }
            #expect(winners == 1)
        }
    }
}
