import Catalog
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Server
import SQLiteStorage
import Storage
import Testing

/// Composio's `composio.mcp.*` routes: configs kept in the database, and per-user URLs on `/mcp/{id}` that list and
/// run only the configured tools.
struct MCPServerRoutesTests {
    static let create = #"{"name":"Deals only","toolkits":["PIPEDRIVE"],"auth_config_ids":[],"allowed_tools":["pipedrive_get_deal","PIPEDRIVE_ADD_A_DEAL","PIPEDRIVE_GET_DEAL"],"managed_auth_via_composio":true}"#

    static func call(
        _ client: any TestClientProtocol, _ uri: String, _ method: HTTPRequest.Method, _ body: String? = nil, headers: HTTPFields = .apiKey()
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response throws in
            (response.status, try response.json())
        }
    }

    /// Creates the `create` server and returns its id.
    static func createServer(_ client: any TestClientProtocol, body: String = create) async throws -> String {
        let created = try await call(client, "/api/v3.1/mcp/servers/custom", .post, body)
        #expect(created.status == .created)
        return try #require(created.json["id"] as? String)
    }

    @Test func createGetListUpdateDelete() async throws {
        try await TestServer().test { client in
            let created = try await Self.call(client, "/api/v3.1/mcp/servers/custom", .post, Self.create)
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? String)
            #expect(id.hasPrefix("mcp_"))
            #expect(created.json["name"] as? String == "Deals only")
            #expect(created.json["toolkits"] as? [String] == ["pipedrive"])
            #expect(created.json["allowed_tools"] as? [String] == ["PIPEDRIVE_GET_DEAL", "PIPEDRIVE_ADD_A_DEAL"])
            #expect(created.json["auth_config_ids"] as? [String] == [])
            #expect(created.json["managed_auth_via_composio"] as? Bool == true)
            #expect(created.json["mcp_url"] as? String == "http://127.0.0.1:8000/mcp/\(id)")
            let commands = try #require(created.json["commands"] as? [String: String])
            #expect(commands["claude"]?.contains("http://127.0.0.1:8000/mcp/\(id)?user_id=USER_ID") == true)
            #expect(commands["cursor"]?.contains("YOUR_TOOLPORT_API_KEY") == true)
            #expect(commands["windsurf"]?.contains("serverUrl") == true)
            #expect(!String(describing: created.json).contains(TestServer.bootstrapKey))

            let shown = try await Self.call(client, "/api/v3.1/mcp/\(id)", .get)
            #expect(shown.status == .ok)
            #expect(shown.json["deleted"] as? Bool == false)
            #expect(shown.json["server_instance_count"] as? Int == 0)
            #expect(shown.json["toolkit_icons"] as? [String: String] != nil)

            let second = try await Self.createServer(client, body: #"{"name":"Everything","toolkits":["pipedrive"]}"#)
            let listed = try await Self.call(client, "/api/v3.1/mcp/servers?page_no=1&limit=1", .get)
            #expect((listed.json["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [second])
            #expect(listed.json["total_pages"] as? Int == 2)
            #expect(listed.json["current_page"] as? Int == 1)
            let everything = try await Self.call(client, "/api/v3.1/mcp/\(second)", .get)
            #expect((everything.json["allowed_tools"] as? [String])?.count == TestServer.catalog.catalog.tools.count)
            let named = try await Self.call(client, "/api/v3.1/mcp/servers?name=deals+ONLY&order_by=updated_at&order_direction=asc", .get)
            #expect((named.json["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])

            let updated = try await Self.call(client, "/api/v3.1/mcp/\(id)", .patch, #"{"name":"Reads","allowed_tools":["PIPEDRIVE_GET_DEAL"]}"#)
            #expect(updated.status == .ok)
            #expect(updated.json["name"] as? String == "Reads")
            #expect(updated.json["allowed_tools"] as? [String] == ["PIPEDRIVE_GET_DEAL"])
            #expect(updated.json["managed_auth_via_composio"] as? Bool == true)

            let deleted = try await Self.call(client, "/api/v3.1/mcp/\(id)", .delete)
            #expect(deleted.status == .ok)
            #expect(deleted.json["id"] as? String == id)
            #expect(deleted.json["deleted"] as? Bool == true)
            for method in [HTTPRequest.Method.get, .delete] {
                let gone = try await Self.call(client, "/api/v3.1/mcp/\(id)", method)
                #expect(gone.status == .notFound)
                #expect((gone.json["error"] as? [String: Any])?["slug"] as? String == "MCPServer_NotFound")
            }
        }
    }

    @Test(arguments: [
        (#"{"toolkits":["pipedrive"]}"#, "name must be 1 to 100 characters"),
        (#"{"name":"  ","toolkits":["pipedrive"]}"#, "name must be 1 to 100 characters"),
        (#"{"name":"x"}"#, "toolkits must name at least one toolkit (pipedrive)"),
        (#"{"name":"x","toolkits":["pipedrive","gmail"]}"#, "This server serves only the pipedrive toolkit; unknown: gmail"),
        (#"{"name":"x","toolkits":"pipedrive"}"#, "toolkits must be an array of strings, got string \"pipedrive\""),
        (#"{"name":"x","toolkits":["pipedrive"],"allowed_tools":["PIPEDRIVE_NOPE","GMAIL_SEND"]}"#, "Unknown tools for this server's toolkits: PIPEDRIVE_NOPE, GMAIL_SEND"),
        (#"{"name":"x","toolkits":["pipedrive"],"auth_config_ids":["ac_missing"]}"#, "Auth config ac_missing does not exist"),
        (#"{"name":"x","toolkits":["pipedrive"],"allowed_tools":[1]}"#, "allowed_tools must be an array of non-empty strings, got integer 1 in it"),
        (#"{"name":"x","toolkits":["pipedrive"],"managed_auth_via_composio":"yes"}"#, "managed_auth_via_composio must be a boolean, got string \"yes\""),
        (#"{"name":5,"toolkits":["pipedrive"]}"#, "name must be a string, got integer 5"),
    ])
    func badInputIsA400NamingTheProblem(body: String, message: String) async throws {
        try await TestServer().test { client in
            let answer = try await Self.call(client, "/api/v3.1/mcp/servers/custom", .post, body)
            #expect(answer.status == .badRequest)
            #expect((answer.json["error"] as? [String: Any])?["message"] as? String == message)
        }
    }

    @Test func generateGivesAURLPerUserAndPerAccount() async throws {
        try await TestServer().test { client in
            let id = try await Self.createServer(client)
            let generated = try await Self.call(
                client, "/api/v3.1/mcp/servers/generate", .post, #"{"mcp_server_id":"\#(id)","managed_auth_by_composio":true,"user_ids":["u 1","ü&x"]}"#
            )
            #expect(generated.status == .ok)
            #expect(generated.json["mcp_url"] as? String == "http://127.0.0.1:8000/mcp/\(id)")
            #expect(
                generated.json["user_ids_url"] as? [String] == [
                    "http://127.0.0.1:8000/mcp/\(id)?user_id=u%201", "http://127.0.0.1:8000/mcp/\(id)?user_id=%C3%BC%26x",
                ]
            )
            #expect(generated.json["connected_account_urls"] as? [String] == [])
            for (body, status) in [
                (#"{"user_ids":["u1"]}"#, HTTPResponse.Status.badRequest),
                (#"{"mcp_server_id":"\#(id)"}"#, .badRequest),
                (#"{"mcp_server_id":"\#(id)","connected_account_ids":["ca_missing"]}"#, .badRequest),
                (#"{"mcp_server_id":"mcp_missing","user_ids":["u1"]}"#, .notFound),
            ] {
                #expect(try await Self.call(client, "/api/v3.1/mcp/servers/generate", .post, body).status == status, "\(body)")
            }
        }
    }

    @Test func aServerURLListsAndRunsOnlyItsTools() async throws {
        try await TestServer().test { client in
            let id = try await Self.createServer(client)
            let list = #"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#
            try await client.execute(uri: "/mcp/\(id)?user_id=user-1", method: .post, headers: MCPRouteTests.headers(), body: ByteBuffer(string: list)) { response throws in
                #expect(try MCPRouteTests.tools(response).map { $0["name"] as? String } == ["PIPEDRIVE_ADD_A_DEAL", "PIPEDRIVE_GET_DEAL"])
            }
            let allowed = #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"PIPEDRIVE_GET_DEAL","arguments":{"id":1}}}"#
            try await client.execute(uri: "/mcp/\(id)?user_id=user-1", method: .post, headers: MCPRouteTests.headers(), body: ByteBuffer(string: allowed)) { response throws in
                #expect(try MCPRouteTests.result(response)["isError"] as? Bool == false)
            }
            let other = #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"PIPEDRIVE_DELETE_DEAL","arguments":{"id":1}}}"#
            try await client.execute(uri: "/mcp/\(id)?user_id=user-1", method: .post, headers: MCPRouteTests.headers(), body: ByteBuffer(string: other)) { response throws in
                let result = try MCPRouteTests.result(response)
                #expect(result["isError"] as? Bool == true)
                let error = (result["structuredContent"] as? [String: Any])?["error"] as? String
                #expect(error == "Tool PIPEDRIVE_DELETE_DEAL is not available here: it is not one of the 2 tools MCP server \(id) offers.")
            }
            let search = #"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"SEARCH_TOOLS","arguments":{"query":"delete a deal"}}}"#
            try await client.execute(uri: "/mcp/\(id)?mode=search&user_id=user-1", method: .post, headers: MCPRouteTests.headers(), body: ByteBuffer(string: search)) { response throws in
                let results = try #require((try MCPRouteTests.result(response)["structuredContent"] as? [String: Any])?["results"] as? [[String: Any]])
                #expect(Set(results.compactMap { $0["slug"] as? String }).isSubset(of: ["PIPEDRIVE_ADD_A_DEAL", "PIPEDRIVE_GET_DEAL"]))
            }
            try await client.execute(uri: "/mcp/mcp_missing?user_id=user-1", method: .post, headers: MCPRouteTests.headers(), body: ByteBuffer(string: list)) { response throws in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/mcp/mcp_missing?user_id=user-1", method: .post, body: ByteBuffer(string: list)) { response throws in
                #expect(response.status == .unauthorized, "the key is checked before the server is looked up")
            }
        }
    }

    @Test func scopedKeysMayNotManageServers() async throws {
        let server = try TestServer()
        let key = "tp_scoped_mcp_key"
        _ = try await server.database.apiKeys.insert(name: "agent", plaintext: key, scope: APIKeyScope(userIDs: ["user-1"]), expiresAt: nil)
        try await server.test { client in
            for (uri, method) in [("/api/v3.1/mcp/servers", HTTPRequest.Method.get), ("/api/v3.1/mcp/servers/custom", .post), ("/api/v3/mcp/mcp_x", .delete)] {
                let answer = try await Self.call(client, uri, method, Self.create, headers: .apiKey(key))
                #expect(answer.status == .forbidden, "\(method) \(uri)")
            }
        }
    }
}
