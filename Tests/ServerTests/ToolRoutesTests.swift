import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import Catalog
import Server

/// `GET /api/v3.1/tools` and `GET /api/v3.1/tools/{slug}` in Composio's wire format.
struct ToolRoutesTests {
    func items(_ response: TestResponse) throws -> [[String: Any]] {
        try #require(try response.json()["items"] as? [[String: Any]])
    }

    @Test(arguments: ["/api/v3.1", "/api/v3"])
    func listsEveryToolOfTheToolkit(prefix: String) async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "\(prefix)/tools?toolkit_slug=PIPEDRIVE&toolkit_versions=latest", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .ok)
                let body = try response.json()
                let items = try self.items(response)
                #expect(items.count == 269)
                #expect(body["total_items"] as? Int == 269)
                #expect(body["total_pages"] as? Int == 1)
                #expect(body["current_page"] as? Int == 1)
                #expect(body["next_cursor"] is NSNull)
                #expect(Set(items.compactMap { $0["slug"] as? String }).count == 269)
            }
        }
    }

    @Test func toolObjectsCarryEveryRequiredField() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/tools/PIPEDRIVE_ADD_A_DEAL", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .ok)
                let tool = try response.json()
                for key in ["slug", "name", "description", "input_parameters", "output_parameters", "toolkit", "version",
                            "available_versions", "scopes", "tags", "no_auth", "is_deprecated", "deprecated"] {
                    #expect(tool[key] != nil, "missing \(key)")
                }
                #expect(tool["slug"] as? String == "PIPEDRIVE_ADD_A_DEAL")
                #expect((tool["toolkit"] as? [String: Any])?["slug"] as? String == "pipedrive")
                let input = try #require(tool["input_parameters"] as? [String: Any])
                #expect(input["required"] as? [String] == ["title"])
                let deprecated = try #require(tool["deprecated"] as? [String: Any])
                #expect(deprecated["displayName"] as? String == "Add a deal")
                let toolport = try #require(tool["toolport"] as? [String: Any])
                #expect(toolport["endpoint"] as? String == "POST /api/v2/deals")
                #expect(toolport["api_status"] as? String == "v2")
            }
        }
    }

    @Test func aPercentEncodedSlugIsDecoded() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/tools/PIPEDRIVE%5FADD%5FA%5FDEAL", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .ok)
                #expect(try response.json()["slug"] as? String == "PIPEDRIVE_ADD_A_DEAL")
            }
            try await client.execute(uri: "/api/v3.1/tools/%E2%82%AC", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .notFound)
                #expect(try response.errorEnvelope()["message"] as? String == "Tool € not found")
            }
        }
    }

    @Test func paginatesWithLimitAndCursorOverEveryTool() async throws {
        try await TestServer().test { client in
            var cursor: String? = nil
            var slugs: [String] = []
            var pages = 0
            repeat {
                let uri = "/api/v3.1/tools?toolkit_slug=pipedrive&limit=50" + (cursor.map { "&cursor=\($0)" } ?? "")
                try await client.execute(uri: uri, method: .get, headers: .apiKey()) { response throws in
                    #expect(response.status == .ok)
                    let body = try response.json()
                    pages += 1
                    #expect(body["current_page"] as? Int == pages)
                    #expect(body["total_pages"] as? Int == 6)
                    #expect(body["total_items"] as? Int == 269)
                    slugs += try self.items(response).compactMap { $0["slug"] as? String }
                    cursor = body["next_cursor"] as? String
                }
            } while cursor != nil && pages < 10
            #expect(pages == 6)
            #expect(slugs.count == 269 && Set(slugs).count == 269)
        }
    }

    @Test(arguments: ["limit=0", "limit=abc", "limit=5000", "cursor=bogus", "include_deprecated=maybe"])
    func rejectsBadPagingWith400(query: String) async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/tools?toolkit_slug=pipedrive&\(query)", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .badRequest)
                #expect(try response.errorEnvelope()["status"] as? Int == 400)
            }
        }
    }

    @Test func searchRanksTheIntendedToolFirst() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/tools?toolkit_slug=pipedrive&query=create%20deal&limit=5", method: .get, headers: .apiKey()) { response throws in
                let slugs = try self.items(response).compactMap { $0["slug"] as? String }
                #expect(slugs.first == "PIPEDRIVE_ADD_A_DEAL")
                #expect(slugs.count == 5)
            }
        }
    }

    @Test func looksUpToolSlugsInAnyCaseAndByAlias() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/tools?tool_slugs=pipedrive_get_deal,PIPEDRIVE_ADD_A_LEAD,NOPE", method: .get, headers: .apiKey()) { response throws in
                let slugs = try self.items(response).compactMap { $0["slug"] as? String }
                #expect(slugs == ["PIPEDRIVE_GET_DEAL", "PIPEDRIVE_ADD_LEAD"])
            }
            try await client.execute(uri: "/api/v3.1/tools/pipedrive_add_a_lead", method: .get, headers: .apiKey()) { response throws in
                #expect(try response.json()["slug"] as? String == "PIPEDRIVE_ADD_LEAD")
            }
        }
    }

    @Test func filtersByTagsAndDeprecation() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/tools?toolkit_slug=pipedrive&tags=Leads", method: .get, headers: .apiKey()) { response throws in
                let tags = try self.items(response).map { $0["tags"] as? [String] ?? [] }
                #expect(!tags.isEmpty && tags.allSatisfy { $0.contains("Leads") })
            }
            try await client.execute(uri: "/api/v3.1/tools?toolkit_slug=pipedrive&include_deprecated=false", method: .get, headers: .apiKey()) { response throws in
                let items = try self.items(response)
                #expect(items.count == TestServer.catalog.catalog.tools.filter { !$0.isDeprecated }.count)
                #expect(items.count < 269)
                #expect(items.allSatisfy { $0["is_deprecated"] as? Bool == false })
            }
            try await client.execute(uri: "/api/v3.1/tools?toolkit_slug=github", method: .get, headers: .apiKey()) { response throws in
                #expect(try response.json()["total_items"] as? Int == 0)
            }
        }
    }

    @Test func acceptsLatestAndPinnedToolkitVersions() async throws {
        try await TestServer().test { client in
            for query in ["toolkit_versions=latest", "toolkit_versions=20260915_00", "toolkit_versions%5Bpipedrive%5D=20260915_00",
                          "toolkit_versions%5Bgithub%5D=20200101_00"] {
                try await client.execute(uri: "/api/v3.1/tools/PIPEDRIVE_GET_DEAL?\(query)", method: .get, headers: .apiKey()) { response throws in
                    #expect(response.status == .ok, "\(query)")
                }
            }
            try await client.execute(uri: "/api/v3.1/tools/PIPEDRIVE_GET_DEAL?toolkit_versions%5Bpipedrive%5D=20990101_00", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .notFound)
                #expect((try response.errorEnvelope()["message"] as? String)?.contains("20260915_00") == true)
            }
        }
    }

    @Test func anUnknownToolIs404() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/tools/PIPEDRIVE_NOT_A_TOOL", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .notFound)
                let error = try response.errorEnvelope()
                #expect(error["slug"] as? String == "Tool_NotFound")
                #expect((error["message"] as? String)?.contains("PIPEDRIVE_NOT_A_TOOL") == true)
            }
        }
    }
}
