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
    /// Written column by column rather than through `Codable`: one row per tool call, and the encoder was a
    /// measurable part of each call's CPU (docs/performance.md).
    func encode(to container: inout PersistenceContainer) {
        for column in CodingKeys.allCases {
            container[column.rawValue] = switch column {
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
            }
        }
    }
}
extension AuthConfigRow: SQLiteRow {}
extension ConnectedAccountRow: SQLiteRow {}
extension OAuthStateRow: SingleUseRow {}
extension ConnectLinkRow: SingleUseRow {}
