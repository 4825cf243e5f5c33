import ToolportJSON

/// How the records of a sub-resource such as `/deals/{id}/activities` belong to their parent.
enum Relation: Sendable {
    /// Children whose field holds the parent's id (`activity.deal_id`).
    case childField(String)
    /// The child whose id the parent's field holds (`deal.person_id`).
    case parentField(String)

    init?(parent: EntityKind, child: EntityKind) {
        switch (parent, child) {
        case (.deals, .persons): self = .parentField("person_id")
        case (.deals, .activities), (.deals, .files): self = .childField("deal_id")
        case (.persons, .deals), (.persons, .activities), (.persons, .files): self = .childField("person_id")
        case (.organizations, .deals), (.organizations, .persons), (.organizations, .activities), (.organizations, .files):
            self = .childField("org_id")
        case (.pipelines, .deals): self = .childField("pipeline_id")
        case (.stages, .deals): self = .childField("stage_id")
        case (.products, .files): self = .childField("product_id")
        default: return nil
        }
    }

    /// The children of `parent` among `children`.
    func children(of parent: [String: JSONValue], in children: EntityCollection) -> [JSONValue] {
        switch self {
        case .childField(let field):
            let id = parent["id"]?.queryText
            return children.records.filter { $0[field]?.queryText == id }.map(JSONValue.object)
        case .parentField(let field):
            guard let id = parent[field]?.queryText else { return [] }
            return children.record(id: id).map { [.object($0)] } ?? []
        }
    }
}
