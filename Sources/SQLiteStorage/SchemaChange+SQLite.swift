import Foundation
import Storage

extension SchemaChange {
    /// The change in SQLite's SQL, written as GRDB's table definitions wrote it in earlier versions, so
    /// that a new database's schema (`sqlite_master`) is the one older databases have.
    package var sqliteStatements: [String] {
        var statements: [String]
        switch self {
        case .createTable(let table, let columns):
            statements = ["CREATE TABLE \(quoted(table)) (\(columns.map(\.sqliteDefinition).joined(separator: ", ")))"]
        case .addColumns(let table, let columns):
            statements = columns.map { "ALTER TABLE \(quoted(table)) ADD COLUMN \($0.sqliteDefinition)" }
        }
        for column in columns where column.isIndexed {
            let index = Self.indexName(table: table, column: column.name)
            statements.append("CREATE INDEX \(quoted(index)) ON \(quoted(table))(\(quoted(column.name)))")
        }
        return statements
    }
}

extension ColumnDefinition {
    /// `"name" TYPE` and the constraints, in the order GRDB writes them.
    var sqliteDefinition: String {
        var parts = [quoted(name), sqliteType]
        if isPrimaryKey { parts.append("PRIMARY KEY") }
        if isNotNull { parts.append("NOT NULL") }
        if isUnique { parts.append("UNIQUE") }
        switch defaultValue {
        case nil: break
        case .integer(let value)?: parts.append("DEFAULT \(value)")
        // SQLite has no boolean values: GRDB stores them as 0 and 1.
        case .boolean(let value)?: parts.append("DEFAULT \(value ? 1 : 0)")
        }
        if let reference {
            parts.append("REFERENCES \(quoted(reference.table))(\(quoted(reference.column)))")
            switch reference.onDelete {
            case .cascade: parts.append("ON DELETE CASCADE")
            }
        }
        return parts.joined(separator: " ")
    }

    /// The type GRDB's `Database.ColumnType` names.
    private var sqliteType: String {
        switch type {
        case .text: "TEXT"
        case .integer: "INTEGER"
        case .boolean: "BOOLEAN"
        case .datetime: "DATETIME"
        case .blob: "BLOB"
        }
    }
}

/// `identifier` in double quotes, as SQL quotes names.
private func quoted(_ identifier: String) -> String {
    "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
