import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `GET /api/v3.1/toolkits` and `GET /api/v3.1/toolkits/{slug}` (Composio contract §5).
struct ToolkitRoutesTests {
    @Test func showsThePipedriveToolkitInAnyCase() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/toolkits/PIPEDRIVE", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .ok)
                let toolkit = try response.json()
                #expect(toolkit["slug"] as? String == "pipedrive")
                for key in ["name", "enabled", "is_local_toolkit", "type", "composio_managed_auth", "deprecated", "meta"] {
                    #expect(toolkit[key] != nil, "missing \(key)")
                }
                let meta = try #require(toolkit["meta"] as? [String: Any])
                #expect(meta["tools_count"] as? Int == 269)
                for key in ["logo", "description", "created_at", "updated_at", "version", "available_versions", "categories", "triggers_count"] {
                    #expect(meta[key] != nil, "missing meta.\(key)")
                }
                let schemes = try #require(toolkit["auth_config_details"] as? [[String: Any]])
                #expect(Set(schemes.compactMap { $0["mode"] as? String }) == ["OAUTH2", "API_KEY", "BEARER_TOKEN"])
                let deprecated = try #require(toolkit["deprecated"] as? [String: Any])
                #expect(deprecated["toolkitId"] as? String == "pipedrive")
            }
        }
    }

    @Test func listsToolkitsWithPageFields() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/toolkits", method: .get, headers: .apiKey()) { response throws in
                let body = try response.json()
                let items = try #require(body["items"] as? [[String: Any]])
                #expect(items.count == 1)
                #expect(items.first?["slug"] as? String == "pipedrive")
                #expect(((items.first?["meta"] as? [String: Any])?["categories"] as? [[String: Any]])?.first?["id"] != nil)
                #expect(body["total_items"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v3/toolkits?search=github", method: .get, headers: .apiKey()) { response throws in
                #expect(try response.json()["total_items"] as? Int == 0)
            }
        }
    }

    @Test func anUnknownToolkitIs404() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/toolkits/github", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .notFound)
                #expect(try response.errorEnvelope()["slug"] as? String == "Toolkit_NotFound")
            }
        }
    }
}
