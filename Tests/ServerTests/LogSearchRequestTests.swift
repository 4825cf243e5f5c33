import Foundation
@testable import Server
import Storage
import Testing
import ToolportJSON

/// `logs.search` bodies read into execution log queries.
struct LogSearchRequestTests {
    static let accounts = [(id: "ca_1", authConfigID: "ac_one"), (id: "ca_2", authConfigID: "ac_two"), (id: "ca_3", authConfigID: "ac_one")]

    static func filter(_ field: String, _ op: String, _ value: String) -> JSONValue {
        ["field": .string(field), "operator": .string(op), "value": .string(value)]
    }

    /// (one filter, the condition it sets; nil: none, every log passes).
    @Test(arguments: [
        (filter("tool_slug", "==", "pipedrive_get_deal"), ExecutionLogQuery.Condition.oneOf(.toolSlug, ["PIPEDRIVE_GET_DEAL"])),
        (filter("tool_slug", "not_contains", "deal"), .notContains(.toolSlug, "DEAL")),
        (filter("log_id", "==", "log_1"), .oneOf(.id, ["log_1"])),
        (filter("user_id", "!=", "alice"), .noneOf(.userID, ["alice"])),
        (filter("connected_account_id", "contains", "ca_"), .contains(.connectedAccountID, "ca_")),
        (filter("status", "==", "success"), .successful(true)),
        (filter("status", "!=", "success"), .successful(false)),
        (filter("status", "==", "FAILED"), .successful(false)),
        (filter("status", "contains", "e"), nil),
        (filter("status", "contains", "s"), .successful(true)),
        (filter("status", "==", "pending"), .oneOf(.id, [])),
        (filter("toolkit_slug", "==", "PIPEDRIVE"), nil),
        (filter("toolkit_slug", "==", "gmail"), .oneOf(.id, [])),
        (filter("toolkit_slug", "not_contains", "drive"), .oneOf(.id, [])),
        (filter("auth_config_id", "==", "ac_one"), .oneOf(.connectedAccountID, ["ca_1", "ca_3"])),
        (filter("auth_config_id", "contains", "two"), .oneOf(.connectedAccountID, ["ca_2"])),
        (filter("auth_config_id", "!=", "ac_one"), .noneOf(.connectedAccountID, ["ca_1", "ca_3"])),
        (filter("auth_config_id", "==", "ac_gone"), .oneOf(.connectedAccountID, [])),
        (filter("session_id", "==", "trs_1"), .oneOf(.id, [])),
        (filter("request_id", "!=", "r1"), .noneOf(.requestID, ["r1"])),
        (filter("request_id", "==", "req_1"), .oneOf(.requestID, ["req_1"])),
        (filter("sandbox_id", "not_contains", "x"), nil),
    ] as [(JSONValue, ExecutionLogQuery.Condition?)])
    func filtersBecomeConditions(filter: JSONValue, condition: ExecutionLogQuery.Condition?) throws {
        let request = try LogSearchRequest(body: ["filters": [filter]])
        #expect(request.query(accounts: Self.accounts, users: nil).conditions == (condition.map { [$0] } ?? []))
    }

    @Test func pagingTimeRangeAndAScopedKeysUsers() throws {
        let request = try LogSearchRequest(body: [
            "limit": 5, "cursor": "1800000000123.log_9", "time_range": ["from": 1_800_000_000_000, "to": 1_800_000_100_000],
        ])
        let query = request.query(accounts: [], users: ["alice"])
        #expect(query.limit == 6, "one more than the page, to learn whether another follows")
        #expect(query.after == ExecutionLogQuery.Cursor(createdMilliseconds: 1_800_000_000_123, id: "log_9"))
        #expect(query.from == Date(timeIntervalSince1970: 1_800_000_000) && query.to == Date(timeIntervalSince1970: 1_800_000_100))
        #expect(query.conditions == [.oneOf(.userID, ["alice"])])
        #expect(try LogSearchRequest(body: [:]).limit == 20)
        #expect(try LogSearchRequest(body: ["filters": [Self.filter("auth_config_id", "==", "x")]]).filtersByAuthConfig)
    }

    @Test(arguments: [
        ["limit": 0], ["limit": 101], ["limit": 2.5], ["limit": "ten"], ["cursor": "nope"], ["cursor": 3],
        ["time_range": ["from": 2, "to": 1]], ["time_range": ["from": 1]], ["time_range": ["from": -1, "to": 1]],
        ["time_range": ["from": 0, "to": 1e300]], ["time_range": ["from": -1.7976931348623155e308, "to": 1]], ["filters": "tool_slug"],
        ["filters": [filter("tool", "==", "x")]], ["filters": [filter("tool_slug", "=", "x")]],
        ["filters": [["field": "tool_slug", "operator": "==", "value": 3]]],
    ] as [[String: JSONValue]])
    func malformedBodiesAreRefused(body: [String: JSONValue]) {
        #expect(throws: APIError.self) { try LogSearchRequest(body: body) }
    }
}
