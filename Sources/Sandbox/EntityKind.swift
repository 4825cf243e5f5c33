import ToolportJSON

/// The Pipedrive objects the sandbox keeps real state for, named by their v1 path segment.
enum EntityKind: String, CaseIterable, Sendable {
    case deals, persons, organizations, activities, notes, products, leads, leadLabels, pipelines, stages, filters, files, users

    /// The name in "… not found" errors.
    var singular: String {
        switch self {
        case .deals: "Deal"
        case .persons: "Person"
        case .organizations: "Organization"
        case .activities: "Activity"
        case .notes: "Note"
        case .products: "Product"
        case .leads: "Lead"
        case .leadLabels: "Lead label"
        case .pipelines: "Pipeline"
        case .stages: "Stage"
        case .filters: "Filter"
        case .files: "File"
        case .users: "User"
        }
    }

    /// Leads and lead labels have UUID ids; everything else counts up from 1.
    var usesUUIDs: Bool { self == .leads || self == .leadLabels }

    /// The `type` of search results and the `item_types` name in `/itemSearch`.
    var itemType: String {
        switch self {
        case .leadLabels: "lead_label"
        case .activities: "activity"
        default: String(rawValue.dropLast())
        }
    }

    /// Fields a search term is looked for in.
    var searchFields: [String] {
        switch self {
        case .deals, .leads: ["title"]
        case .persons: ["name", "email", "phone"]
        case .organizations: ["name", "address"]
        case .products: ["name", "code"]
        case .files: ["name", "description"]
        case .users: ["name", "email"]
        case .activities: ["subject", "note"]
        case .notes: ["content"]
        case .leadLabels, .pipelines, .stages, .filters: ["name"]
        }
    }

    /// Query parameters that filter lists by the field of the same name.
    var listFilters: [String] {
        switch self {
        case .deals: ["status", "stage_id", "user_id", "person_id", "org_id", "pipeline_id"]
        case .persons: ["org_id", "owner_id"]
        case .organizations: ["owner_id"]
        case .activities: ["user_id", "deal_id", "person_id", "org_id", "lead_id", "type", "done"]
        case .notes: ["deal_id", "person_id", "org_id", "lead_id", "user_id"]
        case .leads: ["owner_id", "person_id", "organization_id"]
        case .stages: ["pipeline_id"]
        case .filters: ["type"]
        case .files, .products, .leadLabels, .pipelines, .users: []
        }
    }

    /// Whether Pipedrive answers an add with 201 Created (the others answer 200).
    var answersAddWithCreated: Bool {
        switch self {
        case .deals, .persons, .organizations, .activities, .products, .leads: true
        default: false
        }
    }

    /// Whether `GET /{kind}/archived` lists the records with `is_archived: true` (deals and leads).
    var archives: Bool { self == .deals || self == .leads }

    /// Whether a delete keeps the record, marked deleted, for 30 days, as Pipedrive's specs say ("Marks a deal
    /// as deleted. After 30 days, the deal will be permanently deleted."; ``EntityCollection/remove(id:now:)``).
    var deletesSoftly: Bool { [.deals, .persons, .organizations, .activities, .products, .files].contains(self) }

    /// The fields a delete sets: deals `deleted` (v2 `is_deleted`), `status` and `active`; the others
    /// `active_flag` (v2 `is_deleted`, inverted).
    var deletionMarks: [String: JSONValue] {
        self == .deals ? ["deleted": true, "status": "deleted", "active": false] : ["active_flag": false]
    }

    /// Whether `record` is marked deleted (by a delete, or by v2's `is_deleted`).
    func isDeleted(_ record: [String: JSONValue]) -> Bool {
        self == .deals ? record["deleted"] == true : deletesSoftly && record["active_flag"] == false
    }

    /// Whether Pipedrive answers a delete with `"data": true` (notes) rather than the deleted id.
    var answersRemoveWithTrue: Bool { self == .notes }

    /// Leads and lead labels stamp ISO 8601 times; the older objects `YYYY-MM-DD HH:MM:SS`.
    var usesISOTimestamps: Bool { usesUUIDs }

    /// Fields a new record gets when the request does not set them.
    func defaults(userID: Int) -> [String: JSONValue] {
        let owner = JSONValue.integer(userID)
        return switch self {
        case .deals:
            ["status": "open", "currency": "USD", "value": 0, "user_id": owner, "stage_id": 1, "pipeline_id": 1, "active": true, "deleted": false]
        case .persons, .organizations: ["owner_id": owner, "active_flag": true]
        case .activities: ["user_id": owner, "done": false, "type": "task"]
        case .notes: ["user_id": owner, "active_flag": true]
        case .products: ["owner_id": owner, "active_flag": true]
        case .leads: ["owner_id": owner, "is_archived": false, "label_ids": [], "was_seen": false, "source_name": "API"]
        case .pipelines, .stages: ["active_flag": true, "order_nr": 0]
        case .filters, .files: ["user_id": owner, "active_flag": true]
        case .leadLabels, .users: [:]
        }
    }
}
