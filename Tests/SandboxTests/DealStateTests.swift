import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Sandbox
import Testing
import ToolportJSON

/// Summary, timeline and soft delete of deals, computed from the sandbox's state.
struct DealStateTests {
    @Test func summarizesDealsPerCurrencyWeightedByStageProbability() async throws {
        try await TestSandbox().test { client in
            try await client.call(.put, "/api/v1/stages/2", json: ["deal_probability": 50])
            try await client.call(.post, "/api/v1/deals", json: ["title": "A", "value": 100, "stage_id": 1])
            try await client.call(.post, "/api/v1/deals", json: ["title": "B", "value": 300, "stage_id": 2])
            try await client.call(.post, "/api/v1/deals", json: ["title": "C", "value": 50, "currency": "EUR", "status": "won"])
            let summary = try await client.call(.get, "/api/v1/deals/summary").data()
            #expect(summary["total_count"] == 3)
            #expect(summary["values_total"]?["USD"]?["value"] == 400)
            #expect(summary["values_total"]?["USD"]?["count"] == 2)
            #expect(summary["weighted_values_total"]?["USD"]?["value"] == 250)
            #expect(summary["values_total"]?["EUR"]?["value"] == 50)
            #expect(try await client.call(.get, "/api/v1/deals/summary?status=won").data()["total_count"] == 1)
        }
    }

    @Test(arguments: [
        ("start_date=2026-01-01&interval=month&amount=1&field_key=expected_close_date", 1, "2026-01-31 23:59:59"),
        ("start_date=2026-01-01&interval=quarter&amount=1&field_key=expected_close_date", 2, "2026-03-31 23:59:59"),
        ("start_date=2026-01-05&interval=week&amount=2&field_key=expected_close_date", 1, "2026-01-18 23:59:59"),
    ])
    func timelineListsTheDealsOfThePeriod(query: String, count: Int, end: String) async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v1/deals", json: ["title": "Jan", "value": 10, "expected_close_date": "2026-01-10"])
            try await client.call(.post, "/api/v1/deals", json: ["title": "Feb", "value": 20, "expected_close_date": "2026-02-10", "status": "won"])
            let timeline = try await client.call(.get, "/api/v1/deals/timeline?\(query)").data()
            #expect(timeline["totals"]?["count"] == .integer(count))
            #expect(timeline["period_end"] == .string(end))
            #expect(timeline["deals"]?.arrayValue?.count == count)
        }
    }

    @Test func aTimelineWithoutItsParametersIsRefused() async throws {
        try await TestSandbox().test { client in
            let refused = try await client.call(.get, "/api/v1/deals/timeline?start_date=2026-01-01&interval=year&amount=1&field_key=add_time")
            #expect(refused.status == .badRequest)
        }
    }

    @Test func aDeletedDealIsListedWithStatusDeletedInV1AndV2() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v1/deals", json: ["title": "Gone"])
            try await client.call(.post, "/api/v1/deals", json: ["title": "Kept"])
            try await client.call(.delete, "/api/v1/deals/1")
            #expect(try await client.call(.get, "/api/v1/deals").data().arrayValue?.map { $0["title"] } == ["Kept"])
            let deleted = try await client.call(.get, "/api/v1/deals?status=deleted").data()
            #expect(deleted.arrayValue?.map { $0["title"] } == ["Gone"])
            #expect(deleted.arrayValue?.first?["deleted"] == true && deleted.arrayValue?.first?["active"] == false)
            let v2 = try await client.call(.get, "/api/v2/deals?status=deleted").data()
            #expect(v2.arrayValue?.first?["is_deleted"] == true && v2.arrayValue?.first?["status"] == "deleted")
            #expect(try await client.call(.get, "/api/v2/deals").data().arrayValue?.count == 1)
            #expect(try await client.call(.get, "/api/v2/deals/1").status == .notFound)
        }
    }

    @Test(arguments: [(29.0, 1), (30.0, 0)])
    func deletedDealsAreKeptThirtyDays(days: Double, kept: Int) {
        let start = Date(timeIntervalSince1970: 1_796_515_200)
        var deals = EntityCollection(kind: .deals)
        _ = deals.insert(["title": "Gone"], now: start)
        _ = deals.remove(id: "1", now: start)
        deals.purgeDeleted(now: start.addingTimeInterval(days * 86_400))
        #expect(deals.allRecords.count == kept)
        #expect(deals.records.isEmpty)
    }
}

extension DealStateTests {
    @Test(arguments: ["deals", "leads"])
    func listsArchivedRecords(kind: String) async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v1/persons", json: ["name": "Ada"])
            try await client.call(.post, "/api/v1/\(kind)", json: ["title": "Old", "person_id": 1, "is_archived": true])
            try await client.call(.post, "/api/v1/\(kind)", json: ["title": "New", "person_id": 1])
            let archived = try await client.call(.get, "/v1/\(kind)/archived").data()
            #expect(archived.arrayValue?.map { $0["title"] } == ["Old"])
        }
    }
}

extension DealStateTests {
    @Test(arguments: ["persons", "organizations", "products", "activities"])
    func otherKindsAreMarkedDeletedForV1AndV2(kind: String) async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v1/\(kind)", json: ["name": "Gone", "subject": "Gone"])
            #expect(try await client.call(.delete, "/api/v1/\(kind)/1").data() == ["id": 1])
            let v1 = try await client.call(.get, "/api/v1/\(kind)/1")
            let v2 = try await client.call(.get, "/api/v2/\(kind)/1")
            #expect(v1.status == .notFound && v2.status == .notFound)
            #expect(try await client.call(.get, "/api/v2/\(kind)").data() == [])
            #expect(try await client.call(.delete, "/api/v2/\(kind)/1").status == .notFound)
        }
    }
}
