import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Sandbox
import Testing
import ToolportJSON

struct CatalogOperationTests {
    @Test func answersAListOperationWithAnEmptyPage() async throws {
        try await TestSandbox().test { client in
            let response = try await client.call(.get, "/api/v1/activityTypes")
            #expect(response.status == .ok)
            #expect(
                try response.json()
                    == ["success": true, "data": [], "additional_data": ["pagination": ["start": 0, "limit": 100, "more_items_in_collection": false]]]
            )
        }
    }

    @Test func echoesTheBodyOfAWriteWithAnID() async throws {
        try await TestSandbox().test { client in
            let response = try await client.call(.post, "/api/v1/roles", json: ["name": "Sales", "parent_role_id": 3])
            #expect(response.status == .ok)
            #expect(try response.json() == ["success": true, "data": ["name": "Sales", "parent_role_id": 3, "id": 1]])
        }
    }

    @Test func echoesPathIDs() async throws {
        try await TestSandbox().test { client in
            #expect(try await client.call(.get, "/api/v1/roles/12").data() == ["id": 12])
            let comment = try await client.call(.get, "/api/v1/notes/3/comments/abc").data()
            #expect(comment == ["id": 3, "commentId": "abc"])
            #expect(try await client.call(.put, "/api/v1/goals/g1", json: ["title": "Q3"]).data() == ["id": "g1", "title": "Q3"])
        }
    }

    @Test func refusesAMissingRequiredBodyParameter() async throws {
        try await TestSandbox().test { client in
            let response = try await client.call(.post, "/api/v1/roles", json: ["parent_role_id": 3])
            #expect(response.status == .badRequest)
            let envelope = try response.json()
            #expect(envelope["success"] == false)
            #expect(envelope["error"] == "Parameter 'name' is required")
            #expect(envelope["data"] == .null)
        }
    }

    @Test func refusesAMissingRequiredQueryParameter() async throws {
        try await TestSandbox().test { client in
            let missing = try await client.call(.get, "/api/v1/goals/7/results?period.start=2024-01-01")
            #expect(missing.status == .badRequest)
            #expect(try missing.json()["error"] == "Parameter 'period.end' is required")
            #expect(try await client.call(.get, "/api/v1/goals/7/results?period.start=2024-01-01&period.end=2024-03-31").status == .ok)
        }
    }

    @Test func refusesABodyThatIsNotJSON() async throws {
        try await TestSandbox().test { client in
            var headers = HTTPFields.apiToken
            headers[.contentType] = "application/json"
            let response = try await client.execute(uri: "/api/v1/roles", method: .post, headers: headers, body: ByteBuffer(string: "{\"name\":"))
            #expect(response.status == .badRequest)
            #expect(try response.json()["error"] == "The request body is not valid JSON.")
        }
    }

    @Test func acceptsFormBodiesForFormOperations() async throws {
        try await TestSandbox().test { client in
            let response = try await client.callForm(.put, "/api/v1/mailbox/mailThreads/5", form: "read_flag=1&archived_flag=0")
            #expect(try response.data() == ["id": 5, "read_flag": "1", "archived_flag": "0"])
        }
    }

    @Test func answersUnknownPathsAndMethodsWithTheV1NotFoundEnvelope() async throws {
        try await TestSandbox().test { client in
            for (method, path) in [(HTTPRequest.Method.get, "/api/v1/nothingHere"), (.patch, "/api/v1/deals/1"), (.get, "/elsewhere")] {
                let response = try await client.call(method, path)
                #expect(response.status == .notFound)
                #expect(try response.json()["success"] == false)
            }
        }
    }
}
