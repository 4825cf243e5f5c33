import ToolportJSON

/// Pipedrive's v1 answers name the owner, person and organization of a deal, person, organization or product
/// by a small object (`"user_id": {"id": 1, "name": "…", "value": 1, …}`); the store keeps the ids, and v2
/// answers show them as ids.
enum V1Expansion {
    /// The fields a v1 answer of `kind` expands, with the kind each one points at.
    static func references(of kind: EntityKind) -> [(field: String, target: EntityKind)] {
        switch kind {
        case .deals: [("user_id", .users), ("creator_user_id", .users), ("person_id", .persons), ("org_id", .organizations)]
        case .persons: [("owner_id", .users), ("org_id", .organizations)]
        case .organizations, .products: [("owner_id", .users)]
        default: []
        }
    }

    /// `record` as a v1 answer shows it: each reference field holding an id replaced by its object.
    static func expanded(_ record: [String: JSONValue], kind: EntityKind, store: CRMStore) -> [String: JSONValue] {
        var record = record
        for (field, target) in references(of: kind) {
            guard let id = record[field], id != .null, id.objectValue == nil else { continue }
            record[field] = reference(to: id, in: target, store: store, from: kind)
        }
        return record
    }

    /// Each record of `records` expanded.
    static func expanded(_ records: [JSONValue], kind: EntityKind, store: CRMStore) -> [JSONValue] {
        records.map { $0.objectValue.map { .object(expanded($0, kind: kind, store: store)) } ?? $0 }
    }

    /// The object Pipedrive puts in place of an id of `kind` in a record of `holder`: the record's summary
    /// fields (null when the record is unknown) and `value`, the id itself. A user's `has_pic` is a boolean
    /// in deals and 0 or 1 elsewhere, as the specs have it.
    static func reference(to id: JSONValue, in kind: EntityKind, store: CRMStore, from holder: EntityKind? = nil) -> JSONValue {
        let record = id.queryText.flatMap { store[kind].record(id: $0) } ?? [:]
        let names: [String] =
            switch kind {
            case .users: ["name", "email", "active_flag"]
            case .persons: ["name", "email", "phone", "owner_id", "active_flag"]
            default: ["name", "people_count", "owner_id", "address", "cc_email", "active_flag"]
            }
        var object = Dictionary(uniqueKeysWithValues: names.map { ($0, record[$0] ?? .null) })
        if kind == .users {
            object["id"] = id
            object["has_pic"] = holder == .deals ? false : 0
            object["pic_hash"] = .null
        }
        if kind == .organizations { object["people_count"] = .integer(store[.persons].records.filter { $0["org_id"] == id }.count) }
        object["value"] = id
        return .object(object)
    }
}
