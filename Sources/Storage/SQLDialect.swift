/// How one engine spells what ``SchemaChange`` describes: the rendering (constraint order, indexes) is
/// shared, the spelling is the engine's.
package struct SQLDialect: Sendable {
    /// An identifier as written in a statement (quoted or not).
    package var identifier: @Sendable (String) -> String
    /// The SQL type of a column kind.
    package var typeName: @Sendable (ColumnDefinition.ValueType) -> String
    /// A boolean constant, for defaults.
    package var booleanLiteral: @Sendable (Bool) -> String
    /// What stands between a table name and its parenthesised column list (`""` or `" "`).
    package var beforeColumnList: String
    /// Whether `ALTER TABLE` adds one column per statement (SQLite) rather than all in one.
    package var addsOneColumnPerStatement: Bool

    package init(
        identifier: @escaping @Sendable (String) -> String, typeName: @escaping @Sendable (ColumnDefinition.ValueType) -> String,
        booleanLiteral: @escaping @Sendable (Bool) -> String, beforeColumnList: String, addsOneColumnPerStatement: Bool
    ) {
        self.identifier = identifier
        self.typeName = typeName
        self.booleanLiteral = booleanLiteral
        self.beforeColumnList = beforeColumnList
        self.addsOneColumnPerStatement = addsOneColumnPerStatement
    }
}

extension SchemaChange {
    /// The change as `dialect`'s statements: the table (or its new columns), then an index on each indexed column.
    package func statements(in dialect: SQLDialect) -> [String] {
        let name = dialect.identifier(table)
        var statements: [String]
        switch self {
        case .createTable(_, let columns):
            statements = ["CREATE TABLE \(name) (\(columns.map { $0.definition(in: dialect) }.joined(separator: ", ")))"]
        case .addColumns(_, let columns):
            let additions = columns.map { "ADD COLUMN \($0.definition(in: dialect))" }
            statements = dialect.addsOneColumnPerStatement
                ? additions.map { "ALTER TABLE \(name) \($0)" } : ["ALTER TABLE \(name) " + additions.joined(separator: ", ")]
        }
        for column in columns where column.isIndexed {
            let index = dialect.identifier(Self.indexName(table: table, column: column.name))
            statements.append("CREATE INDEX \(index) ON \(name)\(dialect.beforeColumnList)(\(dialect.identifier(column.name)))")
        }
        return statements
    }
}

extension ColumnDefinition {
    /// `name type` and the constraints, in `dialect`'s spelling.
    package func definition(in dialect: SQLDialect) -> String {
        var parts = [dialect.identifier(name), dialect.typeName(type)]
        if isPrimaryKey { parts.append("PRIMARY KEY") }
        if isNotNull { parts.append("NOT NULL") }
        if isUnique { parts.append("UNIQUE") }
        switch defaultValue {
        case nil: break
        case .integer(let value)?: parts.append("DEFAULT \(value)")
        case .boolean(let value)?: parts.append("DEFAULT \(dialect.booleanLiteral(value))")
        }
        if let reference {
            parts.append("REFERENCES \(dialect.identifier(reference.table))\(dialect.beforeColumnList)(\(dialect.identifier(reference.column)))")
            switch reference.onDelete {
            case .cascade: parts.append("ON DELETE CASCADE")
            }
        }
        return parts.joined(separator: " ")
    }
}
