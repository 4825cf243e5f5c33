/// The catalog operations the sandbox answers from its in-memory state rather than by echo.
enum StatefulOperation: Sendable {
    case list(EntityKind)
    case add(EntityKind)
    case get(EntityKind)
    case update(EntityKind)
    case remove(EntityKind)
    /// `DELETE /deals?ids=1,2`.
    case bulkRemove(EntityKind)
    case search(EntityKind)
    case itemSearch
    case currentUser
    /// `GET /deals/summary` and `GET /deals/timeline` (``DealStatistics``).
    case dealsSummary, dealsTimeline
    case download
    /// `GET /deals/{id}/activities` and the like.
    case related(parent: EntityKind, child: EntityKind, Relation)

    /// The stateful operation for a method and path template below `/api/v1`, if the sandbox keeps its state.
    init?(method: String, template: [OperationTable.Segment]) {
        let words = template.map { segment in
            switch segment {
            case .literal(let text): text
            case .placeholder: "{}"
            }
        }
        switch (method, words) {
        case ("GET", ["itemSearch"]): self = .itemSearch
        case ("GET", ["users", "me"]): self = .currentUser
        case ("GET", ["deals", "summary"]): self = .dealsSummary
        case ("GET", ["deals", "timeline"]): self = .dealsTimeline
        case ("GET", ["files", "{}", "download"]): self = .download
        default:
            guard let kind = words.first.flatMap(EntityKind.init(rawValue:)) else { return nil }
            switch (method, Array(words.dropFirst())) {
            case ("GET", []): self = .list(kind)
            case ("POST", []): self = .add(kind)
            case ("DELETE", []): self = .bulkRemove(kind)
            case ("GET", ["search"]): self = .search(kind)
            case ("GET", ["{}"]): self = .get(kind)
            case ("PUT", ["{}"]), ("PATCH", ["{}"]): self = .update(kind)
            case ("DELETE", ["{}"]): self = .remove(kind)
            case ("GET", let rest) where rest.count == 2 && rest[0] == "{}":
                guard let child = EntityKind(rawValue: rest[1]), let relation = Relation(parent: kind, child: child) else { return nil }
                self = .related(parent: kind, child: child, relation)
            default: return nil
            }
        }
    }
}
