import Testing
import ToolportJSON

@testable import Sandbox

/// What the sandbox's webhooks report for a write: the records added, changed (only the changed fields as
/// `previous`) and removed between the state before and after it.
struct WebhookChangeTests {
    typealias Change = SandboxWebhooks.Change

    static let deal: [String: JSONValue] = ["id": 1, "title": "Deal", "status": "open", "update_time": "2026-12-06 10:00:00"]

    static let cases: [(String, SandboxWebhooks.Snapshot, SandboxWebhooks.Snapshot, [Change])] = [
        ("nothing changed", ["deal": ["1": deal]], ["deal": ["1": deal]], []),
        ("a record added", ["deal": [:]], ["deal": ["1": deal]], [Change(action: "create", object: "deal", id: "1", record: deal, previous: nil)]),
        (
            "a field changed: only it is previous, update_time aside",
            ["deal": ["1": deal]],
            ["deal": ["1": deal.merging(["status": "won", "update_time": "2026-12-06 11:00:00"]) { $1 }]],
            [
                Change(
                    action: "change", object: "deal", id: "1", record: deal.merging(["status": "won", "update_time": "2026-12-06 11:00:00"]) { $1 },
                    previous: ["status": "open"]
                )
            ]
        ),
        ("a record removed", ["deal": ["1": deal]], ["deal": [:]], [Change(action: "delete", object: "deal", id: "1", record: nil, previous: deal)]),
        (
            "two objects at once, in a stable order",
            ["deal": [:], "person": ["3": ["id": 3]]],
            ["deal": ["1": deal], "person": [:]],
            [
                Change(action: "create", object: "deal", id: "1", record: deal, previous: nil),
                Change(action: "delete", object: "person", id: "3", record: nil, previous: ["id": 3]),
            ]
        ),
    ]

    @Test(arguments: cases)
    func reports(_ rule: String, _ before: SandboxWebhooks.Snapshot, _ after: SandboxWebhooks.Snapshot, _ expected: [Change]) {
        #expect(SandboxWebhooks.changes(before: before, after: after) == expected, "\(rule)")
    }
}
