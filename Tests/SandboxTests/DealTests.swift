import HTTPTypes
import HummingbirdTesting
import Sandbox
import Testing
import ToolportJSON

struct DealTests {
    @Test func addsGetsUpdatesAndDeletesADeal() async throws {
        try await TestSandbox().test { client in
            let customKey = String(repeating: "a1", count: 20)
            let created = try await client.call(.post, "/api/v1/deals", json: ["title": "Big deal", "value": 5000, customKey: "custom value"])
            #expect(created.status == .created)
            let deal = try created.data()
            #expect(deal["id"] == 1)
            #expect(deal["title"] == "Big deal")
            #expect(deal["status"] == "open")
            #expect(deal[customKey] == "custom value")
            #expect(deal["add_time"]?.stringValue?.count == 19)

            #expect(try await client.call(.get, "/api/v1/deals/1").data() == deal)

            let updated = try await client.call(.put, "/api/v1/deals/1", json: ["status": "won", "value": 7000]).data()
            #expect(updated["status"] == "won")
            #expect(updated["value"] == 7000)
            #expect(updated["title"] == "Big deal")
            #expect(updated["id"] == 1)

            let deleted = try await client.call(.delete, "/api/v1/deals/1")
            #expect(try deleted.json() == ["success": true, "data": ["id": 1]])
            let missing = try await client.call(.get, "/api/v1/deals/1")
            #expect(missing.status == .notFound)
            #expect(try missing.json()["error"] == "Deal not found")
            #expect(try missing.json()["success"] == false)
            #expect(try missing.json()["data"] == .null)
        }
    }

    @Test func paginatesWithStartAndLimit() async throws {
        try await TestSandbox().test { client in
            for number in 1...5 { try await client.call(.post, "/api/v1/deals", json: ["title": .string("Deal \(number)")]) }
            let first = try await client.call(.get, "/api/v1/deals?start=0&limit=2").json()
            #expect(first["data"]?.arrayValue?.compactMap { $0["title"]?.stringValue } == ["Deal 1", "Deal 2"])
            #expect(first["additional_data"]?["pagination"] == ["start": 0, "limit": 2, "more_items_in_collection": true, "next_start": 2])
            let last = try await client.call(.get, "/api/v1/deals?start=4&limit=2").json()
            #expect(last["data"]?.arrayValue?.count == 1)
            #expect(last["additional_data"]?["pagination"] == ["start": 4, "limit": 2, "more_items_in_collection": false])
        }
    }

    @Test func filtersByStatusStageAndUser() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v1/deals", json: ["title": "Open one"])
            try await client.call(.post, "/api/v1/deals", json: ["title": "Won one", "status": "won", "stage_id": 2, "user_id": 7])
            let won = try await client.call(.get, "/api/v1/deals?status=won").data()
            #expect(won.arrayValue?.map { $0["title"] } == ["Won one"])
            #expect(try await client.call(.get, "/api/v1/deals?stage_id=2").data().arrayValue?.count == 1)
            #expect(try await client.call(.get, "/api/v1/deals?user_id=7").data().arrayValue?.count == 1)
            #expect(try await client.call(.get, "/api/v1/deals?status=all_not_deleted").data().arrayValue?.count == 2)
        }
    }

    @Test func bulkDeletesByIDs() async throws {
        try await TestSandbox().test { client in
            for title in ["A", "B", "C"] { try await client.call(.post, "/api/v1/deals", json: ["title": .string(title)]) }
            let response = try await client.call(.delete, "/api/v1/deals?ids=1,3")
            #expect(try response.json() == ["success": true, "data": ["id": [1, 3]]])
            #expect(try await client.call(.get, "/api/v1/deals").data().arrayValue?.map { $0["title"] } == ["B"])
        }
    }

    @Test func servesDealActivitiesPersonsAndNotes() async throws {
        try await TestSandbox().test { client in
            let person = try await client.call(.post, "/api/v1/persons", json: ["name": "Ada"]).data()
            let deal = try await client.call(.post, "/api/v1/deals", json: ["title": "With Ada", "person_id": person["id"] ?? nil]).data()
            try await client.call(.post, "/api/v1/activities", json: ["subject": "Call Ada", "deal_id": deal["id"] ?? nil])
            try await client.call(.post, "/api/v1/activities", json: ["subject": "Unrelated"])
            try await client.call(.post, "/api/v1/notes", json: ["content": "Likes tea", "deal_id": deal["id"] ?? nil])

            let activities = try await client.call(.get, "/api/v1/deals/1/activities").data()
            #expect(activities.arrayValue?.map { $0["subject"] } == ["Call Ada"])
            #expect(try await client.call(.get, "/api/v1/deals/1/persons").data().arrayValue?.map { $0["name"] } == ["Ada"])
            #expect(try await client.call(.get, "/api/v1/notes?deal_id=1").data().arrayValue?.map { $0["content"] } == ["Likes tea"])
            #expect(try await client.call(.get, "/api/v1/notes?deal_id=2").data().arrayValue?.isEmpty == true)
            #expect(try await client.call(.get, "/api/v1/deals/9/activities").status == .notFound)
        }
    }

    @Test func servesTheV1AliasOfEveryPath() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/v1/deals", json: ["title": "Via alias"])
            #expect(try await client.call(.get, "/api/v1/deals/1").data()["title"] == "Via alias")
            #expect(try await client.call(.get, "/v1/deals/1").status == .ok)
        }
    }

    @Test func refusesADealWithoutTitle() async throws {
        try await TestSandbox().test { client in
            let response = try await client.call(.post, "/api/v1/deals", json: ["value": 10])
            #expect(response.status == .badRequest)
            #expect(try response.json()["error"]?.stringValue?.contains("title") == true)
        }
    }
}
