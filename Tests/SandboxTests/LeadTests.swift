import Foundation
import HTTPTypes
import HummingbirdTesting
import Sandbox
import Testing
import ToolportJSON

struct LeadTests {
    @Test func givesLeadsUUIDsAndPatchesThem() async throws {
        try await TestSandbox().test { client in
            let created = try await client.call(.post, "/api/v1/leads", json: ["title": "Warm lead", "value": ["amount": 100, "currency": "EUR"]])
            #expect(created.status == .created)
            let lead = try created.data()
            let id = try #require(lead["id"]?.stringValue)
            #expect(UUID(uuidString: id) != nil)
            #expect(lead["value"] == ["amount": 100, "currency": "EUR"])
            #expect(lead["add_time"]?.stringValue?.hasSuffix("Z") == true)

            let patched = try await client.call(.patch, "/api/v1/leads/\(id)", json: ["title": "Hot lead"]).data()
            #expect(patched["title"] == "Hot lead")
            #expect(patched["id"] == .string(id))
            #expect(try await client.call(.put, "/api/v1/leads/\(id)", json: ["title": "x"]).status == .notFound)
            #expect(try await client.call(.delete, "/api/v1/leads/\(id)").data() == ["id": .string(id)])
            #expect(try await client.call(.get, "/api/v1/leads/\(id)").json()["error"] == "Lead not found")
        }
    }

    @Test func givesLeadLabelsUUIDs() async throws {
        try await TestSandbox().test { client in
            let label = try await client.call(.post, "/api/v1/leadLabels", json: ["name": "Hot", "color": "red"]).data()
            #expect(UUID(uuidString: label["id"]?.stringValue ?? "") != nil)
            #expect(try await client.call(.get, "/api/v1/leadLabels").data().arrayValue?.count == 1)
        }
    }
}
