import Foundation
import Storage
import Testing

/// Execution log searches: every engine answers each query as `ExecutionLogQuery.matches` defines it.
struct ExecutionLogSearchTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// Six logs a second apart (log_1 oldest): two users, one log without account or user, failures.
    static let records: [ExecutionLogRecord] = [
        record("log_1", slug: "PIPEDRIVE_GET_DEAL", account: "ca_a", user: "alice", ok: true, second: 1),
        record("log_2", slug: "PIPEDRIVE_ADD_A_DEAL", account: "ca_a", user: "alice", ok: false, second: 2, request: "req_a"),
        record("log_3", slug: "PIPEDRIVE_GET_DEAL", account: "ca_b", user: "bob", ok: true, second: 3),
        record("log_4", slug: "PIPEDRIVE_PROXY", account: nil, user: nil, ok: true, second: 4),
        record("log_5", slug: "PIPEDRIVE_DELETE_DEAL", account: "ca_b", user: "bob", ok: false, second: 5, request: "req_ab"),
        record("log_6", slug: "PIPEDRIVE_GET_DEAL", account: "ca_a", user: "alice", ok: true, second: 5),
    ]

    static func record(
        _ id: String, slug: String, account: String?, user: String?, ok: Bool, second: Double, request: String? = nil
    ) -> ExecutionLogRecord {
        ExecutionLogRecord(
            id: id, toolSlug: slug, connectedAccountID: account, userID: user, method: "GET", url: "https://api.pipedrive.com/api/v1/deals",
            statusCode: ok ? 200 : 404, successful: ok, durationMilliseconds: 3, attempts: 1, error: ok ? nil : "Pipedrive 404: not found",
            createdAt: start.addingTimeInterval(second + 0.000_4), requestID: request
        )
    }

    /// (query, the ids it returns in order).
    static let cases: [(ExecutionLogQuery, [String])] = [
        (ExecutionLogQuery(limit: 10), ["log_6", "log_5", "log_4", "log_3", "log_2", "log_1"]),
        (ExecutionLogQuery(limit: 2), ["log_6", "log_5"]),
        (ExecutionLogQuery(conditions: [.oneOf(.toolSlug, ["PIPEDRIVE_GET_DEAL"])], limit: 10), ["log_6", "log_3", "log_1"]),
        (ExecutionLogQuery(conditions: [.oneOf(.toolSlug, [])], limit: 10), []),
        (ExecutionLogQuery(conditions: [.noneOf(.userID, ["alice"])], limit: 10), ["log_5", "log_4", "log_3"]),
        (ExecutionLogQuery(conditions: [.noneOf(.userID, [])], limit: 10), ["log_6", "log_5", "log_4", "log_3", "log_2", "log_1"]),
        (ExecutionLogQuery(conditions: [.contains(.toolSlug, "DEAL")], limit: 10), ["log_6", "log_5", "log_3", "log_2", "log_1"]),
        (ExecutionLogQuery(conditions: [.contains(.toolSlug, "deal")], limit: 10), []),
        (ExecutionLogQuery(conditions: [.notContains(.connectedAccountID, "ca_a")], limit: 10), ["log_5", "log_4", "log_3"]),
        (ExecutionLogQuery(conditions: [.successful(false)], limit: 10), ["log_5", "log_2"]),
        (ExecutionLogQuery(conditions: [.oneOf(.connectedAccountID, ["ca_a", "ca_b"]), .successful(true)], limit: 10), ["log_6", "log_3", "log_1"]),
        (ExecutionLogQuery(conditions: [.oneOf(.id, ["log_4"])], limit: 10), ["log_4"]),
        (ExecutionLogQuery(conditions: [.oneOf(.requestID, ["req_a"])], limit: 10), ["log_2"]),
        (ExecutionLogQuery(conditions: [.contains(.requestID, "req_a")], limit: 10), ["log_5", "log_2"]),
        (ExecutionLogQuery(conditions: [.noneOf(.requestID, ["req_a"])], limit: 10), ["log_6", "log_5", "log_4", "log_3", "log_1"]),
        // The time range is inclusive at both ends, to the millisecond.
        (ExecutionLogQuery(from: start.addingTimeInterval(2), to: start.addingTimeInterval(4.000_4), limit: 10), ["log_4", "log_3", "log_2"]),
        // After a cursor: older records, and at the same millisecond the smaller ids.
        (ExecutionLogQuery(after: .init(after: records[5]), limit: 10), ["log_5", "log_4", "log_3", "log_2", "log_1"]),
        (ExecutionLogQuery(after: .init(after: records[4]), limit: 2), ["log_4", "log_3"]),
    ]

    @Test func everyEngineAnswersEachQueryAsItsMeaningSays() async throws {
        for (query, expected) in Self.cases {
            #expect(Self.records.filter(query.matches).sorted(by: ExecutionLogQuery.precedes).prefix(query.limit).map(\.id) == expected)
        }
        try await StorageTestSupport.forEachStorage { database in
            try await database.executionLogs.insert(contentsOf: Self.records.shuffled())
            for (query, expected) in Self.cases {
                let found = try await database.executionLogs.search(query)
                #expect(found.map(\.id) == expected, "\(query)")
            }
        }
    }

    @Test func queuedAndStoredRecordsAreSearchedTogether() async throws {
        try await StorageTestSupport.forEachStorage { database in
            let buffered = BufferedExecutionLogStore(base: database.executionLogs)
            for record in Self.records.prefix(3) { try await buffered.insert(record) }
            try await buffered.flush()
            for record in Self.records.dropFirst(3) { try await buffered.insert(record) }
            #expect(try await buffered.search(ExecutionLogQuery(limit: 4)).map(\.id) == ["log_6", "log_5", "log_4", "log_3"])
            #expect(try await buffered.search(ExecutionLogQuery(conditions: [.successful(false)], limit: 10)).map(\.id) == ["log_5", "log_2"])
        }
    }

    @Test func extremeDatesNeitherTrapNorOverflow() {
        let query = ExecutionLogQuery(from: Date(timeIntervalSince1970: -1e300), to: Date(timeIntervalSince1970: 1e300), limit: 1)
        #expect(query.matches(Self.records[0]))
        #expect(ExecutionLogQuery.milliseconds(Date(timeIntervalSince1970: .infinity)) == 4_000_000_000_000_000_000)
    }

    @Test(arguments: [
        ("1800000005000.log_6", ExecutionLogQuery.Cursor(createdMilliseconds: 1_800_000_005_000, id: "log_6")),
        ("-1.x", ExecutionLogQuery.Cursor(createdMilliseconds: -1, id: "x")),
        ("12.log.with.dots", ExecutionLogQuery.Cursor(createdMilliseconds: 12, id: "log.with.dots")),
        ("", nil), ("12", nil), ("12.", nil), ("abc.log_1", nil), (".log_1", nil),
    ])
    func cursorsReadWhatTheyWrite(text: String, cursor: ExecutionLogQuery.Cursor?) {
        #expect(ExecutionLogQuery.Cursor(text) == cursor)
        if let cursor { #expect(cursor.description == text) }
    }
}
