/// One step of a ``SchemaMigration``, described once for every engine; each engine renders it in its
/// own SQL (SQLite's `TEXT`/`DATETIME`/`BLOB`, PostgreSQL's `text`/`timestamptz`/`bytea`).
package enum SchemaChange: Sendable, Equatable {
    /// `CREATE TABLE`, then an index on each indexed column.
    case createTable(String, columns: [ColumnDefinition])
    /// `ALTER TABLE … ADD COLUMN` for each column, then an index on each indexed one.
    case addColumns(String, columns: [ColumnDefinition])

    /// The table the change applies to.
    package var table: String {
        switch self {
        case .createTable(let table, _), .addColumns(let table, _): table
        }
    }

    /// The columns the change creates.
    package var columns: [ColumnDefinition] {
        switch self {
        case .createTable(_, let columns), .addColumns(_, let columns): columns
        }
    }

    /// The name of the index on `column` of `table`: `<table>_on_<column>`.
    package static func indexName(table: String, column: String) -> String {
        "\(table)_on_\(column)"
    }
}

/// A column as a migration creates it, built like GRDB's table definitions:
/// `.text("auth_config_id").notNull().indexed().references("auth_configs", column: "id", onDelete: .cascade)`.
package struct ColumnDefinition: Sendable, Equatable {
    /// What a column holds; each engine picks the SQL type.
    package enum ValueType: Sendable, Equatable {
        case text, integer, boolean, datetime, blob
    }

    /// A constant default for rows that exist when the column is added.
    package enum DefaultValue: Sendable, Equatable {
        case integer(Int)
        case boolean(Bool)
    }

    /// What deleting the referenced row does to this one.
    package enum DeleteAction: Sendable, Equatable {
        case cascade
    }

    /// A foreign key: `table(column)`, with what a delete there does here.
    package struct Reference: Sendable, Equatable {
        package var table: String
        package var column: String
        package var onDelete: DeleteAction
    }

    package let name: String
    package let type: ValueType
    package private(set) var isPrimaryKey = false
    package private(set) var isNotNull = false
    package private(set) var isUnique = false
    package private(set) var isIndexed = false
    package private(set) var defaultValue: DefaultValue?
    package private(set) var reference: Reference?

    package static func text(_ name: String) -> ColumnDefinition { ColumnDefinition(name: name, type: .text) }
    package static func integer(_ name: String) -> ColumnDefinition { ColumnDefinition(name: name, type: .integer) }
    package static func boolean(_ name: String) -> ColumnDefinition { ColumnDefinition(name: name, type: .boolean) }
    package static func datetime(_ name: String) -> ColumnDefinition { ColumnDefinition(name: name, type: .datetime) }
    package static func blob(_ name: String) -> ColumnDefinition { ColumnDefinition(name: name, type: .blob) }

    /// The table's primary key.
    package func primaryKey() -> ColumnDefinition { with { $0.isPrimaryKey = true } }
    package func notNull() -> ColumnDefinition { with { $0.isNotNull = true } }
    package func unique() -> ColumnDefinition { with { $0.isUnique = true } }
    /// With an index of its own, named by ``SchemaChange/indexName(table:column:)``.
    package func indexed() -> ColumnDefinition { with { $0.isIndexed = true } }
    package func defaults(to value: Int) -> ColumnDefinition { with { $0.defaultValue = .integer(value) } }
    package func defaults(to value: Bool) -> ColumnDefinition { with { $0.defaultValue = .boolean(value) } }
    package func references(_ table: String, column: String, onDelete: DeleteAction) -> ColumnDefinition {
        with { $0.reference = Reference(table: table, column: column, onDelete: onDelete) }
    }

    private func with(_ change: (inout ColumnDefinition) -> Void) -> ColumnDefinition {
        var copy = self
        change(&copy)
        return copy
    }
}
