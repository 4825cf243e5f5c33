import GRDB
import Storage

/// A stored row that GRDB reads and writes through its `Codable` columns, in its table.
protocol SQLiteRow: StoredRow, FetchableRecord, PersistableRecord {}

extension SQLiteRow {
    static var databaseTableName: String { table }

    /// Writes `change(stored)` over the stored row `key`, in the caller's transaction; false when there
    /// is no such row.
    static func replace(key: String, in db: Database, _ change: (Self) throws -> Self) throws -> Bool {
        guard let stored = try fetchOne(db, key: key) else { return false }
        try change(stored).update(db)
        return true
    }
}

extension APIKeyRow: SQLiteRow {}
extension ExecutionLogRow: SQLiteRow {
    /// One row per tool call: written through one cached statement with the values in column order,
    /// rather than through `Codable` and GRDB's record persistence, which were a measurable part of each
    /// call's CPU (docs/performance.md).
    static let insertSQL =
        "INSERT INTO \(table) (\(CodingKeys.allCases.map(\.rawValue).joined(separator: ", "))) "
        + "VALUES (\(CodingKeys.allCases.map { _ in "?" }.joined(separator: ", ")))"

    /// The row's values in `CodingKeys` order.
    var databaseValues: [(any DatabaseValueConvertible)?] {
        CodingKeys.allCases.map { column in
            switch column {
            case .id: id
            case .toolSlug: toolSlug
            case .connectedAccountID: connectedAccountID
            case .userID: userID
            case .method: method
            case .url: url
            case .statusCode: statusCode
            case .successful: successful
            case .durationMilliseconds: durationMilliseconds
            case .attempts: attempts
            case .error: error
            case .createdAt: createdAt
            case .dryRun: dryRun
            case .requestID: requestID
            }
        }
    }

    /// Inserts the row with the cached statement.
    func insertFast(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: StatementArguments(databaseValues))
    }
}

extension AuthConfigRow: SQLiteRow {}
extension ConnectedAccountRow: SQLiteRow {}
extension MCPServerRow: SQLiteRow {}
extension OAuthStateRow: SingleUseRow {}
extension ConnectLinkRow: SingleUseRow {}
extension SessionRow: SQLiteRow {}
extension SessionConfigRow: SQLiteRow {}
