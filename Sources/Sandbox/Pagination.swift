import ToolportJSON

/// v1 offset pagination: `start` and `limit` (at most 500) from the query.
struct Pagination {
    var start: Int
    var limit: Int

    init(query: [String: String]) {
        start = max(0, query["start"].flatMap { Int($0) } ?? 0)
        limit = min(500, max(1, query["limit"].flatMap { Int($0) } ?? 100))
    }

    func slice<Item>(_ items: [Item]) -> [Item] {
        Array(items.dropFirst(start).prefix(limit))
    }

    /// `{start, limit, more_items_in_collection, next_start}`; `next_start` only when there are more.
    func pagination(total: Int) -> JSONValue {
        let more = start + limit < total
        var object: [String: JSONValue] = ["start": .integer(start), "limit": .integer(limit), "more_items_in_collection": .bool(more)]
        if more { object["next_start"] = .integer(start + limit) }
        return .object(object)
    }
}
