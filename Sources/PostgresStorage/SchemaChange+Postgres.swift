import Storage

extension SchemaChange {
    /// The change in PostgreSQL's SQL: `text`, `bigint`, `boolean`, `timestamptz` (dates) and `bytea`
    /// (sealed values), with the same constraints and index names as SQLite's.
    package var postgresStatements: [String] {
        var statements: [String]
        switch self {
        case .createTable(let table, let columns):
            statements = ["CREATE TABLE \(table) (\(columns.map(\.postgresDefinition).joined(separator: ", ")))"]
        case .addColumns(let table, let columns):
            statements = ["ALTER TABLE \(table) " + columns.map { "ADD COLUMN \($0.postgresDefinition)" }.joined(separator: ", ")]
        }
        for column in columns where column.isIndexed {
            statements.append("CREATE INDEX \(Self.indexName(table: table, column: column.name)) ON \(table) (\(column.name))")
        }
        return statements
    }
}

extension ColumnDefinition {
    /// `name type` and the constraints.
    var postgresDefinition: String {
        var parts = [name, postgresType]
        if isPrimaryKey { parts.append("PRIMARY KEY") }
        if isNotNull { parts.append("NOT NULL") }
        if isUnique { parts.append("UNIQUE") }
        switch defaultValue {
        case nil: break
        case .integer(let value)?: parts.append("DEFAULT \(value)")
        case .boolean(let value)?: parts.append("DEFAULT \(value)")
        }
        if let reference {
            parts.append("REFERENCES \(reference.table) (\(reference.column))")
            switch reference.onDelete {
            case .cascade: parts.append("ON DELETE CASCADE")
            }
        }
        return parts.joined(separator: " ")
    }

    private var postgresType: String {
        switch type {
        case .text: "text"
        case .integer: "bigint"
        case .boolean: "boolean"
        case .datetime: "timestamptz"
        case .blob: "bytea"
        }
    }
}
