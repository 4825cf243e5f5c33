import ToolportJSON

/// How an echo answer differs from the default (an empty page for a GET of a collection, else an object of
/// the path ids and body) where Pipedrive's spec answers another shape: an object for a collection path
/// (`/goals/find`), a bare array, `true`, fields the spec requires or fixes, text ids, or expanded references.
struct EchoShape: Sendable {
    enum Data: Sendable {
        case object, array, boolean
    }

    var data: Data = .object
    /// Fields the answer has when neither the path nor the body sets them.
    var required: [String: JSONValue] = [:]
    /// Fields whose value replaces what the path or the body would echo.
    var fixed: [String: JSONValue] = [:]
    /// Fields whose value is text even when it reads as a number.
    var textFields: Set<String> = []
    /// Fields shown as the v1 object of the record they point at (``V1Expansion``).
    var references: [String: EntityKind] = [:]

    /// The shape of the operation `method template` (below the version prefix, `{name}` placeholders), or
    /// `nil` for the default one; `api` picks the v1 or v2 table.
    static func of(method: String, template: [String], api: API) -> EchoShape? {
        let table = api == .v1 ? v1 : v2
        if let shape = table["\(method) \(template.joined(separator: "/"))"] { return shape }
        guard let first = template.first, first.hasSuffix("Fields") else { return nil }
        return table[(["\(method) *Fields"] + template.dropFirst()).joined(separator: "/")]
    }

    enum API: Sendable { case v1, v2 }

    /// `data` of the answer: the echo object reshaped.
    func answer(echo: [String: JSONValue], store: CRMStore) -> JSONValue {
        switch data {
        case .array: return .array([])
        case .boolean: return true
        case .object: break
        }
        var object = required.merging(echo) { _, echoed in echoed }.merging(fixed) { _, fixed in fixed }
        for name in textFields {
            if let value = object[name], let text = value.queryText, value.stringValue == nil { object[name] = .string(text) }
        }
        for (name, kind) in references {
            if let id = object[name], id != .null { object[name] = V1Expansion.reference(to: id, in: kind, store: store) }
        }
        return .object(object)
    }

    private static let object = EchoShape()
    private static let array = EchoShape(data: .array)

    private static let v1: [String: EchoShape] = [
        "GET deals/{id}/permittedUsers": EchoShape(fixed: ["id": [.integer(CRMStore.sandboxUserID)]]),
        "GET goals/find": EchoShape(required: ["goals": []]), "GET goals/{id}/results": object,
        "GET pipelines/{id}/conversion_statistics": object, "GET pipelines/{id}/movement_statistics": object,
        "GET roles/{id}/settings": object, "GET roles/{id}/pipelines": object, "GET userConnections": object,
        "GET userSettings": object, "GET users/{id}/permissions": object, "GET users/{id}/roleSettings": object,
        "GET persons/{id}/picture": object,
        "GET legacyTeams/user/{id}": array, "POST legacyTeams/{id}/users": array, "DELETE legacyTeams/{id}/users": array,
        "POST callLogs": EchoShape(textFields: ["id"]), "POST channels": EchoShape(textFields: ["id"]),
        "GET callLogs/{id}": EchoShape(
            required: ["to_phone_number": "+15550100", "outcome": "connected", "start_time": "2026-01-01 10:00:00", "end_time": "2026-01-01 10:05:00"],
            textFields: ["id"]
        ),
        "PUT deals/{id}/products/{product_attachment_id}": EchoShape(required: ["product_id": 1, "item_price": 0, "quantity": 1]),
        "GET productFields/{id}": EchoShape(required: ["name": "Field", "field_type": "varchar"]),
        "PUT productFields/{id}": EchoShape(required: ["name": "Field", "field_type": "varchar"]),
        "POST organizationRelationships": EchoShape(references: ["rel_owner_org_id": .organizations, "rel_linked_org_id": .organizations]),
        "POST deals/{id}/participants": EchoShape(references: ["person_id": .persons]),
    ]

    private static let field = EchoShape(
        required: ["field_code": "0123456789abcdef0123456789abcdef01234567", "field_name": "Field", "field_type": "varchar",
                   "is_custom_field": true, "is_optional_response_field": false],
        textFields: ["field_code"]
    )

    private static let v2: [String: EchoShape] = [
        "GET persons/{id}/picture": object, "GET products/{id}/images": object,
        "GET projects/search": EchoShape(required: ["items": []]),
        "POST *Fields": field, "GET *Fields/{field_code}": field, "PATCH *Fields/{field_code}": field, "DELETE *Fields/{field_code}": field,
        "POST *Fields/{field_code}/options": array, "PATCH *Fields/{field_code}/options": array, "DELETE *Fields/{field_code}/options": array,
        "POST deals/{id}/convert/lead": EchoShape(required: ["conversion_id": "6a3f0c9e-4d1b-4e55-9a37-1c2b3d4e5f60"]),
        "POST leads/{id}/convert/deal": EchoShape(required: ["conversion_id": "6a3f0c9e-4d1b-4e55-9a37-1c2b3d4e5f60"]),
        "GET deals/{id}/convert/status/{conversion_id}": EchoShape(required: ["status": "completed"], textFields: ["conversion_id"]),
        "GET leads/{id}/convert/status/{conversion_id}": EchoShape(required: ["status": "completed"], textFields: ["conversion_id"]),
        "POST deals/{id}/discounts": EchoShape(textFields: ["id"]),
        "POST deals/{id}/products/bulk": array,
    ]
}
