import HTTPTypes
import Foundation
import ToolportJSON

/// The v2 API (`/api/v2/...`) over the same state as v1: list with cursor paging, filters and sorting,
/// get, create (POST), update (PATCH, a JSON merge), delete, search and `/itemSearch` for deals, persons,
/// organizations, activities, products, pipelines and stages; every other operation of the v2 spec by echo.
enum V2Endpoint {
    /// The answer's body (always JSON) for an authorized request with the segments below `/api/v2`.
    /// - Throws: `V2Error` for requests v2 refuses (bad body or query, unknown id or route).
    static func respond(to request: RecordedRequest, segments: [String], store: inout CRMStore, now: Date) throws(V2Error) -> JSONValue {
        let method = request.method
        switch (method, segments) {
        case ("GET", ["itemSearch"]):
            return try itemSearch(request.query, store: store)
        case ("GET", let path) where path.count == 2 && path[1] == "search":
            guard let kind = EntityKind(rawValue: path[0]), [.deals, .persons, .organizations, .products, .leads].contains(kind) else { break }
            return try V2Search.respond([kind], query: request.query, store: store)
        default:
            break
        }
        if let resource = segments.first.flatMap(V2Resource.named) {
            switch (method, segments.count) {
            case ("GET", 1): return try list(resource, query: request.query, store: store)
            case ("POST", 1): return try create(resource, request: request, store: &store, now: now)
            case (_, 2) where Int(segments[1]) != nil:
                let id = segments[1]
                switch method {
                case "GET":
                    guard let record = store[resource.kind].record(id: id) else { throw .notFound(resource.kind) }
                    return ["success": true, "data": resource.v2Object(record)]
                case "PATCH":
                    let body = try resource.validatedBody(of: request, isCreate: false)
                    guard let record = store[resource.kind].update(id: id, with: resource.v1Fields(body), now: now) else {
                        throw .notFound(resource.kind)
                    }
                    return ["success": true, "data": resource.v2Object(record)]
                case "DELETE":
                    guard let removed = store[resource.kind].remove(id: id, now: now) else { throw .notFound(resource.kind) }
                    return ["success": true, "data": ["id": removed]]
                default:
                    break
                }
            default:
                break
            }
        }
        guard let match = V2Operations.match(method: method, segments: segments) else {
            throw V2Error(status: .notFound, message: "Unknown method \(method) \(request.path)", code: "ERR_NOT_FOUND")
        }
        if match.operation.segments == [segments[0], "{id}"], V2Resource.named(segments[0]) != nil {
            throw .invalid("Path parameter 'id' must be an integer, got '\(segments[1])'")
        }
        return try V2Operations.respond(to: match, request: request, store: &store)
    }

    /// `GET /api/v2/{resource}`: filters, `ids`, `sort_by` + `sort_direction`, then a cursor page.
    /// Deleted records are left out, except deals with `status=deleted`.
    static func list(_ resource: V2Resource, query: [String: String], store: CRMStore) throws(V2Error) -> JSONValue {
        let filters = try resource.validatedFilters(query)
        let page = try V2Page(query: query)
        let sortKey = query["sort_by"] ?? "id"
        guard resource.sortKeys.contains(sortKey) else {
            throw .invalid("Query parameter 'sort_by' must be one of \(resource.sortKeys.joined(separator: ", ")), got '\(sortKey)'")
        }
        let direction = query["sort_direction"] ?? "asc"
        guard direction == "asc" || direction == "desc" else {
            throw .invalid("Query parameter 'sort_direction' must be one of asc, desc, got '\(direction)'")
        }
        let wantsDeleted = filters["status"] == "deleted"
        let objects = store[resource.kind].allRecords.compactMap { resource.v2Object($0).objectValue }.filter { object in
            guard (object["is_deleted"] == true) == wantsDeleted else { return false }
            return filters.allSatisfy { name, wanted in matches(object, name: name, wanted: wanted) }
        }
        let sorted = objects.sorted { left, right in
            let order = compare(left[sortKey] ?? .null, right[sortKey] ?? .null)
            if order != .orderedSame { return direction == "asc" ? order == .orderedAscending : order == .orderedDescending }
            let byID = compare(left["id"] ?? .null, right["id"] ?? .null)
            return direction == "asc" ? byID == .orderedAscending : byID == .orderedDescending
        }
        let (items, next) = page.slice(sorted.map(JSONValue.object))
        return ["success": true, "data": .array(items), "additional_data": ["next_cursor": next.map(JSONValue.string) ?? .null]]
    }

    /// `POST /api/v2/{resource}`: a validated body stored as v1 fields; answers the v2 object.
    static func create(_ resource: V2Resource, request: RecordedRequest, store: inout CRMStore, now: Date) throws(V2Error) -> JSONValue {
        let body = try resource.validatedBody(of: request, isCreate: true)
        let fields = resource.v1Fields(body)
        var record = store[resource.kind].insert(fields, now: now)
        if let addTime = fields["add_time"], let id = record["id"]?.queryText {
            record = store[resource.kind].update(id: id, with: ["add_time": addTime], now: now) ?? record
        }
        return ["success": true, "data": resource.v2Object(record)]
    }

    /// `GET /api/v2/itemSearch`: `item_types` (comma-separated) narrows the kinds searched.
    static func itemSearch(_ query: [String: String], store: CRMStore) throws(V2Error) -> JSONValue {
        var kinds = V2Search.itemKinds.map(\.kind)
        if let types = query["item_types"], !types.isEmpty {
            let names = types.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for name in names where !V2Search.itemTypeNames.contains(name) {
                throw .invalid("Query parameter 'item_types' must list \(V2Search.itemTypeNames.joined(separator: ", ")), got '\(name)'")
            }
            kinds = V2Search.itemKinds.filter { names.contains($0.name) }.map(\.kind)
        }
        return try V2Search.respond(kinds, query: query, store: store)
    }

    /// Whether a v2 object passes one typed list filter.
    private static func matches(_ object: [String: JSONValue], name: String, wanted: JSONValue) -> Bool {
        switch name {
        case "filter_id": return true
        case "ids": return wanted.arrayValue?.contains(object["id"] ?? .null) ?? true
        case "status" where wanted == "deleted": return true
        case "updated_since", "updated_until":
            guard let bound = wanted.stringValue.flatMap(V2Time.parse),
                let time = object["update_time"]?.stringValue.flatMap(V2Time.parse)
            else { return false }
            return name == "updated_since" ? time >= bound : time < bound
        default:
            return object[name]?.queryText == wanted.queryText
        }
    }

    /// Orders two field values: null first, numbers by value, everything else by its text.
    private static func compare(_ left: JSONValue, _ right: JSONValue) -> ComparisonResult {
        switch (left, right) {
        case (.null, .null): return .orderedSame
        case (.null, _): return .orderedAscending
        case (_, .null): return .orderedDescending
        default:
            if let a = left.doubleValue, let b = right.doubleValue { return a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame }
            let a = left.queryText ?? "", b = right.queryText ?? ""
            return a < b ? .orderedAscending : a > b ? .orderedDescending : .orderedSame
        }
    }
}
