import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Sandbox
import Testing
import ToolportJSON

/// Answers shaped as Pipedrive's specs have them (issue 19; Tests/sandbox_oracle checks every operation).
struct AnswerShapeTests {
    @Test func v1ExpandsOwnersPersonsAndOrganizations() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v1/organizations", json: ["name": "Acme", "address": "Tallinn"])
            try await client.call(.post, "/api/v1/persons", json: ["name": "Ada", "org_id": 1, "email": "ada@example.com"])
            let deal = try await client.call(.post, "/api/v1/deals", json: ["title": "Big", "person_id": 1, "org_id": 1]).data()
            #expect(deal["user_id"]?["id"] == 1)
            #expect(deal["user_id"]?["name"] == "Sandbox User")
            #expect(deal["user_id"]?["value"] == 1)
            #expect(deal["person_id"]?["name"] == "Ada")
            #expect(deal["person_id"]?["email"]?.arrayValue?.first?["value"] == "ada@example.com")
            #expect(deal["org_id"]?["name"] == "Acme")
            #expect(deal["org_id"]?["people_count"] == 1)
            #expect(try await client.call(.get, "/api/v1/organizations/1/deals").data().arrayValue?.first?["org_id"]?["value"] == 1)
            #expect(try await client.call(.get, "/api/v1/persons").data().arrayValue?.first?["owner_id"]?["id"] == 1)
            // v2 keeps ids, and v1 filters still match them.
            #expect(try await client.call(.get, "/api/v2/deals/1").data()["person_id"] == 1)
            #expect(try await client.call(.get, "/api/v1/deals?person_id=1").data().arrayValue?.count == 1)
        }
    }

    @Test(arguments: [
        ("/api/v1/deals/summary", "object"), ("/api/v1/goals/find", "object"), ("/api/v1/legacyTeams/user/1", "array"),
        ("/api/v1/activityTypes", "array"), ("/api/v2/persons/1/picture", "object"), ("/api/v2/dealFields/abc", "object"),
    ])
    func echoAnswersHaveTheSpecsShape(path: String, shape: String) async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v1/persons", json: ["name": "Ada"])
            let data = try await client.call(.get, path).data()
            #expect((shape == "object" ? data.objectValue != nil : data.arrayValue != nil), "\(path): \(data)")
        }
    }

    @Test func aDeletedNoteAnswersTrue() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v1/notes", json: ["content": "Hi"])
            #expect(try await client.call(.delete, "/api/v1/notes/1").data() == true)
        }
    }
}

extension AnswerShapeTests {
    @Test func v2TakesTheProductImageAsMultipart() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v1/products", json: ["name": "Widget"])
            let body = "--b\r\nContent-Disposition: form-data; name=\"data\"; filename=\"w.png\"\r\nContent-Type: image/png\r\n\r\nPNG\r\n--b--\r\n"
            let response = try await client.execute(
                uri: "/api/v2/products/1/images", method: .post,
                headers: HTTPFields.apiToken + [HTTPField(name: .contentType, value: "multipart/form-data; boundary=b")],
                body: ByteBuffer(string: body)
            )
            #expect(response.status == .ok)
            #expect(try response.data()["product_id"] == 1)
        }
    }
}

extension AnswerShapeTests {
    @Test(arguments: [("100", JSONValue.integer(100)), ("1250.5", .number(1250.5)), ("lots", .string("lots"))])
    func aDealValueSentAsTextIsANumber(sent: String, stored: JSONValue) async throws {
        try await TestSandbox().test { client in
            let added = try await client.call(.post, "/api/v1/deals", json: ["title": "A", "value": .string(sent)]).data()
            let updated = try await client.call(.put, "/api/v1/deals/1", json: ["value": .string(sent)]).data()
            #expect(added["value"] == stored)
            #expect(updated["value"] == stored)
        }
    }
}

extension AnswerShapeTests {
    @Test(arguments: [
        ("GET", ["goals", "find"], EchoShape.API.v1, true), ("GET", ["activityTypes"], .v1, false),
        ("GET", ["productFields", "{field_code}"], .v2, true), ("PATCH", ["dealFields", "{field_code}", "options"], .v2, true),
        ("GET", ["dealFields"], .v2, false), ("GET", ["goals", "find"], .v2, false),
    ])
    func echoShapesAreLookedUpByOperation(method: String, template: [String], api: EchoShape.API, shaped: Bool) {
        #expect((EchoShape.of(method: method, template: template, api: api) != nil) == shaped)
    }
}
