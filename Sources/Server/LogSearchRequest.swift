import Foundation
import Storage
import ToolportJSON

/// A `logs.search` body (`POST /logs/tool_execution`: `{limit?, cursor?, filters?, time_range?}`) read and
/// turned into an `ExecutionLogQuery`.
///
/// Filters compare as Composio's do (`==`, `!=`, `contains`, `not_contains`), mapped onto what the log keeps:
///
/// | field | how |
/// |---|---|
/// | `tool_slug` | the log's tool slug, compared upper-cased (proxy calls are `PIPEDRIVE_PROXY`) |
/// | `log_id`, `user_id`, `connected_account_id`, `request_id` | the log's own value (`request_id`: the call's `x-request-id`) |
/// | `status` | `success` or `failed` |
/// | `toolkit_slug` | every log is `pipedrive`'s |
/// | `auth_config_id` | the logs of the accounts whose auth config matches (accounts deleted since are unknown) |
/// | `session_id`, `sandbox_id` | not recorded: `==` and `contains` match nothing, `!=` and `not_contains` everything |
struct LogSearchRequest: Sendable, Equatable {
    enum Operator: String, Sendable, CaseIterable {
        case equals = "=="
        case notEquals = "!="
        case contains
        case notContains = "not_contains"

        /// Whether the operator holds between a log's `value` and the filter's `operand`.
        func holds(_ value: String, _ operand: String) -> Bool {
            switch self {
            case .equals: value == operand
            case .notEquals: value != operand
            case .contains: value.contains(operand)
            case .notContains: !value.contains(operand)
            }
        }

        /// The operator that holds where this one does not.
        var positive: Operator {
            switch self {
            case .equals, .notEquals: .equals
            case .contains, .notContains: .contains
            }
        }

        var isNegative: Bool { self == .notEquals || self == .notContains }
    }

    struct Filter: Sendable, Equatable {
        var field: String
        var op: Operator
        var value: String
    }

    /// The fields Composio's SDK filters by.
    static let fields = [
        "tool_slug", "toolkit_slug", "connected_account_id", "auth_config_id", "status", "user_id", "session_id", "sandbox_id", "request_id",
        "log_id",
    ]
    static let defaultLimit = 20
    static let maximumLimit = 100
    /// The times a `time_range` may name, in milliseconds: 1970 to the end of 9999.
    static let timeRange: ClosedRange<Double> = 0...253_402_300_799_999

    var filters: [Filter]
    var limit: Int
    var cursor: ExecutionLogQuery.Cursor?
    var from: Date?
    var to: Date?

    /// - Throws: `APIError` 400 naming the first malformed part of `body`.
    init(body: [String: JSONValue]) throws(APIError) {
        switch body["limit"] {
        case nil, .null: limit = Self.defaultLimit
        case let value?:
            guard let number = value.doubleValue, number.rounded() == number, (1...Double(Self.maximumLimit)).contains(number) else {
                throw APIError(.badRequest, "limit must be a whole number from 1 to \(Self.maximumLimit), got \(value.briefDescription)", errors: ["limit"])
            }
            limit = Int(number)
        }
        switch body["cursor"] {
        case nil, .null: cursor = nil
        case .string(let text)? where text.isEmpty: cursor = nil
        case .string(let text)?:
            guard let parsed = ExecutionLogQuery.Cursor(text) else {
                throw APIError(.badRequest, "cursor \"\(text.prefix(80))\" is not one this server issued", suggestedFix: "Pass next_cursor from the previous page unchanged.")
            }
            cursor = parsed
        case let other?: throw APIError(.badRequest, "cursor must be a string, got \(other.briefDescription)", errors: ["cursor"])
        }
        switch body["time_range"] {
        case nil, .null: break
        case let range?:
            guard let from = range["from"]?.doubleValue, let to = range["to"]?.doubleValue,
                Self.timeRange.contains(from), Self.timeRange.contains(to)
            else {
                throw APIError(.badRequest, "time_range needs from and to, in milliseconds since 1970 (up to the year 9999)", errors: ["time_range"])
            }
            guard from <= to else { throw APIError(.badRequest, "time_range.from is after time_range.to", errors: ["time_range"]) }
            self.from = Date(timeIntervalSince1970: from / 1000)
            self.to = Date(timeIntervalSince1970: to / 1000)
        }
        var filters: [Filter] = []
        switch body["filters"] {
        case nil, .null: break
        case .array(let items)?:
            for (index, item) in items.enumerated() {
                guard let field = item["field"]?.stringValue, Self.fields.contains(field) else {
                    throw APIError(.badRequest, "filters[\(index)].field must be one of \(Self.fields.joined(separator: ", "))", errors: ["filters[\(index)].field"])
                }
                guard let name = item["operator"]?.stringValue, let op = Operator(rawValue: name) else {
                    throw APIError(
                        .badRequest, "filters[\(index)].operator must be one of \(Operator.allCases.map(\.rawValue).joined(separator: ", "))",
                        errors: ["filters[\(index)].operator"]
                    )
                }
                guard let value = item["value"]?.stringValue else {
                    throw APIError(.badRequest, "filters[\(index)].value must be a string", errors: ["filters[\(index)].value"])
                }
                filters.append(Filter(field: field, op: op, value: value))
            }
        case let other?: throw APIError(.badRequest, "filters must be a list, got \(other.briefDescription)", errors: ["filters"])
        }
        self.filters = filters
    }

    /// Whether a filter names auth configs, whose accounts `query(accounts:users:)` then needs.
    var filtersByAuthConfig: Bool { filters.contains { $0.field == "auth_config_id" } }

    /// The query, fetching one record more than the page to learn whether another page follows.
    /// - Parameters:
    ///   - accounts: every connected account's id and auth config, when `filtersByAuthConfig`.
    ///   - users: the users a scoped key acts for (nil: any).
    func query(accounts: [(id: String, authConfigID: String)], users: [String]?) -> ExecutionLogQuery {
        var conditions = filters.compactMap { condition(for: $0, accounts: accounts) }
        if let users { conditions.append(.oneOf(.userID, users)) }
        return ExecutionLogQuery(conditions: conditions, from: from, to: to, after: cursor, limit: limit + 1)
    }

    /// The condition `filter` sets; nil when every log passes it.
    private func condition(for filter: Filter, accounts: [(id: String, authConfigID: String)]) -> ExecutionLogQuery.Condition? {
        let nothing = ExecutionLogQuery.Condition.oneOf(.id, [])
        /// A filter whose answer is the same for every log.
        func constant(_ holds: Bool) -> ExecutionLogQuery.Condition? { holds ? nil : nothing }
        switch filter.field {
        case "tool_slug": return Self.text(.toolSlug, filter.op, filter.value.uppercased())
        case "log_id": return Self.text(.id, filter.op, filter.value)
        case "user_id": return Self.text(.userID, filter.op, filter.value)
        case "connected_account_id": return Self.text(.connectedAccountID, filter.op, filter.value)
        case "request_id": return Self.text(.requestID, filter.op, filter.value)
        case "toolkit_slug": return constant(filter.op.holds("pipedrive", filter.value.lowercased()))
        case "status":
            let passing = [true, false].filter { filter.op.holds($0 ? "success" : "failed", filter.value.lowercased()) }
            return passing.count == 2 ? nil : passing.first.map(ExecutionLogQuery.Condition.successful) ?? nothing
        case "auth_config_id":
            let matching = accounts.filter { filter.op.positive.holds($0.authConfigID, filter.value) }.map(\.id)
            return filter.op.isNegative ? .noneOf(.connectedAccountID, matching) : .oneOf(.connectedAccountID, matching)
        default:
            // Recorded nowhere: a missing value equals and contains nothing.
            return constant(filter.op.isNegative)
        }
    }

    private static func text(_ field: ExecutionLogQuery.Field, _ op: Operator, _ value: String) -> ExecutionLogQuery.Condition {
        switch op {
        case .equals: .oneOf(field, [value])
        case .notEquals: .noneOf(field, [value])
        case .contains: .contains(field, value)
        case .notContains: .notContains(field, value)
        }
    }
}
