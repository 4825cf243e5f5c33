import Foundation
import ToolportJSON

/// The stored records of one kind, in the order they were added.
///
/// Deals, persons, organizations, activities, products and files are deleted softly, as Pipedrive does: a
/// deleted record gets its kind's ``EntityKind/deletionMarks``, leaves ``records`` (so reads, updates, searches
/// and relations no longer see it), stays in ``allRecords`` (deals listed with `status=deleted`) for
/// ``retention``, and is then gone for good.
struct EntityCollection: Sendable {
    typealias Record = [String: JSONValue]

    /// How long Pipedrive keeps a deleted record.
    static let retention: TimeInterval = 30 * 86_400

    let kind: EntityKind
    /// Every record, the deleted ones kept within their retention included.
    private(set) var allRecords: [Record] = []
    /// When each softly deleted record was deleted, by id.
    private var deletionTimes: [String: Date] = [:]
    private var nextID = 1

    /// The records that are not deleted.
    var records: [Record] { allRecords.filter { !kind.isDeleted($0) } }

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
        if kind == .deals { record["value"] = record["value"].map(Self.amount) }
        let time = timestamp(now)
        record["add_time"] = time
        record["update_time"] = time
        allRecords.append(record)
        return record
    }

    /// The record whose id reads `id`.
    func record(id: String) -> Record? {
        records.first { $0["id"]?.queryText == id }
    }

    /// Merges `fields` into a record (its id stays) and stamps `update_time`; `nil` when there is none.
    mutating func update(id: String, with fields: Record, now: Date) -> Record? {
        guard let index = index(of: id) else { return nil }
        var record = allRecords[index].merging(fields) { _, new in new }
        record["id"] = allRecords[index]["id"]
        if kind == .persons {
            for key in ["email", "phone"] where fields[key] != nil { record[key] = record[key].map(Self.contactList) }
        }
        if kind == .deals, fields["value"] != nil { record["value"] = record["value"].map(Self.amount) }
        record["update_time"] = timestamp(now)
        allRecords[index] = record
        return record
    }

    /// Deletes a record (softly for most kinds, see above) and answers its id; `nil` when there is none.
    mutating func remove(id: String, now: Date) -> JSONValue? {
        guard let index = index(of: id) else { return nil }
        guard kind.deletesSoftly else { return allRecords.remove(at: index)["id"] }
        allRecords[index].merge(kind.deletionMarks.merging(["update_time": timestamp(now)]) { _, time in time }) { _, new in new }
        deletionTimes[id] = now
        return allRecords[index]["id"]
    }

    /// Forgets the records deleted longer than ``retention`` before `now`.
    mutating func purgeDeleted(now: Date) {
        let expired = Set(deletionTimes.filter { now.timeIntervalSince($0.value) >= Self.retention }.keys)
        guard !expired.isEmpty else { return }
        allRecords.removeAll { $0["id"]?.queryText.map(expired.contains) ?? false }
        for id in expired { deletionTimes[id] = nil }
    }

    /// The index of the record (not deleted) whose id reads `id`.
    private func index(of id: String) -> Int? {
        allRecords.firstIndex { $0["id"]?.queryText == id && !kind.isDeleted($0) }
    }

    /// Records whose list-filter fields equal the query's values (`status=all_not_deleted` filters nothing);
    /// `status=deleted` lists the deleted ones.
    func list(matching query: [String: String]) -> [JSONValue] {
        let filters = kind.listFilters.compactMap { key -> (String, String)? in
            guard let value = query[key], !value.isEmpty, value != "all_not_deleted" else { return nil }
            return (key, value == "true" ? "1" : value == "false" ? "0" : value)
        }
        let candidates = query["status"] == "deleted" ? allRecords.filter(kind.isDeleted) : records
        return candidates.filter { record in filters.allSatisfy { key, value in record[key]?.queryText == value } }.map(JSONValue.object)
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

    /// A deal's `value` as the number Pipedrive answers, also when v1 sent it as text (`"1250.5"`).
    private static func amount(_ value: JSONValue) -> JSONValue {
        guard case .string(let text) = value, let number = Double(text.trimmingCharacters(in: .whitespaces)) else { return value }
        return number.rounded() == number && abs(number) < 1e15 ? .integer(Int(number)) : .number(number)
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
