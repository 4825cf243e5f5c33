package import Storage

extension SQLDialect {
    /// SQLite's spelling as GRDB's table definitions wrote it in earlier versions, so that a new database's
    /// schema (`sqlite_master`) is the one older databases have: quoted names, GRDB's type names, and
    /// booleans as 0 and 1 (SQLite has no boolean values).
    package static let sqlite = SQLDialect(
        identifier: { "\"" + $0.replacing("\"", with: "\"\"") + "\"" },
        typeName: { type in
            switch type {
            case .text: "TEXT"
            case .integer: "INTEGER"
            case .boolean: "BOOLEAN"
            case .datetime: "DATETIME"
            case .blob: "BLOB"
            }
        },
        booleanLiteral: { $0 ? "1" : "0" },
        beforeColumnList: "",
        addsOneColumnPerStatement: true
    )
}

extension SchemaChange {
    /// The change in SQLite's SQL.
    package var sqliteStatements: [String] { statements(in: .sqlite) }
}
