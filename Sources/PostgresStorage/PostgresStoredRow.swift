import Foundation
import PostgresNIO
import Storage

/// A stored row as PostgreSQL reads and writes it. Its statements are built from ``StoredRow/columns``;
/// only the values are listed here, in the same order, because postgres-nio binds and decodes by
/// position.
protocol PostgresStoredRow: StoredRow {
    /// The row in `row`, a result whose columns are `columns`, in order.
    init(_ row: PostgresRow) throws
    /// Appends the row's values to `bindings`, in the order of `columns`; dates at the precision both
    /// engines keep.
    func bind(into bindings: inout PostgresBindings)
}

extension PostgresStoredRow {
    /// The columns, for SELECT and RETURNING lists.
    static var columnList: String { columns.joined(separator: ", ") }

    /// `SELECT` of every column, to which a query adds its conditions.
    static var selectAll: String { "SELECT \(columnList) FROM \(table)" }

    /// `($first, $first+1, …)`: placeholders for one row's values.
    static func placeholders(from first: Int) -> String {
        "(" + (first..<first + columns.count).map { "$\($0)" }.joined(separator: ", ") + ")"
    }

    /// The row's values, in the order of `columns`.
    var bindings: PostgresBindings {
        var bindings = PostgresBindings(capacity: Self.columns.count)
        bind(into: &bindings)
        return bindings
    }

    /// The INSERT of the row.
    var insertQuery: PostgresQuery {
        PostgresQuery(unsafeSQL: "INSERT INTO \(Self.table) (\(Self.columnList)) VALUES \(Self.placeholders(from: 1))", binds: bindings)
    }

    /// The UPDATE that writes every column of the row over the stored row with the same key (the first
    /// column).
    var updateQuery: PostgresQuery {
        let assignments = Self.columns.enumerated().dropFirst().map { "\($0.element) = $\($0.offset + 1)" }
        return PostgresQuery(
            unsafeSQL: "UPDATE \(Self.table) SET \(assignments.joined(separator: ", ")) WHERE \(Self.columns[0]) = $1", binds: bindings
        )
    }
}
