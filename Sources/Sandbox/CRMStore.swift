import Foundation
import ToolportJSON

/// The sandbox company's data: one collection per kind, the bytes of uploaded files, and the
/// counter behind the ids of objects the sandbox does not keep.
///
/// It starts with the sandbox user (id 1) and one pipeline (id 1) with four stages (ids 1–4).
struct CRMStore: Sendable {
    /// The user the sandbox's tokens belong to.
    static let sandboxUserID = 1

    /// An uploaded file's content.
    struct FileContent: Sendable {
        var data: Data
        var contentType: String
    }

    private var collections: [EntityKind: EntityCollection]
    var fileContents: [String: FileContent] = [:]
    private var nextEchoID = 1

    init(now: Date) {
        collections = Dictionary(uniqueKeysWithValues: EntityKind.allCases.map { ($0, EntityCollection(kind: $0)) })
        _ = self[.users].insert(
            [
                "name": "Sandbox User", "email": "sandbox.user@example.com", "active_flag": true, "is_admin": 1,
                "company_id": 1, "company_name": "Sandbox Company", "company_domain": "sandbox", "default_currency": "USD",
                "locale": "en_US", "lang": 1, "timezone_name": "UTC", "timezone_offset": "+00:00", "role_id": 1,
            ],
            now: now
        )
        _ = self[.pipelines].insert(["name": "Pipeline", "url_title": "default", "order_nr": 1, "selected": true], now: now)
        for (order, name) in ["Qualified", "Contact Made", "Proposal Made", "Negotiations Started"].enumerated() {
            _ = self[.stages].insert(["name": .string(name), "pipeline_id": 1, "order_nr": .integer(order + 1), "deal_probability": 100], now: now)
        }
    }

    subscript(kind: EntityKind) -> EntityCollection {
        get { collections[kind] ?? EntityCollection(kind: kind) }
        set { collections[kind] = newValue }
    }

    /// Forgets the records deleted more than 30 days before `now`.
    mutating func purgeDeleted(now: Date) {
        for kind in EntityKind.allCases where kind.deletesSoftly { self[kind].purgeDeleted(now: now) }
    }

    /// A fresh id for an object created through an operation whose state the sandbox does not keep.
    mutating func makeEchoID() -> Int {
        defer { nextEchoID += 1 }
        return nextEchoID
    }
}
