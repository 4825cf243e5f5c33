public import Foundation

/// Which execution logs a search returns: every condition holds, created within the time range and
/// after the cursor, newest first (ties broken by id, descending), at most `limit`.
///
/// ``matches(_:)`` is the reference meaning; each engine renders the same query as SQL
/// (``whereClause(in:)``), and records still queued in memory are matched with it.
public struct ExecutionLogQuery: Sendable, Equatable {
    /// The text columns a condition may test.
    public enum Field: String, Sendable, CaseIterable {
        case id
        case toolSlug = "tool_slug"
        case connectedAccountID = "connected_account_id"
        case userID = "user_id"
        case requestID = "request_id"
    }

    /// One test of a record. Comparisons are exact (case-sensitive); a missing value (no account, no
    /// user) is in no list and contains nothing.
    public enum Condition: Sendable, Equatable {
        /// The field is one of the values; an empty list matches nothing.
        case oneOf(Field, [String])
        /// The field is none of the values (or missing); an empty list matches everything.
        case noneOf(Field, [String])
        /// The field contains the text.
        case contains(Field, String)
        /// The field does not contain the text (or is missing).
        case notContains(Field, String)
        /// The call succeeded, or failed.
        case successful(Bool)
    }

    /// Where a page ends: the created time (milliseconds since 1970) and id of its last record.
    public struct Cursor: Sendable, Equatable, LosslessStringConvertible {
        public var createdMilliseconds: Int64
        public var id: String

        public init(createdMilliseconds: Int64, id: String) {
            self.createdMilliseconds = createdMilliseconds
            self.id = id
        }

        /// The cursor after `record`.
        public init(after record: ExecutionLogRecord) {
            self.init(createdMilliseconds: ExecutionLogQuery.milliseconds(record.createdAt), id: record.id)
        }

        /// Reads `<milliseconds>.<id>`, as `description` writes it; nil for anything else.
        public init?(_ description: String) {
            guard let dot = description.firstIndex(of: "."), let milliseconds = Int64(description[..<dot]) else { return nil }
            let id = String(description[description.index(after: dot)...])
            guard !id.isEmpty else { return nil }
            self.init(createdMilliseconds: milliseconds, id: id)
        }

        public var description: String { "\(createdMilliseconds).\(id)" }
    }

    public var conditions: [Condition]
    /// The earliest creation time, inclusive.
    public var from: Date?
    /// The latest creation time, inclusive.
    public var to: Date?
    /// Only records after this one in the order (older, or as old with a smaller id).
    public var after: Cursor?
    public var limit: Int

    public init(conditions: [Condition] = [], from: Date? = nil, to: Date? = nil, after: Cursor? = nil, limit: Int) {
        self.conditions = conditions
        self.from = from
        self.to = to
        self.after = after
        self.limit = limit
    }

    /// Whether `record` is one the query asks for (the limit aside). Times compare in whole
    /// milliseconds, the precision both engines store.
    public func matches(_ record: ExecutionLogRecord) -> Bool {
        let created = Self.milliseconds(record.createdAt)
        if let from, created < Self.milliseconds(from) { return false }
        if let to, created > Self.milliseconds(to) { return false }
        if let after, !(created < after.createdMilliseconds || (created == after.createdMilliseconds && record.id < after.id)) {
            return false
        }
        return conditions.allSatisfy { condition in
            switch condition {
            case .oneOf(let field, let values): record[field].map(values.contains) ?? false
            case .noneOf(let field, let values): record[field].map { !values.contains($0) } ?? true
            case .contains(let field, let text): record[field].map { $0.contains(text) } ?? false
            case .notContains(let field, let text): record[field].map { !$0.contains(text) } ?? true
            case .successful(let flag): record.successful == flag
            }
        }
    }

    /// Whether `lhs` comes before `rhs` in the answer: newer first, then the larger id.
    public static func precedes(_ lhs: ExecutionLogRecord, _ rhs: ExecutionLogRecord) -> Bool {
        let (left, right) = (milliseconds(lhs.createdAt), milliseconds(rhs.createdAt))
        return left != right ? left > right : lhs.id > rhs.id
    }

    /// `date` in whole milliseconds since 1970, rounded down, within ±4×10¹⁸ (so that adding one cannot overflow).
    public static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded(.down)
        return value.isNaN ? 0 : Int64(min(max(value, -4e18), 4e18))
    }

    /// The date `milliseconds` after 1970.
    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// A value bound to a placeholder of ``whereClause(in:)``.
    package enum Argument: Sendable, Equatable {
        case text(String)
        case flag(Bool)
        case date(Date)
    }

    /// How an engine spells what a search needs.
    package struct Dialect: Sendable {
        /// The n-th placeholder (from 1): `?` or `$n`.
        package var placeholder: @Sendable (Int) -> String
        /// The function that finds its second argument in its first (`instr`, `strpos`), 0 when absent.
        package var contains: String
        /// What makes a text comparison compare bytes (`""` where it already does, ` COLLATE "C"`).
        package var byteOrder: String

        package init(placeholder: @escaping @Sendable (Int) -> String, contains: String, byteOrder: String) {
            self.placeholder = placeholder
            self.contains = contains
            self.byteOrder = byteOrder
        }
    }

    /// The query's conditions, time range and cursor as a SQL condition over `execution_logs`, with its
    /// arguments in placeholder order.
    package func whereClause(in dialect: Dialect) -> (sql: String, arguments: [Argument]) {
        var arguments: [Argument] = []
        func bind(_ argument: Argument) -> String {
            arguments.append(argument)
            return dialect.placeholder(arguments.count)
        }
        let contains = dialect.contains
        func list(_ values: [String]) -> String { values.map { bind(.text($0)) }.joined(separator: ", ") }
        let created = ExecutionLogRow.CodingKeys.createdAt.rawValue
        var clauses: [String] = []
        for condition in conditions {
            switch condition {
            case .oneOf(_, let values) where values.isEmpty: clauses.append("0 = 1")
            case .oneOf(let field, let values): clauses.append("\(field.rawValue) IN (\(list(values)))")
            case .noneOf(_, let values) where values.isEmpty: break
            case .noneOf(let field, let values): clauses.append("(\(field.rawValue) IS NULL OR \(field.rawValue) NOT IN (\(list(values))))")
            case .contains(let field, let text): clauses.append("\(contains)(\(field.rawValue), \(bind(.text(text)))) > 0")
            case .notContains(let field, let text):
                clauses.append("(\(field.rawValue) IS NULL OR \(contains)(\(field.rawValue), \(bind(.text(text)))) = 0)")
            case .successful(let flag): clauses.append("successful = \(bind(.flag(flag)))")
            }
        }
        if let from { clauses.append("\(created) >= \(bind(.date(Self.date(milliseconds: Self.milliseconds(from)))))") }
        // Stored times keep milliseconds: the whole last millisecond is in the range.
        if let to { clauses.append("\(created) < \(bind(.date(Self.date(milliseconds: Self.milliseconds(to) + 1))))") }
        if let after {
            let date = Self.date(milliseconds: after.createdMilliseconds)
            clauses.append("(\(created) < \(bind(.date(date))) OR (\(created) = \(bind(.date(date))) AND id\(dialect.byteOrder) < \(bind(.text(after.id)))))")
        }
        return (clauses.isEmpty ? "1 = 1" : clauses.joined(separator: " AND "), arguments)
    }

    /// The order of a search's answers, in `dialect`.
    package static func orderBy(in dialect: Dialect) -> String {
        "\(ExecutionLogRow.CodingKeys.createdAt.rawValue) DESC, id\(dialect.byteOrder) DESC"
    }
}

extension ExecutionLogRecord {
    /// The value of a searchable text column.
    subscript(field: ExecutionLogQuery.Field) -> String? {
        switch field {
        case .id: id
        case .toolSlug: toolSlug
        case .connectedAccountID: connectedAccountID
        case .userID: userID
        case .requestID: requestID
        }
    }
}
