/// A table's row as both engines read and write it: `Codable` under the table's column names
/// (its `CodingKeys`, in the table's order), which GRDB reads and writes as they are and PostgreSQL's
/// statements are built from.
package protocol StoredRow: Codable, Sendable {
    associatedtype CodingKeys: CodingKey, CaseIterable

    /// The table the rows live in.
    static var table: String { get }
}

extension StoredRow {
    /// The table's columns, in order.
    package static var columns: [String] { CodingKeys.allCases.map(\.stringValue) }
}
