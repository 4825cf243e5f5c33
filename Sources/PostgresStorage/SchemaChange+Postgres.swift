package import Storage

extension SQLDialect {
    /// PostgreSQL's spelling: bare names, `text`, `bigint`, `boolean`, `timestamptz` (dates) and `bytea`
    /// (sealed values), with the same constraints and index names as SQLite's.
    package static let postgres = SQLDialect(
        identifier: { $0 },
        typeName: { type in
            switch type {
            case .text: "text"
            case .integer: "bigint"
            case .boolean: "boolean"
            case .datetime: "timestamptz"
            case .blob: "bytea"
            }
        },
        booleanLiteral: { "\($0)" },
        beforeColumnList: " ",
        addsOneColumnPerStatement: false
    )
}

extension SchemaChange {
    /// The change in PostgreSQL's SQL.
    package var postgresStatements: [String] { statements(in: .postgres) }
}
