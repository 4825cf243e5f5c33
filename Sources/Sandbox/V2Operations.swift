import Foundation
import ToolportJSON

/// Every operation of Pipedrive's v2 OpenAPI document (`pipedrive-v2.openapi.latest-2026-08.yaml`) by
/// method and path template below `/api/v2`, so that the ones the sandbox keeps no state for (followers,
/// products of a deal, fields, projects, …) get a well-formed answer.
enum V2Operations {
    /// One operation: its method and template segments (`{name}` for a placeholder).
    struct Operation: Sendable {
        var method: String
        var segments: [String]
    }

    /// A matched operation with the values of its placeholders.
    struct Match: Sendable {
        var operation: Operation
        var pathValues: [String: String]
    }

    static let all: [Operation] = templates.map { line in
        let parts = line.split(separator: " ", maxSplits: 1)
        return Operation(method: String(parts[0]), segments: parts[1].split(separator: "/").map(String.init))
    }

    /// The operation for `method` and the decoded segments; a literal segment beats a placeholder at the
    /// first place two templates differ (`deals/archived` over `deals/{id}`).
    static func match(method: String, segments: [String]) -> Match? {
        var best: (match: Match, rank: [Bool])?
        for operation in all where operation.method == method && operation.segments.count == segments.count {
            var values: [String: String] = [:]
            var rank: [Bool] = []
            var matches = true
            for (template, segment) in zip(operation.segments, segments) {
                if template.hasPrefix("{") {
                    values[String(template.dropFirst().dropLast())] = segment
                    rank.append(false)
                } else {
                    matches = matches && template == segment
                    rank.append(true)
                }
            }
            guard matches else { continue }
            if let current = best, !rank.lexicographicallyPrecedes(current.rank, by: { $0 && !$1 }) { continue }
            best = (Match(operation: operation, pathValues: values), rank)
        }
        return best?.match
    }

    /// The echo answer: a GET of a collection (template ends in a literal) is an empty page; anything else
    /// an object with the path ids and, for writes, the body; a POST below a parent gets a fresh `id`
    /// unless the body has one; an ``EchoShape`` reshapes the answers whose spec differs. 404 when the parent
    /// (`{id}` of deals, persons, …) does not exist.
    static func respond(to match: Match, request: RecordedRequest, store: inout CRMStore) throws(V2Error) -> JSONValue {
        let segments = match.operation.segments
        if segments.count > 1, segments[1] == "{id}", let resource = V2Resource.named(segments[0]),
            let id = match.pathValues["id"], store[resource.kind].record(id: id) == nil
        {
            throw .notFound(resource.kind)
        }
        let body = try V2Body.object(of: request)
        let shape = EchoShape.of(method: match.operation.method, template: segments, api: .v2)
        if match.operation.method == "GET" && !(segments.last?.hasPrefix("{") ?? false) && shape == nil {
            return ["success": true, "data": [], "additional_data": ["next_cursor": nil]]
        }
        var data = ["POST", "PATCH", "PUT"].contains(match.operation.method) ? body : [:]
        for (name, value) in match.pathValues {
            let parent = V2Resource.named(segments[0])?.kind.itemType ?? String(segments[0].dropLast())
            let key = name == "id" && segments.count > 2 ? parent + "_id" : name
            data[key] = Int(value).map(JSONValue.integer) ?? .string(value)
        }
        if match.operation.method == "POST" && data["id"] == nil {
            data["id"] = .integer(store.makeEchoID())
        }
        return ["success": true, "data": shape?.answer(echo: data, store: store) ?? .object(data)]
    }

    private static let templates: [String] = [
        "GET activities", "POST activities", "DELETE activities/{id}", "GET activities/{id}", "PATCH activities/{id}", "GET activityFields",
        "GET activityFields/{field_code}", "GET deals", "POST deals", "GET deals/archived", "DELETE deals/{id}", "GET deals/{id}",
        "PATCH deals/{id}", "GET deals/{id}/followers", "POST deals/{id}/followers", "GET deals/{id}/followers/changelog",
        "DELETE deals/{id}/followers/{follower_id}", "GET deals/products", "GET deals/search", "GET deals/{id}/products",
        "POST deals/{id}/products", "DELETE deals/{id}/products", "PATCH deals/{id}/products/{product_attachment_id}",
        "DELETE deals/{id}/products/{product_attachment_id}", "POST deals/{id}/products/bulk", "GET deals/{id}/discounts",
        "POST deals/{id}/discounts", "PATCH deals/{id}/discounts/{discount_id}", "DELETE deals/{id}/discounts/{discount_id}",
        "GET deals/installments", "POST deals/{id}/installments", "PATCH deals/{id}/installments/{installment_id}",
        "DELETE deals/{id}/installments/{installment_id}", "POST deals/{id}/convert/lead", "GET dealFields", "POST dealFields",
        "GET dealFields/{field_code}", "PATCH dealFields/{field_code}", "DELETE dealFields/{field_code}",
        "POST dealFields/{field_code}/options", "DELETE dealFields/{field_code}/options", "PATCH dealFields/{field_code}/options",
        "GET deals/{id}/convert/status/{conversion_id}", "GET persons", "POST persons", "DELETE persons/{id}", "GET persons/{id}",
        "PATCH persons/{id}", "GET persons/{id}/followers", "POST persons/{id}/followers", "GET persons/{id}/followers/changelog",
        "DELETE persons/{id}/followers/{follower_id}", "GET persons/{id}/picture", "GET personFields", "POST personFields",
        "GET personFields/{field_code}", "PATCH personFields/{field_code}", "DELETE personFields/{field_code}",
        "POST personFields/{field_code}/options", "DELETE personFields/{field_code}/options", "PATCH personFields/{field_code}/options",
        "GET organizations", "POST organizations", "DELETE organizations/{id}", "GET organizations/{id}", "PATCH organizations/{id}",
        "GET organizations/{id}/followers", "POST organizations/{id}/followers", "GET organizations/{id}/followers/changelog",
        "DELETE organizations/{id}/followers/{follower_id}", "GET organizationFields", "POST organizationFields",
        "GET organizationFields/{field_code}", "PATCH organizationFields/{field_code}", "DELETE organizationFields/{field_code}",
        "POST organizationFields/{field_code}/options", "DELETE organizationFields/{field_code}/options",
        "PATCH organizationFields/{field_code}/options", "GET products", "POST products", "GET products/{id}/followers",
        "POST products/{id}/followers", "GET products/{id}/followers/changelog", "DELETE products/{id}/followers/{follower_id}",
        "GET products/search", "DELETE products/{id}", "GET products/{id}", "PATCH products/{id}", "POST products/{id}/duplicate",
        "GET products/{id}/variations", "POST products/{id}/variations", "PATCH products/{id}/variations/{product_variation_id}",
        "DELETE products/{id}/variations/{product_variation_id}", "GET products/{id}/images", "POST products/{id}/images",
        "PUT products/{id}/images", "DELETE products/{id}/images", "GET productFields", "POST productFields",
        "GET productFields/{field_code}", "PATCH productFields/{field_code}", "DELETE productFields/{field_code}",
        "POST productFields/{field_code}/options", "DELETE productFields/{field_code}/options", "PATCH productFields/{field_code}/options",
        "GET leads/search", "POST leads/{id}/convert/deal", "GET leads/{id}/convert/status/{conversion_id}", "GET organizations/search",
        "GET persons/search", "GET itemSearch", "GET itemSearch/field", "GET stages", "POST stages", "DELETE stages/{id}",
        "GET stages/{id}", "PATCH stages/{id}", "GET pipelines", "POST pipelines", "DELETE pipelines/{id}", "GET pipelines/{id}",
        "PATCH pipelines/{id}", "GET projectFields", "POST projectFields", "GET projectFields/{field_code}",
        "PATCH projectFields/{field_code}", "DELETE projectFields/{field_code}", "POST projectFields/{field_code}/options",
        "DELETE projectFields/{field_code}/options", "PATCH projectFields/{field_code}/options", "GET projects", "POST projects",
        "GET projects/archived", "GET projects/{id}", "PATCH projects/{id}", "DELETE projects/{id}", "GET projectTemplates",
        "GET projectTemplates/{id}", "GET projects/search", "POST projects/{id}/archive", "GET projects/{id}/permittedUsers",
        "GET projects/{id}/changelog", "GET tasks", "POST tasks", "GET tasks/{id}", "PATCH tasks/{id}", "DELETE tasks/{id}", "GET boards",
        "POST boards", "GET boards/{id}", "PATCH boards/{id}", "DELETE boards/{id}", "GET phases", "POST phases", "GET phases/{id}",
        "PATCH phases/{id}", "DELETE phases/{id}", "GET users/{id}/followers",
    ]
}
