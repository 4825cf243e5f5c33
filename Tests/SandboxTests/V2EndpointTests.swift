import Foundation
import HTTPTypes
import HummingbirdTesting
import Sandbox
import Testing
import ToolportJSON

struct V2EndpointTests {
    static let customKey = String(repeating: "ab", count: 20)

    @Test func createsGetsUpdatesAndDeletesADeal() async throws {
        try await TestSandbox().test { client in
            let created = try await client.call(.post, "/api/v2/deals", json: ["title": "Big deal", "value": 5000, "owner_id": 1])
            #expect(created.status == .ok)
            let deal = try created.data()
            #expect(deal["id"] == 1)
            #expect(deal["title"] == "Big deal")
            #expect(deal["value"] == 5000)
            #expect(deal["owner_id"] == 1)
            #expect(deal["status"] == "open")
            #expect(deal["is_deleted"] == false)
            #expect(deal["person_id"] == .null)
            #expect(deal["custom_fields"] == [:])
            #expect(deal["user_id"] == nil)
            #expect(deal["add_time"]?.stringValue?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)

            #expect(try await client.call(.get, "/api/v2/deals/1").data() == deal)

            let updated = try await client.call(.patch, "/api/v2/deals/1", json: ["status": "won", "value": 7000.5]).data()
            #expect(updated["status"] == "won")
            #expect(updated["value"] == 7000.5)
            #expect(updated["title"] == "Big deal")

            let deleted = try await client.call(.delete, "/api/v2/deals/1")
            #expect(try deleted.json() == ["success": true, "data": ["id": 1]])
            let missing = try await client.call(.get, "/api/v2/deals/1")
            #expect(missing.status == .notFound)
            #expect(try missing.json() == ["success": false, "error": "Deal not found", "code": "ERR_NOT_FOUND"])
            #expect(try await client.call(.patch, "/api/v2/deals/1", json: ["title": "x"]).status == .notFound)
            #expect(try await client.call(.delete, "/api/v2/deals/1").status == .notFound)
        }
    }

    @Test func createsGetsUpdatesAndDeletesPersonsOrganizationsActivitiesAndProducts() async throws {
        try await TestSandbox().test { client in
            let organization = try await client.call(
                .post, "/api/v2/organizations", json: ["name": "Engines Ltd", "address": ["value": "1 Main St", "country": "UK"]]
            ).data()
            #expect(organization["address"] == ["value": "1 Main St", "country": "UK"])
            #expect(organization["owner_id"] == 1)

            let person = try await client.call(
                .post, "/api/v2/persons",
                json: ["name": "Ada", "org_id": 1, "emails": [["value": "ada@example.com", "primary": true, "label": "work"]]]
            ).data()
            #expect(person["emails"] == [["value": "ada@example.com", "primary": true, "label": "work"]])
            #expect(person["org_id"] == 1)
            let renamed = try await client.call(.patch, "/api/v2/persons/1", json: ["name": "Ada L."]).data()
            #expect(renamed["name"] == "Ada L.")
            #expect(renamed["emails"] == person["emails"])

            let activity = try await client.call(
                .post, "/api/v2/activities", json: ["subject": "Call Ada", "person_id": 1, "due_date": "2026-12-01", "due_time": "10:30", "busy": true]
            ).data()
            #expect(activity["done"] == false)
            #expect(activity["busy"] == true)
            #expect(activity["owner_id"] == 1)
            #expect(activity["due_date"] == "2026-12-01")
            #expect(try await client.call(.patch, "/api/v2/activities/1", json: ["done": true]).data()["done"] == true)

            let product = try await client.call(
                .post, "/api/v2/products", json: ["name": "Engine oil", "code": "OIL-1", "is_linkable": false, "prices": [["price": 5, "currency": "USD"]]]
            ).data()
            #expect(product["is_linkable"] == false)
            #expect(product["prices"] == [["price": 5, "currency": "USD"]])
            #expect(try await client.call(.get, "/api/v2/products/1").data()["code"] == "OIL-1")

            for path in ["organizations", "persons", "activities", "products"] {
                #expect(try await client.call(.delete, "/api/v2/\(path)/1").json() == ["success": true, "data": ["id": 1]])
                #expect(try await client.call(.get, "/api/v2/\(path)/1").status == .notFound)
            }
        }
    }

    @Test func pagesThroughDealsWithACursor() async throws {
        try await TestSandbox().test { client in
            for number in 1...5 { try await client.call(.post, "/api/v2/deals", json: ["title": .string("Deal \(number)")]) }
            var titles: [[String]] = []
            var cursor: String?
            repeat {
                let query = cursor.map { "&cursor=\($0)" } ?? ""
                let page = try await client.call(.get, "/api/v2/deals?limit=2\(query)").json()
                #expect(page["success"] == true)
                titles.append(page["data"]?.arrayValue?.compactMap { $0["title"]?.stringValue } ?? [])
                cursor = page["additional_data"]?["next_cursor"]?.stringValue
                if cursor == nil { #expect(page["additional_data"] == ["next_cursor": nil]) }
            } while cursor != nil && titles.count < 5
            #expect(titles == [["Deal 1", "Deal 2"], ["Deal 3", "Deal 4"], ["Deal 5"]])
            let bad = try await client.call(.get, "/api/v2/deals?cursor=not-a-cursor")
            #expect(bad.status == .badRequest)
            #expect(try bad.json()["success"] == false)
            #expect(try await client.call(.get, "/api/v2/deals?limit=501").status == .badRequest)
        }
    }

    @Test func readsAV1DealThroughV2() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v1/deals", json: ["title": "From v1", "value": "1250.5", "user_id": 7, Self.customKey: "blue"])
            let deal = try await client.call(.get, "/api/v2/deals/1").data()
            #expect(deal["owner_id"] == 7)
            #expect(deal["user_id"] == nil)
            #expect(deal["value"] == 1250.5)
            #expect(deal["custom_fields"] == [.init(stringLiteral: Self.customKey): "blue"])
            #expect(deal[Self.customKey] == nil)
            let v1Time = try await client.call(.get, "/api/v1/deals/1").data()["add_time"]?.stringValue ?? ""
            #expect(deal["add_time"]?.stringValue == v1Time.replacingOccurrences(of: " ", with: "T") + "Z")
            #expect(deal["update_time"]?.stringValue?.hasSuffix("Z") == true)
            #expect(deal["is_deleted"] == false)
        }
    }

    @Test func readsAV2DealThroughV1() async throws {
        try await TestSandbox().test { client in
            try await client.call(
                .post, "/api/v2/deals",
                json: ["title": "From v2", "owner_id": 3, "custom_fields": [.init(stringLiteral: Self.customKey): "green"], "close_time": "2026-11-30T10:00:00Z"]
            )
            let deal = try await client.call(.get, "/api/v1/deals/1").data()
            #expect(deal["user_id"]?["value"] == 3)
            #expect(deal["owner_id"] == nil)
            #expect(deal[Self.customKey] == "green")
            #expect(deal["custom_fields"] == nil)
            #expect(deal["close_time"] == "2026-11-30 10:00:00")
            #expect(deal["add_time"]?.stringValue?.count == 19)
            #expect(try await client.call(.get, "/api/v1/deals?user_id=3").data().arrayValue?.count == 1)
            // And back: a v1 update is visible through v2.
            try await client.call(.put, "/api/v1/deals/1", json: ["title": "Renamed in v1"])
            let v2 = try await client.call(.get, "/api/v2/deals/1").data()
            #expect(v2["title"] == "Renamed in v1")
            #expect(v2["close_time"] == "2026-11-30T10:00:00Z")
        }
    }

    @Test func nestsCustomFieldsAndMergesThemOnPatch() async throws {
        try await TestSandbox().test { client in
            let other = String(repeating: "cd", count: 20)
            try await client.call(.post, "/api/v2/persons", json: ["name": "Ada", "custom_fields": [.init(stringLiteral: Self.customKey): "one"]])
            let patched = try await client.call(.patch, "/api/v2/persons/1", json: ["custom_fields": [.init(stringLiteral: other): 2]]).data()
            #expect(patched["custom_fields"] == [.init(stringLiteral: Self.customKey): "one", .init(stringLiteral: other): 2])
            let v1 = try await client.call(.get, "/api/v1/persons/1").data()
            #expect(v1[Self.customKey] == "one")
            #expect(v1[other] == 2)

            let topLevel = try await client.call(.post, "/api/v2/deals", json: ["title": "x", .init(stringLiteral: Self.customKey): "no"])
            #expect(topLevel.status == .badRequest)
            #expect(try topLevel.json()["error"]?.stringValue?.contains("custom_fields") == true)
            let badKey = try await client.call(.post, "/api/v2/deals", json: ["title": "x", "custom_fields": ["title": "sneaky"]])
            #expect(badKey.status == .badRequest)
        }
    }

    static let invalidBodies: [(path: String, body: JSONValue)] = [
        ("/api/v2/activities", ["subject": "x", "done": 1]),
        ("/api/v2/deals", ["title": "x", "owner_id": "5"]),
        ("/api/v2/deals", ["title": "x", "value": "100"]),
        ("/api/v2/deals", ["title": "x", "expected_close_date": "30/11/2026"]),
        ("/api/v2/deals", ["title": "x", "close_time": "2026-11-30 10:00:00"]),
        ("/api/v2/deals", ["title": "x", "status": "closed"]),
        ("/api/v2/deals", ["title": "x", "user_id": 1]),
        ("/api/v2/deals", ["value": 10]),
        ("/api/v2/persons", ["name": "Ada", "emails": ["ada@example.com"]]),
        ("/api/v2/activities", ["subject": "x", "due_time": "25:00"]),
        ("/api/v2/organizations", ["name": "x", "add_time": "yesterday"]),
        ("/api/v2/stages", ["name": "x"]),
    ]

    @Test(arguments: invalidBodies)
    func refusesWrongTypesUnknownFieldsAndMissingRequiredOnes(path: String, body: JSONValue) async throws {
        try await TestSandbox().test { client in
            let response = try await client.call(.post, path, json: body)
            #expect(response.status == .badRequest)
            let json = try response.json()
            let message = json["error"]?.stringValue ?? ""
            #expect(json["success"] == false)
            #expect(json["code"] == "ERR_SCHEMA_VALIDATION_FAILED")
            #expect(!message.isEmpty)
        }
    }

    @Test func refusesWrongTypesInQueriesAndPatchesAndNonJSONBodies() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v2/deals", json: ["title": "x"])
            for uri in [
                "/api/v2/deals?owner_id=abc", "/api/v2/activities?done=1", "/api/v2/deals?status=closed", "/api/v2/deals?ids=1,x",
                "/api/v2/deals?sort_by=title", "/api/v2/deals?sort_direction=up", "/api/v2/deals?updated_since=2026-11-30",
                "/api/v2/deals/abc",
            ] {
                #expect(try await client.call(.get, uri).status == .badRequest, "\(uri)")
            }
            #expect(try await client.call(.patch, "/api/v2/deals/1", json: ["is_deleted": "false"]).status == .badRequest)
            #expect(try await client.call(.patch, "/api/v2/persons/1", json: ["add_time": "2026-11-30T10:00:00Z"]).status == .badRequest)
            let form = try await client.callForm(.post, "/api/v2/deals", form: "title=x")
            #expect(form.status == .unsupportedMediaType)
            #expect(try form.json()["success"] == false)
            #expect(try await client.call(.put, "/api/v2/deals/1", json: ["title": "x"]).status == .notFound)
        }
    }

    @Test func filtersListsByTheV2Filters() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v2/deals", json: ["title": "Open one", "person_id": 4])
            try await client.call(.post, "/api/v2/deals", json: ["title": "Won one", "status": "won", "stage_id": 2, "owner_id": 7, "org_id": 9])
            try await client.call(.post, "/api/v2/deals", json: ["title": "Deleted one", "is_deleted": true])
            func titles(_ query: String) async throws -> [String] {
                try await client.call(.get, "/api/v2/deals?\(query)").data().arrayValue?.compactMap { $0["title"]?.stringValue } ?? []
            }
            #expect(try await titles("") == ["Open one", "Won one"])
            #expect(try await titles("status=won") == ["Won one"])
            #expect(try await titles("status=deleted") == ["Deleted one"])
            #expect(try await titles("owner_id=7") == ["Won one"])
            #expect(try await titles("owner_id=1") == ["Open one"])
            #expect(try await titles("person_id=4") == ["Open one"])
            #expect(try await titles("org_id=9&stage_id=2&pipeline_id=1&filter_id=12") == ["Won one"])
            #expect(try await titles("ids=2,1") == ["Open one", "Won one"])
            #expect(try await titles("updated_since=2000-01-01T00:00:00Z").count == 2)
            #expect(try await titles("updated_until=2000-01-01T00:00:00Z").isEmpty)

            try await client.call(.post, "/api/v2/activities", json: ["subject": "Done call", "deal_id": 1, "done": true])
            try await client.call(.post, "/api/v2/activities", json: ["subject": "Open call", "deal_id": 2, "owner_id": 7])
            #expect(try await client.call(.get, "/api/v2/activities?done=true").data().arrayValue?.map { $0["subject"] } == ["Done call"])
            #expect(try await client.call(.get, "/api/v2/activities?deal_id=2").data().arrayValue?.map { $0["subject"] } == ["Open call"])
            #expect(try await client.call(.get, "/api/v2/activities?owner_id=7").data().arrayValue?.count == 1)
            #expect(try await client.call(.get, "/api/v2/stages?pipeline_id=1").data().arrayValue?.count == 4)
            #expect(try await client.call(.get, "/api/v2/stages?pipeline_id=2").data().arrayValue?.isEmpty == true)
        }
    }

    @Test func sortsBySortByAndSortDirection() async throws {
        try await TestSandbox().test { client in
            for title in ["A", "B", "C"] { try await client.call(.post, "/api/v2/deals", json: ["title": .string(title)]) }
            try await client.call(.patch, "/api/v2/deals/2", json: ["title": "B2"])
            func titles(_ query: String) async throws -> [String] {
                try await client.call(.get, "/api/v2/deals?\(query)").data().arrayValue?.compactMap { $0["title"]?.stringValue } ?? []
            }
            #expect(try await titles("sort_by=id&sort_direction=desc") == ["C", "B2", "A"])
            #expect(try await titles("sort_by=id") == ["A", "B2", "C"])
            // Equal times fall back to the id, in the same direction.
            #expect(try await titles("sort_by=add_time&sort_direction=desc") == ["C", "B2", "A"])
            #expect(try await titles("sort_by=update_time&sort_direction=asc&limit=1") == ["A"])
            #expect(try await client.call(.get, "/api/v2/stages?sort_by=order_nr&sort_direction=desc").data().arrayValue?.first?["name"] == "Negotiations Started")
        }
    }

    @Test func searchesEntitiesAndItems() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v2/organizations", json: ["name": "Acme Corp"])
            try await client.call(.post, "/api/v2/persons", json: ["name": "Wile", "org_id": 1, "emails": [["value": "wile@acme.example"]]])
            try await client.call(.post, "/api/v2/deals", json: ["title": "Acme renewal", "person_id": 1, "org_id": 1, "value": 10])
            try await client.call(.post, "/api/v2/deals", json: ["title": "Globex pilot"])
            try await client.call(.post, "/api/v2/products", json: ["name": "Acme anvil"])
            try await client.call(.post, "/api/v1/leads", json: ["title": "Acme lead"])

            let deals = try await client.call(.get, "/api/v2/deals/search?term=acme").json()
            #expect(deals["success"] == true)
            #expect(deals["additional_data"] == ["next_cursor": nil])
            let items = try #require(deals["data"]?["items"]?.arrayValue)
            #expect(items.count == 1)
            let item = try #require(items.first?["item"])
            #expect(items.first?["result_score"]?.doubleValue ?? 0 > 0)
            #expect(item["type"] == "deal")
            #expect(item["title"] == "Acme renewal")
            #expect(item["owner"] == ["id": 1])
            #expect(item["person"] == ["id": 1, "name": "Wile"])
            #expect(item["organization"]?["name"] == "Acme Corp")
            #expect(item["stage"] == ["id": 1, "name": "Qualified"])

            let persons = try await client.call(.get, "/api/v2/persons/search?term=wile@acme.example").data()["items"]
            #expect(persons?.arrayValue?.first?["item"]?["emails"] == ["wile@acme.example"])
            #expect(try await client.call(.get, "/api/v2/organizations/search?term=acme").data()["items"]?.arrayValue?.count == 1)
            #expect(try await client.call(.get, "/api/v2/products/search?term=anvil").data()["items"]?.arrayValue?.count == 1)
            #expect(try await client.call(.get, "/api/v2/leads/search?term=acme").data()["items"]?.arrayValue?.first?["item"]?["type"] == "lead")
            #expect(try await client.call(.get, "/api/v2/deals/search?term=acme&person_id=2").data()["items"] == [])

            let everything = try await client.call(.get, "/api/v2/itemSearch?term=acme").data()["items"]?.arrayValue ?? []
            #expect(Set(everything.compactMap { $0["item"]?["type"]?.stringValue }) == ["deal", "organization", "product", "lead", "person"])
            let exactFirst = try await client.call(.get, "/api/v2/itemSearch?term=acme%20corp").data()["items"]?.arrayValue?.first
            #expect(exactFirst?["result_score"]?.doubleValue == 1)
            let onlyDeals = try await client.call(.get, "/api/v2/itemSearch?term=acme&item_types=deal,product&limit=1").json()
            #expect(onlyDeals["data"]?["items"]?.arrayValue?.count == 1)
            #expect(onlyDeals["additional_data"]?["next_cursor"]?.stringValue != nil)

            #expect(try await client.call(.get, "/api/v2/deals/search?term=a").status == .badRequest)
            #expect(try await client.call(.get, "/api/v2/deals/search?term=a&exact_match=true").status == .ok)
            #expect(try await client.call(.get, "/api/v2/deals/search?term=acme&exact_match=1").status == .badRequest)
            #expect(try await client.call(.get, "/api/v2/itemSearch?term=acme&item_types=planet").status == .badRequest)
        }
    }

    @Test func answersOtherV2OperationsWithAnEcho() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v2/deals", json: ["title": "x"])
            let followers = try await client.call(.get, "/api/v2/deals/1/followers").json()
            #expect(followers == ["success": true, "data": [], "additional_data": ["next_cursor": nil]])
            let added = try await client.call(.post, "/api/v2/deals/1/followers", json: ["user_id": 5]).data()
            #expect(added["user_id"] == 5)
            #expect(added["deal_id"] == 1)
            #expect(added["id"]?.doubleValue != nil)
            #expect(try await client.call(.get, "/api/v2/deals/9/followers").status == .notFound)
            #expect(try await client.call(.get, "/api/v2/deals/archived").status == .ok)
            #expect(try await client.call(.get, "/api/v2/nothing/here").status == .notFound)
        }
    }

    @Test func checksAuthAppliesFaultsAndRecordsV2Requests() async throws {
        let harness = TestSandbox()
        try await harness.test { client in
            let refused = try await client.call(.get, "/api/v2/deals", headers: [:])
            #expect(refused.status == .unauthorized)
            #expect(try refused.json()["errorCode"] == 401)
            #expect(try await client.call(.get, "/api/v2/deals", headers: .bearer(TestSandbox.apiToken)).status == .ok)
            #expect(try await client.call(.get, "/api/v2/deals?api_token=\(TestSandbox.apiToken)", headers: [:]).status == .ok)
            try await client.call(.post, "/api/v2/deals", json: ["title": "Recorded"])

            await harness.sandbox.setFaults([FaultRule(kind: .serverError, pathContains: "/api/v2/", times: 1)])
            #expect(try await client.call(.get, "/api/v2/deals").status == .internalServerError)
            #expect(try await client.call(.get, "/api/v2/deals").status == .ok)
        }
        let requests = await harness.sandbox.recordedRequests()
        #expect(requests.map(\.path) == Array(repeating: "/api/v2/deals", count: 6))
        #expect(requests[3].method == "POST")
        #expect(requests[3].jsonBody == ["title": "Recorded"])
        #expect(requests[2].query["api_token"] == TestSandbox.apiToken)
    }
}
