import Foundation
import GRDB

/// A row that can be used once before it expires (OAuth states, connect links): `used_at`, `expires_at`.
protocol SingleUseRow: SQLiteRow {}

extension SingleUseRow {
    /// Marks the row `key` used and returns it, only if it existed, was unused and had not expired;
    /// one conditional UPDATE, so concurrent callers cannot both claim it.
    static func claim(key: String, now: Date, in db: Database) throws -> Self? {
        let claimed = try filter(key: key)
            .filter(Column("used_at") == nil && Column("expires_at") > now)
            .updateAll(db, Column("used_at").set(to: now))
        return claimed == 1 ? try fetchOne(db, key: key) : nil
    }
}
