import Foundation
import ToolportJSON

/// `GET /api/v2/{deals|persons|organizations|products|leads}/search` and `GET /api/v2/itemSearch`:
/// hits as `data.items[].{result_score, item}` with v2 search items, paged by cursor.
enum V2Search {
    /// The `item_types` of `/itemSearch` the sandbox keeps state for, with their kinds.
    static let itemKinds: [(name: String, kind: EntityKind)] = [
        ("deal", .deals), ("person", .persons), ("organization", .organizations), ("product", .products), ("lead", .leads), ("file", .files),
    ]
    /// Every `item_types` value the v2 spec allows (`mail_attachment` and `project` never match here).
    static let itemTypeNames = ["deal", "person", "organization", "product", "lead", "file", "mail_attachment", "project"]

    /// The per-resource filters of the search endpoints: query name → the stored v1 field.
    static func filters(for kind: EntityKind) -> [(query: String, field: String, type: V2Type)] {
        switch kind {
        case .deals:
            [("person_id", "person_id", .integer), ("organization_id", "org_id", .integer), ("status", "status", .oneOf(["open", "won", "lost"]))]
        case .persons: [("organization_id", "org_id", .integer)]
        case .leads: [("person_id", "person_id", .integer), ("organization_id", "organization_id", .integer)]
        default: []
        }
    }

    /// Searches `kinds` for the query's `term` (at least 2 characters, or 1 with `exact_match=true`).
    /// - Throws: `V2Error` for a missing or short term or a badly typed parameter.
    static func respond(_ kinds: [EntityKind], query: [String: String], store: CRMStore) throws(V2Error) -> JSONValue {
        let exact = try V2Query.flag(query, "exact_match") ?? false
        _ = try V2Query.flag(query, "search_for_related_items")
        let term = query["term"] ?? ""
        guard term.count >= (exact ? 1 : 2) else {
            throw .invalid("Query parameter 'term' must be at least \(exact ? 1 : 2) characters long")
        }
        let page = try V2Page(query: query)
        var hits: [(score: Double, item: JSONValue)] = []
        for kind in kinds {
            var filters: [(field: String, value: String)] = []
            for filter in Self.filters(for: kind) where kinds.count == 1 {
                guard let text = query[filter.query] else { continue }
                let value = try V2Query.value(text, as: filter.type, name: filter.query)
                filters.append((filter.field, value.queryText ?? text))
            }
            for case .object(let record) in store[kind].search(term, exact: exact)
            where filters.allSatisfy({ record[$0.field]?.queryText == $0.value }) {
                hits.append((score(record, kind: kind, term: term), item(record, kind: kind, store: store)))
            }
        }
        let ranked = hits.enumerated().sorted { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }.map(\.element)
        let (items, next) = page.slice(ranked)
        let data = items.map { hit -> JSONValue in ["result_score": .number(hit.score), "item": hit.item] }
        return ["success": true, "data": ["items": .array(data)], "additional_data": ["next_cursor": next.map(JSONValue.string) ?? .null]]
    }

    /// 1 when a search field equals the term, 0.5 when it only contains it.
    static func score(_ record: [String: JSONValue], kind: EntityKind, term: String) -> Double {
        let needle = term.lowercased()
        let exact = kind.searchFields.contains { (record[$0]?.searchableTexts ?? []).contains { $0.lowercased() == needle } }
        return exact ? 1 : 0.5
    }

    /// A search item as v2 shapes it: `id`, `type`, the headline fields, and `owner`, `person`,
    /// `organization` and `stage` as small objects.
    static func item(_ record: [String: JSONValue], kind: EntityKind, store: CRMStore) -> JSONValue {
        var item: [String: JSONValue] = ["id": record["id"] ?? .null, "type": .string(kind.itemType)]
        let owner = (record["owner_id"] ?? record["user_id"]).map { V2Resource.coerce($0, to: .integer) } ?? .null
        if kind != .files { item["owner"] = owner == .null ? .null : ["id": owner] }
        let customTexts = record.filter { V2Body.isCustomFieldKey($0.key) }.sorted { $0.key < $1.key }.compactMap { $0.value.queryText }
        func named(_ kind: EntityKind, _ field: String, extra: [String] = []) -> JSONValue {
            guard let id = record[field]?.queryText, let linked = store[kind].record(id: id) else { return .null }
            var object: [String: JSONValue] = ["id": linked["id"] ?? .null, "name": linked["name"] ?? .null]
            for key in extra { object[key] = linked[key] ?? .null }
            return .object(object)
        }
        switch kind {
        case .deals:
            item["title"] = record["title"] ?? .null
            item["value"] = V2Resource.coerce(record["value"] ?? .null, to: .number)
            item["currency"] = record["currency"] ?? .null
            item["status"] = record["status"] ?? .null
            item["stage"] = named(.stages, "stage_id")
            item["person"] = named(.persons, "person_id")
            item["organization"] = named(.organizations, "org_id", extra: ["address"])
            item["is_archived"] = .bool(V2Resource.truth(record["is_archived"] ?? .null) ?? false)
        case .persons:
            item["name"] = record["name"] ?? .null
            item["emails"] = .array((record["email"]?.searchableTexts ?? []).map(JSONValue.string))
            item["phones"] = .array((record["phone"]?.searchableTexts ?? []).map(JSONValue.string))
            item["organization"] = named(.organizations, "org_id", extra: ["address"])
        case .organizations:
            item["name"] = record["name"] ?? .null
            item["address"] = record["address"] ?? .null
        case .products:
            item["name"] = record["name"] ?? .null
            item["code"] = record["code"] ?? .null
        case .leads:
            item["title"] = record["title"] ?? .null
            item["person"] = named(.persons, "person_id")
            item["organization"] = named(.organizations, "organization_id", extra: ["address"])
            item["value"] = record["value"]?["amount"] ?? .null
            item["currency"] = record["value"]?["currency"] ?? .null
            item["is_archived"] = .bool(V2Resource.truth(record["is_archived"] ?? .null) ?? false)
        case .files:
            item["name"] = record["name"] ?? .null
            item["url"] = .string("/files/\(record["id"]?.queryText ?? "")/download")
        default:
            item["name"] = record["name"] ?? .null
        }
        if kind != .files {
            item["visible_to"] = V2Resource.coerce(record["visible_to"] ?? .null, to: .integer)
            item["custom_fields"] = .array(customTexts.map(JSONValue.string))
            item["notes"] = []
        }
        return .object(item)
    }
}
