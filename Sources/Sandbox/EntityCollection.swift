import Foundation
import ToolportJSON

/// The stored records of one kind, in the order they were added.
struct EntityCollection: Sendable {
    typealias Record = [String: JSONValue]

    let kind: EntityKind
    private(set) var records: [Record] = []
    private var nextID = 1

    init(kind: EntityKind) {
        self.kind = kind
    }

    /// Stores a new record: the kind's defaults, then `fields` (unknown keys kept), a new id and both times.
    mutating func insert(_ fields: Record, now: Date) -> Record {
        var record = kind.defaults(userID: CRMStore.sandboxUserID).merging(fields) { _, new in new }
        if kind.usesUUIDs {
            record["id"] = .string(UUID().uuidString.lowercased())
        } else {
            record["id"] = .integer(nextID)
            nextID += 1
        }
        if kind == .persons {
            for key in ["email", "phone"] { record[key] = record[key].map(Self.contactList) }
        }
        let time = timestamp(now)
        record["add_time"] = time
        record["update_time"] = time
        records.append(record)
        return record
    }

    /// The record whose id reads `id`.
    func record(id: String) -> Record? {
        records.first { $0["id"]?.queryText == id }
    }

    /// Merges `fields` into a record (its id stays) and stamps `update_time`; `nil` when there is none.
    mutating func update(id: String, with fields: Record, now: Date) -> Record? {
        guard let index = records.firstIndex(where: { $0["id"]?.queryText == id }) else { return nil }
        var record = records[index].merging(fields) { _, new in new }
        record["id"] = records[index]["id"]
        if kind == .persons {
            for key in ["email", "phone"] where fields[key] != nil { record[key] = record[key].map(Self.contactList) }
        }
        record["update_time"] = timestamp(now)
        records[index] = record
        return record
    }

    /// Removes a record and answers its id; `nil` when there is none.
    mutating func remove(id: String) -> JSONValue? {
        guard let index = records.firstIndex(where: { $0["id"]?.queryText == id }) else { return nil }
        return records.remove(at: index)["id"]
    }

    /// Records whose list-filter fields equal the query's values (`status=all_not_deleted` filters nothing).
    func list(matching query: [String: String]) -> [JSONValue] {
        let filters = kind.listFilters.compactMap { key -> (String, String)? in
            guard let value = query[key], !value.isEmpty, value != "all_not_deleted" else { return nil }
            return (key, value == "true" ? "1" : value == "false" ? "0" : value)
        }
        return records.filter { record in filters.allSatisfy { key, value in record[key]?.queryText == value } }.map(JSONValue.object)
    }

    /// Records with `term` in a search field (case-insensitively; the whole field when `exact`), marked with their `type`.
    func search(_ term: String, exact: Bool) -> [JSONValue] {
        let needle = term.lowercased()
        return records.filter { record in
            kind.searchFields.contains { field in
                (record[field]?.searchableTexts ?? []).contains { text in
                    exact ? text.lowercased() == needle : text.lowercased().contains(needle)
                }
            }
        }.map { record in .object(record.merging(["type": .string(kind.itemType)]) { _, new in new }) }
    }

    private func timestamp(_ date: Date) -> JSONValue {
        .string(kind.usesISOTimestamps ? Timestamp.iso(date) : Timestamp.v1(date))
    }

    /// A person's `email` or `phone` as Pipedrive stores it: `[{"value", "primary", "label"}]`.
    private static func contactList(_ value: JSONValue) -> JSONValue {
        let items: [JSONValue] =
            switch value {
            case .array(let items): items
            case .null: []
            default: [value]
            }
        return .array(
            items.enumerated().map { index, item in
                if case .object = item { return item }
                return ["value": item, "primary": .bool(index == 0), "label": "work"]
            }
        )
    }
}
