import Catalog
import CurlHTTP
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Server
import Testing
import ToolportJSON
import ToolportTestSupport

/// `GET /tools`, `GET /tools/{slug}` and the exports shaped for the framework asking, and calls made with
/// arguments shaped that way.
struct SchemaProfileRoutesTests {
    static let framework = HTTPField.Name("x-framework")!
    static let hexKey = String(repeating: "9f", count: 20)

    func tools(_ response: TestResponse) throws -> [String: [String: Any]] {
        let items = try #require(try response.json()["items"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: items.compactMap { item in (item["slug"] as? String).map { ($0, item) } })
    }

    func properties(_ tool: [String: Any]?) -> [String: Any] {
        (tool?["input_parameters"] as? [String: Any])?["properties"] as? [String: Any] ?? [:]
    }

    @Test(arguments: [("google", "gemini"), ("gemini", "gemini"), ("openai_agents", "strict"), ("openai", "canonical"), ("langchain", "canonical")])
    func theSDKsFrameworkHeaderShapesTheList(framework: String, profile: String) async throws {
        try await TestServer().test { client in
            var headers = HTTPFields.apiKey()
            headers[Self.framework] = framework
            try await client.execute(uri: "/api/v3.1/tools?toolkit_slug=pipedrive&limit=1000", method: .get, headers: headers) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[TestHeaders.warning] == nil)
                let tools = try self.tools(response)
                #expect(tools.count == 269)
                let deal = tools["PIPEDRIVE_ADD_A_DEAL"]
                let patterns = (deal?["input_parameters"] as? [String: Any])?["patternProperties"]
                #expect((self.properties(deal)["custom_fields"] != nil) == (profile != "canonical"), "\(framework)")
                #expect((patterns != nil) == (profile == "canonical"), "\(framework)")
                let flag = self.properties(tools["PIPEDRIVE_FIND_USERS_BY_NAME"])["search_by_email"] as? [String: Any]
                #expect((flag?["enum"] as? [String] == ["0", "1"]) == (profile == "gemini"), "\(framework): \(flag ?? [:])")
            }
        }
    }

    @Test func schemaProfileOverridesTheHeaderAndIsCheckedByName() async throws {
        try await TestServer().test { client in
            var headers = HTTPFields.apiKey()
            headers[Self.framework] = "google"
            try await client.execute(uri: "/api/v3.1/tools/PIPEDRIVE_ADD_A_DEAL?schema_profile=canonical", method: .get, headers: headers) { response throws in
                #expect(response.status == .ok)
                #expect((try response.json()["input_parameters"] as? [String: Any])?["patternProperties"] != nil)
            }
            try await client.execute(uri: "/api/v3.1/tools/PIPEDRIVE_ADD_A_DEAL?schema_profile=strict", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .ok)
                let tool = try response.json()
                #expect(self.properties(tool)["custom_fields"] != nil)
                #expect((tool["description"] as? String)?.contains("as an item of `custom_fields`") == true)
            }
            try await client.execute(uri: "/api/v3.1/tools?schema_profile=vertex", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .badRequest)
                #expect(try response.errorEnvelope()["message"] as? String == #"schema_profile must be one of canonical, gemini, strict, got "vertex""#)
            }
        }
    }

    /// `PIPEDRIVE_GET_ALL_USERS` with a parameter name Gemini cannot take.
    static func catalogWithAToolGeminiCannotTake() throws -> EncodedCatalog {
        EncodedCatalog(catalog: try CatalogFixture.catalog(
            replacing: "PIPEDRIVE_GET_ALL_USERS",
            inputParameters: ["type": "object", "properties": ["first-name": ["type": "string", "description": "The first name."]]]
        ))
    }

    @Test func aToolThatCannotBeShapedIsLeftOutWithAWarningAndTheRestArrive() async throws {
        try await TestServer(catalog: Self.catalogWithAToolGeminiCannotTake()).test { client in
            try await client.execute(uri: "/api/v3.1/tools?toolkit_slug=pipedrive&limit=1000&schema_profile=gemini", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .ok)
                let tools = try self.tools(response)
                #expect(tools.count == 268)
                #expect(tools["PIPEDRIVE_GET_ALL_USERS"] == nil)
                #expect(try response.json()["total_items"] as? Int == 268)
                #expect(response.headers[TestHeaders.warning] == "1 tool(s) left out, they cannot be shaped for the gemini schema profile: PIPEDRIVE_GET_ALL_USERS; ask with schema_profile=canonical for them")
            }
            // A selection without the tool has no warning; the canonical profile has every tool.
            try await client.execute(uri: "/api/v3.1/tools?tool_slugs=PIPEDRIVE_ADD_A_DEAL&schema_profile=gemini", method: .get, headers: .apiKey()) { response throws in
                #expect(try self.tools(response).count == 1)
                #expect(response.headers[TestHeaders.warning] == nil)
            }
            try await client.execute(uri: "/api/v3.1/tools?toolkit_slug=pipedrive&limit=1000", method: .get, headers: .apiKey()) { response throws in
                #expect(try self.tools(response).count == 269)
            }
            try await client.execute(uri: "/api/v3.1/tools/PIPEDRIVE_GET_ALL_USERS?schema_profile=gemini", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .unprocessableContent)
                let error = try response.errorEnvelope()
                #expect(error["slug"] as? String == "Tool_SchemaProfileUnsupported")
                #expect((error["message"] as? String)?.hasPrefix("PIPEDRIVE_GET_ALL_USERS cannot be shaped for the gemini schema profile: /parameters/properties/first-name") == true)
            }
            try await client.execute(uri: "/api/toolport/tools/export?format=gemini", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .ok)
                #expect(try response.json()["total_items"] as? Int == 268)
                #expect(response.headers[TestHeaders.warning]?.hasSuffix("gemini schema profile: PIPEDRIVE_GET_ALL_USERS") == true)
            }
        }
    }

    @Test func exportsTakeAProfileUnlessTheFormatHasItsOwn() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/toolport/tools/export?format=anthropic&schema_profile=strict&tool_slugs=PIPEDRIVE_ADD_A_DEAL", method: .get, headers: .apiKey()) { response throws in
                let tools = try #require(try response.json()["tools"] as? [[String: Any]])
                #expect(((tools.first?["input_schema"] as? [String: Any])?["properties"] as? [String: Any])?["custom_fields"] != nil)
            }
            try await client.execute(uri: "/api/toolport/tools/export?format=gemini&schema_profile=strict", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .badRequest)
                #expect(try response.errorEnvelope()["message"] as? String == #"format gemini is always shaped for the gemini schema profile, got schema_profile "strict""#)
            }
        }
    }

    @Test func aCustomFieldListReachesPipedriveAsTheDealsCustomFields() async throws {
        let pipedrive = FixedResponseClient()
        try await TestServer(client: pipedrive).test { client in
            let arguments = #"{"title":"Big deal","value":"1500","custom_fields":[{"key":"\#(Self.hexKey)","value":"Gold"}]}"#
            try await client.execute(
                uri: "/api/v3.1/tools/execute/PIPEDRIVE_ADD_A_DEAL", method: .post, headers: .apiKey(),
                body: ByteBuffer(string: #"{"user_id":"user-1","arguments":\#(arguments)}"#)
            ) { response throws in
                #expect(try response.json()["successful"] as? Bool == true)
            }
            try await client.execute(
                uri: "/api/v3.1/tools/execute/PIPEDRIVE_ADD_A_DEAL", method: .post, headers: .apiKey(),
                body: ByteBuffer(string: #"{"user_id":"user-1","arguments":{"title":"Deal","custom_fields":[{"key":"k"}]}}"#)
            ) { response throws in
                let envelope = try response.json()
                #expect(envelope["successful"] as? Bool == false)
                #expect(envelope["error"] as? String == #"Invalid arguments: custom_fields[0]: expected an object with exactly a string "key" (the field's 40-character hex key) and a "value""#)
            }
        }
        let sent = try #require(pipedrive.requests.first?.body)
        let body = try JSONValue(parsing: sent)
        #expect(body["custom_fields"] == [.init(stringLiteral: Self.hexKey): "Gold"])
        #expect(body["title"] == "Big deal")
        #expect(pipedrive.requests.count == 1)
    }
}

enum TestHeaders {
    static let warning = HTTPField.Name("x-toolport-warning")!
}
