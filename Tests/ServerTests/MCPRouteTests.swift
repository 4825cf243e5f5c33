import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `POST /mcp`: `tools/list`, `tools/call` and `ping` answered by the fast path, everything else by the MCP SDK's
/// server, each with the answer the SDK gives.
struct MCPRouteTests {
    static func headers(accept: String = "application/json, text/event-stream") -> HTTPFields {
        var headers = HTTPFields.apiKey()
        headers[.contentType] = "application/json"
        headers[.accept] = accept
        return headers
    }

    /// Posts one JSON-RPC message to `/mcp?query` and hands the answer to `check`.
    static func post<Value: Sendable>(
        _ client: any TestClientProtocol, _ message: String, query: String = "user_id=user-1", headers: HTTPFields = headers(),
        check: @escaping @Sendable (TestResponse) async throws -> Value
    ) async throws -> Value {
        try await client.execute(uri: "/mcp?\(query)", method: .post, headers: headers, body: ByteBuffer(string: message), testCallback: check)
    }

    static func text(_ response: TestResponse) -> String {
        String(buffer: response.body)
    }

    static func result(_ response: TestResponse) throws -> [String: Any] {
        try #require(try response.json()["result"] as? [String: Any])
    }

    static func tools(_ response: TestResponse) throws -> [[String: Any]] {
        try #require(try result(response)["tools"] as? [[String: Any]])
    }

    @Test func pingAnswersAnEmptyResultWithTheRequestID() async throws {
        try await TestServer().test { client in
            for (message, answer) in [
                (#"{"jsonrpc":"2.0","id":"p-1","method":"ping"}"#, #"{"id":"p-1","jsonrpc":"2.0","result":{}}"#),
                (#"{"jsonrpc":"2.0","id":99,"method":"ping","params":{}}"#, #"{"id":99,"jsonrpc":"2.0","result":{}}"#),
            ] {
                try await Self.post(client, message) { response throws in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/json")
                    #expect(Self.text(response) == answer)
                }
            }
        }
    }

    @Test func toolsListGivesEveryToolWithSchemaAndAnnotations() async throws {
        try await TestServer().test { client in
            try await Self.post(client, #"{"jsonrpc":"2.0","id":"list-1","method":"tools/list","params":{"cursor":"ignored"}}"#) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(try response.json()["id"] as? String == "list-1")
                #expect(try response.json()["jsonrpc"] as? String == "2.0")
                #expect(try Self.result(response)["nextCursor"] == nil)
                let tools = try Self.tools(response)
                #expect(tools.count == 269)
                let addDeal = try #require(tools.first { $0["name"] as? String == "PIPEDRIVE_ADD_A_DEAL" })
                #expect(Set(addDeal.keys) == ["name", "title", "description", "inputSchema", "annotations"])
                #expect(addDeal["title"] as? String == "Add a deal")
                #expect((addDeal["inputSchema"] as? [String: Any])?["required"] as? [String] == ["title"])
                let annotations = try #require(addDeal["annotations"] as? [String: Any])
                #expect(annotations["title"] as? String == "Add a deal")
                #expect(annotations["readOnlyHint"] as? Bool == false)
                #expect(annotations["destructiveHint"] as? Bool == false)
                #expect(annotations["idempotentHint"] as? Bool == false)
                #expect(annotations["openWorldHint"] as? Bool == true)
                let getDeal = try #require(tools.first { $0["name"] as? String == "PIPEDRIVE_GET_DEAL" })
                #expect((getDeal["annotations"] as? [String: Any])?["readOnlyHint"] as? Bool == true)
            }
        }
    }

    @Test func toolsListFollowsTheSessionModeAndFilters() async throws {
        try await TestServer().test { client in
            let list = #"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#
            let leads = try await Self.post(client, list, query: "toolkits=pipedrive&tags=Leads") { response throws in
                try Self.tools(response).compactMap { $0["name"] as? String }
            }
            #expect(leads.count > 0 && leads.count < 30)
            #expect(leads.allSatisfy { $0.hasPrefix("PIPEDRIVE_") })
            let named = try await Self.post(client, list, query: "tools=PIPEDRIVE_GET_DEAL,PIPEDRIVE_ADD_A_DEAL") { response throws in
                try Self.tools(response).compactMap { $0["name"] as? String }
            }
            #expect(named == ["PIPEDRIVE_GET_DEAL", "PIPEDRIVE_ADD_A_DEAL"])
            let otherToolkit = try await Self.post(client, list, query: "toolkits=github") { response throws in Self.text(response) }
            #expect(otherToolkit == #"{"id":1,"jsonrpc":"2.0","result":{"tools":[]}}"#)
            let meta = try await Self.post(client, list, query: "mode=search&tags=Leads") { response throws in
                try Self.tools(response).compactMap { $0["name"] as? String }
            }
            #expect(meta == ["SEARCH_TOOLS", "GET_TOOL_SCHEMAS", "EXECUTE_TOOL"])
            // The encoded list is cached per selection: asking again gives the same bytes.
            let first = try await Self.post(client, list, query: "search=deal") { response throws in Self.text(response) }
            let again = try await Self.post(client, list, query: "search=deal&user_id=someone-else") { response throws in Self.text(response) }
            #expect(first == again)
            #expect(first.contains("PIPEDRIVE_GET_DEAL"))
        }
    }

    @Test func toolsCallAnswersTheEnvelopeAsStructuredContentAndText() async throws {
        try await TestServer().test { client in
            let call = #"{"jsonrpc":"2.0","id":"c-1","method":"tools/call","params":{"name":"PIPEDRIVE_GET_DEAL","arguments":{"id":1}}}"#
            try await Self.post(client, call) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(try response.json()["id"] as? String == "c-1")
                let result = try Self.result(response)
                #expect(Set(result.keys) == ["content", "structuredContent", "isError"])
                #expect(result["isError"] as? Bool == false)
                let structured = try #require(result["structuredContent"] as? [String: Any])
                #expect(structured["successful"] as? Bool == true)
                #expect(structured["error"] is NSNull)
                #expect(((structured["data"] as? [String: Any])?["data"] as? [String: Any])?["id"] as? Int == 1)
                let content = try #require(result["content"] as? [[String: Any]])
                #expect(content.count == 1)
                #expect(content.first?["type"] as? String == "text")
                let text = try #require(content.first?["text"] as? String)
                let fromText = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
                #expect(fromText == structured as NSDictionary)
            }
        }
    }

    @Test func toolsCallFailuresAreResultsWithIsError() async throws {
        try await TestServer().test { client in
            let invalid = #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"PIPEDRIVE_ADD_A_DEAL","arguments":{"stage_id":"x"}}}"#
            try await Self.post(client, invalid) { response throws in
                let result = try Self.result(response)
                #expect(result["isError"] as? Bool == true)
                let error = try #require((result["structuredContent"] as? [String: Any])?["error"] as? String)
                #expect(error.contains("title: required"))
                #expect(error.contains("stage_id: expected integer, got string \"x\""))
            }
            let unknown = #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"PIPEDRIVE_NOPE"}}"#
            try await Self.post(client, unknown) { response throws in
                #expect(response.status == .ok)
                #expect(Self.text(response) == #"""
                    {"id":3,"jsonrpc":"2.0","result":{"content":[{"text":"{\"data\":{},\"error\":\"Unknown tool PIPEDRIVE_NOPE; list the tools or search with SEARCH_TOOLS.\",\"successful\":false}","type":"text"}],"isError":true,"structuredContent":{"data":{},"error":"Unknown tool PIPEDRIVE_NOPE; list the tools or search with SEARCH_TOOLS.","successful":false}}}
                    """#)
            }
        }
    }

    @Test func metaToolsRunInSearchMode() async throws {
        try await TestServer().test { client in
            let search = #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"SEARCH_TOOLS","arguments":{"query":"create a deal","limit":3}}}"#
            try await Self.post(client, search, query: "mode=search&user_id=user-1") { response throws in
                let results = try #require((try Self.result(response)["structuredContent"] as? [String: Any])?["results"] as? [[String: Any]])
                #expect(results.count == 3)
                #expect(results.first?["slug"] as? String == "PIPEDRIVE_ADD_A_DEAL")
            }
            let execute = #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"EXECUTE_TOOL","arguments":{"slug":"PIPEDRIVE_GET_DEAL","arguments":{"id":1}}}}"#
            try await Self.post(client, execute, query: "mode=search&user_id=user-1") { response throws in
                let result = try Self.result(response)
                #expect(result["isError"] as? Bool == false)
                #expect((result["structuredContent"] as? [String: Any])?["successful"] as? Bool == true)
            }
        }
    }

    /// The SDK turned a string argument shaped like a data URL into the base64 of its payload; the fast path passes it on as sent.
    @Test func argumentsShapedLikeDataURLsArriveUnchanged() async throws {
        try await TestServer().test { client in
            let search = #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"SEARCH_TOOLS","arguments":{"query":"data:,deal"}}}"#
            try await Self.post(client, search, query: "mode=search") { response throws in
                let results = try #require((try Self.result(response)["structuredContent"] as? [String: Any])?["results"] as? [[String: Any]])
                #expect(!results.isEmpty)
            }
        }
    }

    @Test func aRefusedRequestGetsTheTransportsError() async throws {
        try await TestServer().test { client in
            let ping = #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#
            try await Self.post(client, ping, headers: Self.headers(accept: "text/event-stream")) { response throws in
                #expect(response.status == .notAcceptable)
                let error = try #require(try response.json()["error"] as? [String: Any])
                #expect(error["code"] as? Int == -32600)
                #expect(error["message"] as? String == "Invalid Request: Not Acceptable: Client must accept application/json")
            }
            var badVersion = Self.headers()
            badVersion[HTTPField.Name("mcp-protocol-version")!] = "1999-01-01"
            try await Self.post(client, ping, headers: badVersion) { response throws in
                #expect(response.status == .badRequest)
            }
            var plainText = Self.headers()
            plainText[.contentType] = "text/plain"
            try await Self.post(client, ping, headers: plainText) { response throws in
                #expect(response.status == .unsupportedMediaType)
            }
        }
    }

    @Test func otherMessagesStillReachTheSDKServer() async throws {
        try await TestServer().test { client in
            let initialize = #"""
                {"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}
                """#
            try await Self.post(client, initialize) { response throws in
                #expect(response.status == .ok)
                let result = try Self.result(response)
                #expect(result["protocolVersion"] as? String == "2025-06-18")
                #expect((result["serverInfo"] as? [String: Any])?["name"] as? String == "toolport")
                #expect((result["capabilities"] as? [String: Any])?["tools"] != nil)
            }
            try await Self.post(client, #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#) { response throws in
                #expect(response.status == .accepted)
            }
            try await Self.post(client, #"{"jsonrpc":"2.0","id":5,"method":"resources/list"}"#) { response throws in
                #expect((try response.json()["error"] as? [String: Any])?["code"] as? Int == -32601)
            }
            // tools/call without params is the SDK's to refuse, as before.
            try await Self.post(client, #"{"jsonrpc":"2.0","id":6,"method":"tools/call"}"#) { response throws in
                #expect(try response.json()["id"] as? Int == 6)
                #expect((try response.json()["error"] as? [String: Any])?["code"] as? Int == -32603)
            }
        }
    }
}
