import Foundation
import Storage
import Testing

/// OAuth states are single-use and expire; the same behaviour in memory and in a WAL file.
struct OAuthStateStoreTests {
    typealias Support = StorageTestSupport

    static func seeded(_ database: any ToolportStorage) async throws -> any OAuthStateStore {
        let box = try Support.randomBox()
        try await database.authConfigs(box).insert(Support.authConfig(id: "ac_one"))
        try await database.connectedAccounts(box).insert(Support.account(id: "ca_one", authConfigID: "ac_one"))
        return database.oauthStates
    }

    @Test func aStateCanBeConsumedOnce() async throws {
        try await Support.forEachStorage { database in
            let states = try await Self.seeded(database)
            let now = Support.date(0)
            let record = OAuthStateRecord(
                state: RandomID.token(), connectedAccountID: "ca_one", redirectURI: "http://127.0.0.1:8000/callback", expiresAt: now + 600
            )
            try await states.insert(record)
            var used = record
            used.usedAt = now
            #expect(try await states.consume(state: record.state, now: now) == used)
            #expect(try await states.consume(state: record.state, now: now) == nil)
            #expect(try await states.consume(state: "unknown", now: now) == nil)
        }
    }

    @Test func anExpiredStateIsRefused() async throws {
        try await Support.forEachStorage { database in
            let states = try await Self.seeded(database)
            try await states.insert(OAuthStateRecord(state: "expired", connectedAccountID: "ca_one", redirectURI: nil, expiresAt: Support.date(0)))
            #expect(try await states.consume(state: "expired", now: Support.date(0)) == nil)
            #expect(try await states.consume(state: "expired", now: Support.date(1)) == nil)
            #expect(try await states.consume(state: "expired", now: Support.date(-1))?.state == "expired")
        }
    }

    @Test func concurrentCallbacksConsumeAStateExactlyOnce() async throws {
        try await Support.forEachStorage { database in
            let states = try await Self.seeded(database)
            try await states.insert(OAuthStateRecord(state: "race", connectedAccountID: "ca_one", redirectURI: nil, expiresAt: Support.date(600)))
            let winners = try await withThrowingTaskGroup(of: OAuthStateRecord?.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await states.consume(state: "race", now: Support.date(0)) }
                }
                return try await group.reduce(into: 0) { count, result in count += result == nil ? 0 : 1 }
            }
            #expect(winners == 1)
        }
    }
}
