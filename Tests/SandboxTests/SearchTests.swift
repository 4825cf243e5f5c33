import HTTPTypes
import HummingbirdTesting
import Sandbox
import Testing
import ToolportJSON

struct SearchTests {
    @Test func searchesDealsByTitle() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v1/deals", json: ["title": "Acme renewal"])
            try await client.call(.post, "/api/v1/deals", json: ["title": "Globex pilot"])
            let response = try await client.call(.get, "/api/v1/deals/search?term=acme").json()
            #expect(response["success"] == true)
            let items = try #require(response["data"]?["items"]?.arrayValue)
            #expect(items.count == 1)
            #expect(items.first?["result_score"] == 1)
            #expect(items.first?["item"]?["title"] == "Acme renewal")
            #expect(items.first?["item"]?["type"] == "deal")
            #expect(response["additional_data"]?["pagination"]?["more_items_in_collection"] == false)
        }
    }

    @Test func searchesPersonsByEmailAndOrganizationsProductsAndLeads() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v1/persons", json: ["name": "Ada", "email": ["ada@engines.example"]])
            try await client.call(.post, "/api/v1/organizations", json: ["name": "Engines Ltd"])
            try await client.call(.post, "/api/v1/products", json: ["name": "Engine oil", "code": "OIL-1"])
            try await client.call(.post, "/api/v1/leads", json: ["title": "Engine lead"])
            for path in ["persons", "organizations", "products", "leads"] {
                let items = try await client.call(.get, "/api/v1/\(path)/search?term=engine").data()["items"]
                #expect(items?.arrayValue?.count == 1, "\(path)")
            }
            #expect(try await client.call(.get, "/api/v1/products/search?term=OIL-1&exact_match=true").data()["items"]?.arrayValue?.count == 1)
        }
    }

    @Test func searchesAcrossItemTypes() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v1/deals", json: ["title": "Acme deal"])
            try await client.call(.post, "/api/v1/organizations", json: ["name": "Acme"])
            let all = try await client.call(.get, "/api/v1/itemSearch?term=acme").data()["items"]?.arrayValue
            #expect(Set(all?.compactMap { $0["item"]?["type"]?.stringValue } ?? []) == ["deal", "organization"])
            let deals = try await client.call(.get, "/api/v1/itemSearch?term=acme&item_types=deal").data()["items"]?.arrayValue
            #expect(deals?.count == 1)
        }
    }

    @Test func requiresATermOfTwoCharacters() async throws {
        try await TestSandbox().test { client in
            let first = try await client.call(.get, "/api/v1/deals/search")
            #expect(first.status == .badRequest)
            let second = try await client.call(.get, "/api/v1/deals/search?term=a")
            #expect(second.status == .badRequest)
        }
    }
}
