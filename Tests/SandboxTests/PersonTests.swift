import HTTPTypes
import HummingbirdTesting
import Sandbox
import Testing
import ToolportJSON

struct PersonTests {
    @Test func storesEmailsAsPipedriveLists() async throws {
        try await TestSandbox().test { client in
            let person = try await client.call(.post, "/api/v1/persons", json: ["name": "Ada Lovelace", "email": "ada@example.com"]).data()
            #expect(person["email"] == [["value": "ada@example.com", "primary": true, "label": "work"]])
            #expect(person["owner_id"]?["id"] == 1)
        }
    }

    @Test func listsPaginatesUpdatesAndDeletesPersons() async throws {
        try await TestSandbox().test { client in
            for name in ["Ada", "Grace", "Edsger"] { try await client.call(.post, "/api/v1/persons", json: ["name": .string(name)]) }
            let page = try await client.call(.get, "/api/v1/persons?start=1&limit=1").json()
            #expect(page["data"]?.arrayValue?.map { $0["name"] } == ["Grace"])
            #expect(page["additional_data"]?["pagination"]?["next_start"] == 2)

            let updated = try await client.call(.put, "/api/v1/persons/2", json: ["name": "Grace Hopper"]).data()
            #expect(updated["name"] == "Grace Hopper")
            #expect(try await client.call(.delete, "/api/v1/persons/2").data() == ["id": 2])
            #expect(try await client.call(.get, "/api/v1/persons/2").json()["error"] == "Person not found")
            #expect(try await client.call(.delete, "/api/v1/persons?ids=1,3").data() == ["id": [1, 3]])
            #expect(try await client.call(.get, "/api/v1/persons").data() == [])
        }
    }

    @Test func filtersPersonsByOrganization() async throws {
        try await TestSandbox().test { client in
            let org = try await client.call(.post, "/api/v1/organizations", json: ["name": "Analytical Engines"]).data()
            try await client.call(.post, "/api/v1/persons", json: ["name": "Ada", "org_id": org["id"] ?? nil])
            try await client.call(.post, "/api/v1/persons", json: ["name": "Grace"])
            #expect(try await client.call(.get, "/api/v1/persons?org_id=1").data().arrayValue?.map { $0["name"] } == ["Ada"])
            #expect(try await client.call(.get, "/api/v1/organizations/1/persons").data().arrayValue?.map { $0["name"] } == ["Ada"])
        }
    }
}
