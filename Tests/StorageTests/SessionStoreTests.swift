import Foundation
import Storage
import Testing

/// Sessions keep every configuration version; an update that expects a stale version writes nothing; the same
/// behaviour on every engine.
struct SessionStoreTests {
    typealias Support = StorageTestSupport

    static func session(_ id: String = "trs_one", config: String = #"{"v":1}"#) -> SessionRecord {
        SessionRecord(id: id, userID: "user-1", configVersion: 1, config: config, createdAt: Support.date(0), updatedAt: Support.date(0))
    }

    @Test func aSessionIsStoredReadAndDeletedWithItsHistory() async throws {
        try await Support.forEachStorage { database in
            let sessions = database.sessions
            try await sessions.insert(Self.session())
            #expect(try await sessions.get(id: "trs_one") == Self.session())
            #expect(try await sessions.get(id: "trs_none") == nil)
            let history = try await sessions.history(id: "trs_one", limit: 10, offset: 0)
            #expect(history.total == 1)
            #expect(history.versions == [SessionConfigVersion(sessionID: "trs_one", version: 1, config: #"{"v":1}"#, createdAt: Support.date(0))])
            #expect(try await sessions.delete(id: "trs_one"))
            #expect(try await sessions.delete(id: "trs_one") == false)
            #expect(try await sessions.get(id: "trs_one") == nil)
            #expect(try await sessions.history(id: "trs_one", limit: 10, offset: 0).total == 0)
        }
    }

    @Test func updatesWriteTheNextVersionAndKeepEveryOne() async throws {
        try await Support.forEachStorage { database in
            let sessions = database.sessions
            try await sessions.insert(Self.session())
            guard case .updated(let second) = try await sessions.update(id: "trs_one", config: #"{"v":2}"#, expectedVersion: 1, now: Support.date(60)) else {
                Issue.record("the update with the current version was not written")
                return
            }
            #expect(second.configVersion == 2 && second.config == #"{"v":2}"# && second.updatedAt == Support.date(60) && second.createdAt == Support.date(0))
            #expect(try await sessions.update(id: "trs_one", config: #"{"v":3}"#, expectedVersion: nil, now: Support.date(120)) != .notFound)
            #expect(try await sessions.update(id: "trs_one", config: #"{"stale":true}"#, expectedVersion: 2, now: Support.date(180)) == .conflict(currentVersion: 3))
            #expect(try await sessions.update(id: "trs_none", config: "{}", expectedVersion: nil, now: Support.date(180)) == .notFound)
            #expect(try await sessions.get(id: "trs_one")?.config == #"{"v":3}"#)

            let newest = try await sessions.history(id: "trs_one", limit: 2, offset: 0)
            #expect(newest.total == 3)
            #expect(newest.versions.map(\.version) == [3, 2])
            #expect(try await sessions.history(id: "trs_one", limit: 2, offset: 2).versions.map(\.config) == [#"{"v":1}"#])
        }
    }

    @Test func concurrentUpdatesGetDistinctVersions() async throws {
        try await Support.forEachStorage { database in
            let sessions = database.sessions
            try await sessions.insert(Self.session())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask { _ = try await sessions.update(id: "trs_one", config: #"{"i":\#(index)}"#, expectedVersion: nil, now: Support.date(index)) }
                }
                try await group.waitForAll()
            }
            let history = try await sessions.history(id: "trs_one", limit: 20, offset: 0)
            #expect(history.versions.map(\.version) == Array((1...9).reversed()))
        }
    }
}
