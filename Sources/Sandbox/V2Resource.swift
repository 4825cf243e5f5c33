/// The type a v2 field or query parameter has in Pipedrive's v2 OpenAPI document, as the sandbox checks it.
indirect enum V2Type: Sendable, Equatable {
    case string
    case integer
    /// Integer or fractional.
    case number
    /// `true` or `false` only (never 0/1).
    case boolean
    case object
    /// `YYYY-MM-DD`.
    case date
    /// RFC 3339 (`2026-11-30T10:00:00Z`, offsets and fractions allowed).
    case dateTime
    /// `HH:MM` or `HH:MM:SS`.
    case time
    /// One of the listed strings.
    case oneOf([String])
    /// An array whose items have the type (any item when `nil`).
    case array(V2Type?)
    /// `[{"value": "…", "primary": true, "label": "work"}]`, as persons' `emails` and `phones`.
    case contacts
    /// `{"<40-hex key>": any}`.
    case customFields
    /// A comma-separated list of integers (query only).
    case integerList
}

/// A v2 field whose v1 (stored) name differs, possibly with the boolean inverted (`is_deleted` ↔ `active_flag`).
struct V2Rename: Sendable {
    var v2: String
    var v1: String
    var inverted = false
}

/// What the sandbox knows of one v2 resource (`/api/v2/deals`, …): the body fields it accepts with their
/// types, the fields it answers with, list filters and sort keys, and how names map to the v1 records
/// the state is kept in. Taken from `pipedrive-v2.openapi.latest-2026-08.yaml`.
struct V2Resource: Sendable {
    let kind: EntityKind
    /// Body fields of create and update.
    let fields: [String: V2Type]
    /// Body fields only create accepts (`add_time` of persons and organizations).
    let createOnly: Set<String>
    /// Body fields create requires.
    let required: [String]
    /// The fields of an answer's `data`, in the spec's order (`custom_fields` last when the resource has them).
    let responseFields: [String]
    /// List query filters by name (compared with the field of the same v2 name), beyond `ids`, `limit`, `cursor` and sorting.
    let filters: [String: V2Type]
    /// `sort_by` values.
    let sortKeys: [String]
    /// v2 name ↔ v1 name.
    let renames: [V2Rename]
    /// Object fields v1 keeps as a string plus `<name>_<part>` fields (organization `address`, activity `location`).
    let flattenedObjects: Set<String>

    var hasCustomFields: Bool { fields["custom_fields"] != nil }

    /// The type of a response field: its body type, else the type of the read-only fields every resource shares.
    func responseType(_ field: String) -> V2Type? {
        fields[field] ?? Self.readOnlyTypes[field]
    }

    func rename(v2 name: String) -> V2Rename? { renames.first { $0.v2 == name } }

    /// The resource served at `/api/v2/<segment>`.
    static func named(_ segment: String) -> V2Resource? { all.first { $0.kind.rawValue == segment } }

    static let all: [V2Resource] = [deals, persons, organizations, activities, products, stages, pipelines]

    private static let readOnlyTypes: [String: V2Type] = [
        "id": .integer, "add_time": .dateTime, "update_time": .dateTime, "stage_change_time": .dateTime,
        "marked_as_done_time": .dateTime, "is_deleted": .boolean, "creator_user_id": .integer, "order_nr": .integer,
        "picture_id": .integer, "first_name": .string, "last_name": .string,
    ]
    private static let updatedRange: [String: V2Type] = ["updated_since": .dateTime, "updated_until": .dateTime, "filter_id": .integer]
    private static let standardSort = ["id", "update_time", "add_time"]

    static let deals = V2Resource(
        kind: .deals,
        fields: [
            "title": .string, "owner_id": .integer, "person_id": .integer, "org_id": .integer, "pipeline_id": .integer,
            "stage_id": .integer, "value": .number, "currency": .string, "is_deleted": .boolean, "is_archived": .boolean,
            "archive_time": .dateTime, "status": .oneOf(["open", "won", "lost"]), "probability": .number, "lost_reason": .string,
            "visible_to": .integer, "close_time": .dateTime, "won_time": .dateTime, "lost_time": .dateTime,
            "expected_close_date": .date, "label_ids": .array(.integer), "custom_fields": .customFields,
        ],
        createOnly: [],
        required: ["title"],
        responseFields: [
            "id", "title", "owner_id", "person_id", "org_id", "pipeline_id", "stage_id", "value", "currency", "add_time",
            "update_time", "stage_change_time", "is_deleted", "is_archived", "archive_time", "status", "probability",
            "lost_reason", "visible_to", "close_time", "won_time", "lost_time", "expected_close_date", "label_ids", "custom_fields",
        ],
        filters: updatedRange.merging([
            "owner_id": .integer, "person_id": .integer, "org_id": .integer, "pipeline_id": .integer, "stage_id": .integer,
            "status": .oneOf(["open", "won", "lost", "deleted"]),
        ]) { _, new in new },
        sortKeys: standardSort,
        renames: [V2Rename(v2: "owner_id", v1: "user_id"), V2Rename(v2: "is_deleted", v1: "deleted")],
        flattenedObjects: []
    )

    static let persons = V2Resource(
        kind: .persons,
        fields: [
            "name": .string, "owner_id": .integer, "org_id": .integer, "add_time": .dateTime, "emails": .contacts,
            "phones": .contacts, "visible_to": .integer, "label_ids": .array(.integer), "postal_address": .object,
            "notes": .string, "im": .array(nil), "birthday": .date, "job_title": .string,
            "marketing_status": .oneOf(["no_consent", "unsubscribed", "subscribed", "archived"]), "custom_fields": .customFields,
        ],
        createOnly: ["add_time"],
        required: [],
        responseFields: [
            "id", "name", "first_name", "last_name", "owner_id", "org_id", "add_time", "update_time", "emails", "phones",
            "is_deleted", "visible_to", "label_ids", "picture_id", "postal_address", "notes", "im", "birthday", "job_title",
            "custom_fields",
        ],
        filters: updatedRange.merging(["owner_id": .integer, "org_id": .integer]) { _, new in new },
        sortKeys: standardSort,
        renames: [
            V2Rename(v2: "emails", v1: "email"), V2Rename(v2: "phones", v1: "phone"),
            V2Rename(v2: "is_deleted", v1: "active_flag", inverted: true),
        ],
        flattenedObjects: []
    )

    static let organizations = V2Resource(
        kind: .organizations,
        fields: [
            "name": .string, "owner_id": .integer, "add_time": .dateTime, "visible_to": .integer, "label_ids": .array(.integer),
            "address": .object, "website": .string, "linkedin": .string, "industry": .integer, "annual_revenue": .integer,
            "employee_count": .integer, "custom_fields": .customFields,
        ],
        createOnly: ["add_time"],
        required: ["name"],
        responseFields: [
            "id", "name", "owner_id", "add_time", "update_time", "is_deleted", "visible_to", "address", "label_ids", "website",
            "linkedin", "industry", "annual_revenue", "employee_count", "custom_fields",
        ],
        filters: updatedRange.merging(["owner_id": .integer]) { _, new in new },
        sortKeys: standardSort,
        renames: [V2Rename(v2: "is_deleted", v1: "active_flag", inverted: true)],
        flattenedObjects: ["address"]
    )

    static let activities = V2Resource(
        kind: .activities,
        fields: [
            "subject": .string, "type": .string, "owner_id": .integer, "deal_id": .integer, "lead_id": .string,
            "person_id": .integer, "org_id": .integer, "project_id": .integer, "due_date": .date, "due_time": .time,
            "duration": .time, "busy": .boolean, "done": .boolean, "location": .object, "participants": .array(.object),
            "attendees": .array(.object), "public_description": .string, "priority": .integer, "note": .string,
        ],
        createOnly: [],
        required: [],
        responseFields: [
            "id", "subject", "type", "owner_id", "creator_user_id", "is_deleted", "add_time", "update_time", "deal_id",
            "lead_id", "person_id", "org_id", "project_id", "due_date", "due_time", "duration", "busy", "done",
            "marked_as_done_time", "location", "participants", "attendees", "public_description", "priority", "note",
        ],
        filters: updatedRange.merging([
            "owner_id": .integer, "deal_id": .integer, "lead_id": .string, "person_id": .integer, "org_id": .integer, "done": .boolean,
        ]) { _, new in new },
        sortKeys: standardSort + ["due_date"],
        renames: [
            V2Rename(v2: "owner_id", v1: "user_id"), V2Rename(v2: "busy", v1: "busy_flag"),
            V2Rename(v2: "creator_user_id", v1: "created_by_user_id"), V2Rename(v2: "is_deleted", v1: "active_flag", inverted: true),
        ],
        flattenedObjects: ["location"]
    )

    static let products = V2Resource(
        kind: .products,
        fields: [
            "name": .string, "code": .string, "description": .string, "unit": .string, "tax": .number, "category": .number,
            "owner_id": .integer, "is_linkable": .boolean, "visible_to": .integer, "prices": .array(.object),
            "custom_fields": .customFields,
            "billing_frequency": .oneOf(["one-time", "annually", "semi-annually", "quarterly", "monthly", "weekly"]),
            "billing_frequency_cycles": .integer,
        ],
        createOnly: [],
        required: ["name"],
        responseFields: [
            "id", "name", "code", "unit", "tax", "is_deleted", "is_linkable", "visible_to", "owner_id", "add_time",
            "update_time", "description", "category", "billing_frequency", "billing_frequency_cycles", "prices", "custom_fields",
        ],
        filters: ["owner_id": .integer, "filter_id": .integer, "updated_since": .dateTime],
        sortKeys: standardSort + ["name"],
        renames: [V2Rename(v2: "is_linkable", v1: "selectable"), V2Rename(v2: "is_deleted", v1: "active_flag", inverted: true)],
        flattenedObjects: []
    )

    static let stages = V2Resource(
        kind: .stages,
        fields: [
            "name": .string, "pipeline_id": .integer, "deal_probability": .integer, "is_deal_rot_enabled": .boolean,
            "days_to_rotten": .integer,
        ],
        createOnly: [],
        required: ["name", "pipeline_id"],
        responseFields: [
            "id", "order_nr", "name", "is_deleted", "deal_probability", "pipeline_id", "is_deal_rot_enabled", "days_to_rotten",
            "add_time", "update_time",
        ],
        filters: ["pipeline_id": .integer],
        sortKeys: standardSort + ["order_nr"],
        renames: [
            V2Rename(v2: "is_deal_rot_enabled", v1: "rotten_flag"), V2Rename(v2: "days_to_rotten", v1: "rotten_days"),
            V2Rename(v2: "is_deleted", v1: "active_flag", inverted: true),
        ],
        flattenedObjects: []
    )

    static let pipelines = V2Resource(
        kind: .pipelines,
        fields: ["name": .string, "is_deal_probability_enabled": .boolean],
        createOnly: [],
        required: ["name"],
        responseFields: ["id", "name", "order_nr", "is_deleted", "is_deal_probability_enabled", "add_time", "update_time"],
        filters: [:],
        sortKeys: standardSort,
        renames: [
            V2Rename(v2: "is_deal_probability_enabled", v1: "deal_probability"),
            V2Rename(v2: "is_deleted", v1: "active_flag", inverted: true),
        ],
        flattenedObjects: []
    )
}
