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
extension ExecutionLogRow: SQLiteRow {}
extension AuthConfigRow: SQLiteRow {}
extension ConnectedAccountRow: SQLiteRow {}
extension OAuthStateRow: SingleUseRow {}
extension ConnectLinkRow: SingleUseRow {}
