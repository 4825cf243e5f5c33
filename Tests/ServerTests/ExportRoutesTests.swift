import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import Catalog
import Server

/// `GET /api/toolport/tools/export`: the catalog as provider tool definitions, with the tools-list filters.
struct ExportRoutesTests {
    static let jsonFormats = ["openai", "openai-strict", "anthropic", "gemini", "mcp"]

    /// The tool names of an export answer, whatever the format's shape.
    func names(_ response: TestResponse) throws -> [String] {
        let tools = try #require(try response.json()["tools"] as? [[String: Any]])
        return tools.compactMap { ($0["function"] as? [String: Any])?["name"] as? String ?? $0["name"] as? String }
    }

    @Test(arguments: jsonFormats)
    func exportsEveryToolInEachJSONFormat(format: String) async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/toolport/tools/export?format=\(format)", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let body = try response.json()
                #expect(body["format"] as? String == format)
                #expect(body["total_items"] as? Int == 269)
                #expect(body["next_cursor"] is NSNull)
                let names = try self.names(response)
                #expect(names.count == 269 && Set(names).count == 269)
                #expect(names.allSatisfy { $0.hasPrefix("PIPEDRIVE_") })
            }
        }
    }

    @Test func eachFormatHasItsProvidersShape() async throws {
        try await TestServer().test { client in
            let keys: [String: Set<String>] = [
                "openai": ["type", "function"], "openai-strict": ["type", "function"], "anthropic": ["name", "description", "input_schema"],
                "gemini": ["name", "description", "parameters"], "mcp": ["name", "description", "inputSchema", "annotations"],
            ]
            for (format, expected) in keys {
                try await client.execute(uri: "/api/toolport/tools/export?format=\(format)&tool_slugs=PIPEDRIVE_ADD_A_DEAL", method: .get, headers: .apiKey()) { response throws in
                    let tools = try #require(try response.json()["tools"] as? [[String: Any]])
                    #expect(tools.count == 1)
                    #expect(Set(tools.first?.keys.map { $0 } ?? []) == expected, "\(format)")
                }
            }
            try await client.execute(uri: "/api/toolport/tools/export?format=openai-strict&tool_slugs=PIPEDRIVE_ADD_A_DEAL", method: .get, headers: .apiKey()) { response throws in
                let tools = try #require(try response.json()["tools"] as? [[String: Any]])
                let function = try #require(tools.first?["function"] as? [String: Any])
                #expect(function["strict"] as? Bool == true)
                let parameters = try #require(function["parameters"] as? [String: Any])
                let properties = try #require(parameters["properties"] as? [String: Any])
                #expect(Set(parameters["required"] as? [String] ?? []) == Set(properties.keys))
            }
        }
    }

    @Test func compactIsPlainTextWithOneLinePerTool() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/toolport/tools/export?format=compact", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                #expect(response.headers[HTTPField.Name("x-next-cursor")!] == nil)
                let text = String(buffer: response.body)
                let lines = text.split(separator: "\n")
                #expect(lines.count == 269)
                #expect(lines.contains("PIPEDRIVE_ADD_GOAL: Adds a new goal. | params: assignee*, duration*, expected_outcome*, interval*, title, type*"))
                #expect(text.utf8.count < 34_000)
            }
        }
    }

    @Test func selectsWithTheToolListFilters() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/toolport/tools/export?format=gemini&tool_slugs=pipedrive_get_deal,PIPEDRIVE_ADD_A_LEAD,NOPE", method: .get, headers: .apiKey()) { response throws in
                #expect(try self.names(response) == ["PIPEDRIVE_GET_DEAL", "PIPEDRIVE_ADD_LEAD"])
            }
            try await client.execute(uri: "/api/toolport/tools/export?format=anthropic&toolkit_slug=pipedrive&query=create%20deal&limit=5", method: .get, headers: .apiKey()) { response throws in
                let names = try self.names(response)
                #expect(names.first == "PIPEDRIVE_ADD_A_DEAL")
                #expect(names.count == 5)
            }
            try await client.execute(uri: "/api/toolport/tools/export?format=mcp&include_deprecated=false", method: .get, headers: .apiKey()) { response throws in
                let names = try self.names(response)
                #expect(names.count == TestServer.catalog.catalog.tools.filter { !$0.isDeprecated }.count)
            }
            try await client.execute(uri: "/api/toolport/tools/export?format=openai&tags=Leads", method: .get, headers: .apiKey()) { response throws in
                let names = try self.names(response)
                #expect(!names.isEmpty && names.count < 269)
            }
            try await client.execute(uri: "/api/toolport/tools/export?format=openai&toolkit_slug=github", method: .get, headers: .apiKey()) { response throws in
                #expect(try response.json()["total_items"] as? Int == 0)
                #expect(try self.names(response).isEmpty)
            }
            try await client.execute(uri: "/api/toolport/tools/export?format=compact&search=lead%20label&limit=1", method: .get, headers: .apiKey()) { response throws in
                #expect(String(buffer: response.body).split(separator: "\n").count == 1)
            }
        }
    }

    @Test func paginatesWithLimitAndCursor() async throws {
        try await TestServer().test { client in
            var cursor: String? = nil
            var names: [String] = []
            var pages = 0
            repeat {
                let uri = "/api/toolport/tools/export?format=openai-strict&limit=100" + (cursor.map { "&cursor=\($0)" } ?? "")
                try await client.execute(uri: uri, method: .get, headers: .apiKey()) { response throws in
                    #expect(response.status == .ok)
                    pages += 1
                    names += try self.names(response)
                    cursor = try response.json()["next_cursor"] as? String
                }
            } while cursor != nil && pages < 5
            #expect(pages == 3)
            #expect(names.count == 269 && Set(names).count == 269)

            try await client.execute(uri: "/api/toolport/tools/export?format=compact&limit=200", method: .get, headers: .apiKey()) { response throws in
                #expect(String(buffer: response.body).split(separator: "\n").count == 200)
                cursor = response.headers[HTTPField.Name("x-next-cursor")!]
            }
            let next = try #require(cursor)
            try await client.execute(uri: "/api/toolport/tools/export?format=compact&limit=200&cursor=\(next)", method: .get, headers: .apiKey()) { response throws in
                #expect(String(buffer: response.body).split(separator: "\n").count == 69)
                #expect(response.headers[HTTPField.Name("x-next-cursor")!] == nil)
            }
        }
    }

    @Test(arguments: ["format=xml", "format=OPENAI", "", "format=openai&limit=0", "format=openai&include_deprecated=maybe", "format=openai&cursor=bogus"])
    func rejectsABadRequestWith400(query: String) async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/toolport/tools/export?\(query)", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .badRequest)
                let error = try response.errorEnvelope()
                #expect(error["status"] as? Int == 400)
                #expect(error["slug"] as? String == "Request_Invalid")
            }
        }
    }

    @Test func namesTheFormatsWhenTheFormatIsUnknown() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/toolport/tools/export?format=xml", method: .get, headers: .apiKey()) { response throws in
                let message = try #require(try response.errorEnvelope()["message"] as? String)
                #expect(message == "format must be one of openai, openai-strict, anthropic, gemini, mcp, compact, got \"xml\"")
            }
        }
    }

    @Test func anUnknownToolkitVersionIs404() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/toolport/tools/export?format=openai&toolkit_versions=20990101_00", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .notFound)
                #expect(try response.errorEnvelope()["slug"] as? String == "Toolkit_VersionNotFound")
            }
        }
    }

    @Test func requiresTheAPIKey() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/toolport/tools/export?format=openai", method: .get) { response throws in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/toolport/tools/export?format=openai", method: .get, headers: .apiKey("tp_wrong")) { response throws in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func answersWithTheSameBytesEveryTime() async throws {
        try await TestServer().test { client in
            var bodies: [Data] = []
            for _ in 0..<2 {
                try await client.execute(uri: "/api/toolport/tools/export?format=gemini", method: .get, headers: .apiKey()) { response throws in
                    bodies.append(Data(response.body.readableBytesView))
                }
            }
            #expect(bodies.count == 2 && bodies[0] == bodies[1])
        }
    }

    @Test func isNotServedUnderTheComposioPrefixes() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/tools/export?format=openai", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .notFound)
            }
        }
    }
}
