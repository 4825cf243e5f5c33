import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import ToolportJSON

/// Every auth-config and connected-account endpoint of Composio's contract (§3, §4), with the fields it
/// marks required, through the HTTP API.
struct AccountRoutesTests {
    static func call(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, _ body: JSONValue? = nil) async throws -> (HTTPResponse.Status, JSONValue) {
        try await client.execute(uri: uri, method: method, headers: .apiKey(), body: body.map { ByteBuffer(bytes: $0.encoded()) }) { response in
            (response.status, (try? JSONValue(parsing: Data(response.body.readableBytesView))) ?? .null)
        }
    }

    static let oauthConfig: JSONValue = [
        "toolkit": ["slug": "PIPEDRIVE"],
        "auth_config": ["type": "use_custom_auth", "authScheme": "OAUTH2", "name": "pd oauth",
                        "credentials": ["client_id": "cid", "client_secret": "csecret-value-123", "scopes": "deals:full,base"]],
    ]

    @Test func authConfigsAreCreatedListedReadUpdatedToggledAndDeleted() async throws {
        try await TestServer().test { client in
            let (status, created) = try await Self.call(client, .post, "/api/v3.1/auth_configs", Self.oauthConfig)
            #expect(status == .created)
            #expect(created["toolkit"]?["slug"] == "pipedrive")
            #expect(created["auth_config"]?["auth_scheme"] == "OAUTH2")
            #expect(created["auth_config"]?["is_composio_managed"] == false)
            let id = try #require(created["auth_config"]?["id"]?.stringValue)
            #expect(id.hasPrefix("ac_"))

            let (_, config) = try await Self.call(client, .get, "/api/v3.1/auth_configs/\(id)")
            for key in ["id", "uuid", "name", "type", "status", "no_of_connections", "toolkit", "tool_access_config"] {
                #expect(config[key] != nil, "missing \(key)")
            }
            #expect(config["status"] == "ENABLED")
            #expect(config["credentials"]?["client_secret"] == "REDACTED")
            #expect(config["credentials"]?["client_id"] == "cid")
            #expect(config["credentials"]?["scopes"] == ["deals:full", "base"])
            #expect(config["credentials"]?["oauth_redirect_uri"] == "http://127.0.0.1:8000/api/v1/auth-apps/add")

            let (_, listed) = try await Self.call(client, .get, "/api/v3.1/auth_configs?toolkit_slug=pipedrive")
            #expect(listed["items"]?.arrayValue?.count == 1)
            #expect(listed["total_items"] == 1 && listed["current_page"] == 1 && listed["total_pages"] == 1)
            #expect(listed["items"]?.arrayValue?.first?["created_at"] != nil)

            let (_, updated) = try await Self.call(client, .patch, "/api/v3.1/auth_configs/\(id)", ["type": "custom", "credentials": ["client_id": "cid-2"]])
            #expect(updated["success"] == true && updated["message"]?.stringValue != nil)
            #expect(try await Self.call(client, .get, "/api/v3.1/auth_configs/\(id)").1["credentials"]?["client_id"] == "cid-2")

            #expect(try await Self.call(client, .patch, "/api/v3.1/auth_configs/\(id)/DISABLED").1["success"] == true)
            #expect(try await Self.call(client, .get, "/api/v3.1/auth_configs/\(id)").1["status"] == "DISABLED")
            let refused = try await Self.call(client, .post, "/api/v3.1/connected_accounts", ["auth_config": ["id": .string(id)], "connection": ["user_id": "u1"]])
            #expect(refused.0 == .badRequest)
            #expect(try await Self.call(client, .patch, "/api/v3.1/auth_configs/\(id)/ENABLED").1["success"] == true)

            let (_, account) = try await Self.call(client, .post, "/api/v3.1/connected_accounts", ["auth_config": ["id": .string(id)], "connection": ["user_id": "u1"]])
            #expect(account["status"] == "INITIATED")
            let (deleted, answer) = try await Self.call(client, .delete, "/api/v3.1/auth_configs/\(id)")
            #expect(deleted == .ok && answer["success"] == true)
            #expect(try await Self.call(client, .get, "/api/v3.1/auth_configs/\(id)").0 == .notFound)
            let accountID = try #require(account["id"]?.stringValue)
            #expect(try await Self.call(client, .get, "/api/v3.1/connected_accounts/\(accountID)").0 == .notFound)
        }
    }

    @Test(arguments: [
        (#"{"toolkit":{"slug":"PIPEDRIVE"},"auth_config":{"type":"use_custom_auth","authScheme":"OAUTH2","credentials":{"client_id":"x"}}}"#, "client_secret"),
        (#"{"toolkit":{"slug":"PIPEDRIVE"},"auth_config":{"type":"use_custom_auth","authScheme":"API_KEY","credentials":{"colour":"red"}}}"#, "colour"),
        (#"{"toolkit":{"slug":"PIPEDRIVE"},"auth_config":{"type":"use_custom_auth","authScheme":"BASIC"}}"#, "authScheme"),
        (#"{"toolkit":{"slug":"PIPEDRIVE"},"auth_config":{"type":"use_composio_managed_auth"}}"#, "use_custom_auth"),
        (#"{"auth_config":{"type":"use_custom_auth","authScheme":"API_KEY"}}"#, "toolkit.slug"),
    ])
    func badAuthConfigsAre400NamingTheField(body: String, named: String) async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/auth_configs", method: .post, headers: .apiKey(), body: ByteBuffer(string: body)) { (response) throws in
                #expect(response.status == .badRequest)
                let error = try response.errorEnvelope()
                #expect((error["message"] as? String)?.contains(named) == true, "\(error)")
            }
        }
        try await TestServer().test { client in
            let (status, _) = try await Self.call(client, .post, "/api/v3.1/auth_configs", ["toolkit": ["slug": "github"]])
            #expect(status == .notFound)
        }
    }

    @Test func connectedAccountsAreFilteredPagedUpdatedDisabledAndDeleted() async throws {
        try await TestServer().test { client in
            let (_, config) = try await Self.call(client, .post, "/api/v3.1/auth_configs", ["toolkit": ["slug": "pipedrive"], "auth_config": ["authScheme": "API_KEY"]])
            let configID = try #require(config["auth_config"]?["id"]?.stringValue)
            var ids: [String] = []
            for user in ["u1", "u1", "u2"] {
                let (status, account) = try await Self.call(client, .post, "/api/v3.1/connected_accounts", [
                    "auth_config": ["id": .string(configID)],
                    "connection": ["user_id": .string(user), "state": ["authScheme": "API_KEY", "val": ["generic_api_key": "pd-token-abcdefgh1234"]]],
                ])
                #expect(status == .created)
                #expect(account["status"] == "ACTIVE")
                #expect(account["connectionData"]?["authScheme"] == "API_KEY")
                ids.append(try #require(account["id"]?.stringValue))
            }
            let (_, one) = try await Self.call(client, .get, "/api/v3.1/connected_accounts/\(ids[0])")
            for key in ["id", "user_id", "status", "is_disabled", "toolkit", "auth_config", "state", "data", "params", "created_at", "updated_at"] {
                #expect(one[key] != nil, "missing \(key)")
            }
            #expect(one["toolkit"]?["slug"] == "pipedrive")
            #expect(one["auth_config"]?["auth_scheme"] == "API_KEY")
            #expect(one["state"]?["authScheme"] == "API_KEY")
            #expect(one["state"]?["val"]?["status"] == "ACTIVE")
            #expect(one["state"]?["val"]?["token"] == "****1234")

            let (_, mine) = try await Self.call(client, .get, "/api/v3.1/connected_accounts?statuses=ACTIVE&user_ids=u1&auth_config_ids=\(configID)")
            #expect(mine["items"]?.arrayValue?.count == 2)
            #expect(mine["items"]?.arrayValue?.allSatisfy { $0["user_id"] == "u1" && $0["params"] == nil } == true)
            #expect(try await Self.call(client, .get, "/api/v3.1/connected_accounts?statuses=INITIATED").1["items"]?.arrayValue?.count == 0)
            #expect(try await Self.call(client, .get, "/api/v3.1/connected_accounts?toolkit_slugs=PIPEDRIVE&user_ids=u2").1["items"]?.arrayValue?.count == 1)
            let (_, page) = try await Self.call(client, .get, "/api/v3.1/connected_accounts?limit=2&order_direction=asc")
            #expect(page["items"]?.arrayValue?.count == 2 && page["total_items"] == 3 && page["next_cursor"]?.stringValue != nil)
            #expect(try await Self.call(client, .get, "/api/v3.1/connected_accounts?statuses=BOGUS").0 == .badRequest)

            #expect(try await Self.call(client, .patch, "/api/v3.1/connected_accounts/\(ids[0])/status", ["enabled": false]).1["success"] == true)
            #expect(try await Self.call(client, .get, "/api/v3.1/connected_accounts/\(ids[0])").1["is_disabled"] == true)
            let (_, renamed) = try await Self.call(client, .patch, "/api/v3.1/connected_accounts/\(ids[0])", ["alias": "work"])
            #expect(renamed["success"] == true && renamed["id"] == .string(ids[0]) && renamed["status"] == "ACTIVE")
            #expect(try await Self.call(client, .get, "/api/v3.1/connected_accounts/\(ids[0])").1["alias"] == "work")
            let (_, refreshed) = try await Self.call(client, .post, "/api/v3.1/connected_accounts/\(ids[0])/refresh", [:])
            #expect(refreshed["id"] == .string(ids[0]) && refreshed["status"] == "ACTIVE")

            #expect(try await Self.call(client, .delete, "/api/v3.1/connected_accounts/\(ids[0])").1["success"] == true)
            #expect(try await Self.call(client, .get, "/api/v3.1/connected_accounts/\(ids[0])").0 == .notFound)
            #expect(try await Self.call(client, .delete, "/api/v3.1/connected_accounts/\(ids[0])").0 == .notFound)
        }
    }

    @Test func tokenSchemesWithoutATokenGetAConnectLinkAndLinksAnswerTheSDKFields() async throws {
        try await TestServer().test { client in
            let (_, config) = try await Self.call(client, .post, "/api/v3.1/auth_configs", ["toolkit": ["slug": "pipedrive"], "auth_config": ["authScheme": "API_KEY"]])
            let configID = try #require(config["auth_config"]?["id"]?.stringValue)
            // What toolkits.authorize sends: no connection state. The user enters the token on the connect page.
            let (status, initiated) = try await Self.call(
                client, .post, "/api/v3.1/connected_accounts", ["auth_config": ["id": .string(configID)], "connection": ["user_id": "u1"]]
            )
            #expect(status == .created)
            #expect(initiated["status"] == "INITIATED" && initiated["connectionData"]?["val"]?["status"] == "INITIATED")
            #expect(initiated["connectionData"]?["authScheme"] == "API_KEY")
            #expect(initiated["connectionData"]?["val"]?["redirectUrl"]?.stringValue?.hasPrefix("http://127.0.0.1:8000/connect/") == true)
            #expect(initiated["redirect_url"] == initiated["connectionData"]?["val"]?["redirectUrl"])
            let (linked, link) = try await Self.call(client, .post, "/api/v3.1/connected_accounts/link", ["auth_config_id": .string(configID), "user_id": "u1"])
            #expect(linked == .created)
            for key in ["connected_account_id", "redirect_url", "link_token", "expires_at"] {
                #expect(link[key]?.stringValue != nil, "missing \(key)")
            }
            #expect(link["redirect_url"]?.stringValue?.hasPrefix("http://127.0.0.1:8000/connect/") == true)
        }
    }

    @Test func theConnectPageStoresAnAPITokenOnceBehindCSRF() async throws {
        try await TestServer().test { client in
            let (_, config) = try await Self.call(client, .post, "/api/v3.1/auth_configs", ["toolkit": ["slug": "pipedrive"], "auth_config": ["authScheme": "API_KEY"]])
            let configID = try #require(config["auth_config"]?["id"]?.stringValue)
            let (_, link) = try await Self.call(client, .post, "/api/v3.1/connected_accounts/link", ["auth_config_id": .string(configID), "user_id": "u1"])
            let token = try #require(link["link_token"]?.stringValue)
            let accountID = try #require(link["connected_account_id"]?.stringValue)
            let csrf = try await client.execute(uri: "/connect/\(token)", method: .get) { response throws -> String in
                #expect(response.status == .ok)
                #expect(response.headers[.contentSecurityPolicy]?.contains("form-action 'self'") == true)
                let html = String(buffer: response.body)
                #expect(html.contains("Pipedrive API token") && !html.contains("<script"))
                let marker = try #require(html.range(of: "name=\"csrf_token\" value=\""))
                return String(html[marker.upperBound...].prefix { $0 != "\"" })
            }
            let form = HTTPFields([HTTPField(name: .contentType, value: "application/x-www-form-urlencoded")])
            try await client.execute(uri: "/connect/\(token)", method: .post, headers: form, body: ByteBuffer(string: "csrf_token=forged&api_token=pd-token-abcdefgh1234&subdomain=acme")) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/connect/\(token)", method: .post, headers: form, body: ByteBuffer(string: "csrf_token=\(csrf)&api_token=pd-token-abcdefgh1234&subdomain=acme")) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Pipedrive connected"))
            }
            let (_, account) = try await Self.call(client, .get, "/api/v3.1/connected_accounts/\(accountID)")
            #expect(account["status"] == "ACTIVE")
            #expect(account["state"]?["val"]?["subdomain"] == "acme")
            try await client.execute(uri: "/connect/\(token)", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("expired or was already used"))
            }
            try await client.execute(uri: "/connect/not-a-token", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func theOAuthCallbackNeedsNoAPIKeyButEverythingElseUnderAPIDoes() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v1/auth-apps/add?state=nope&code=x", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("expired or was already used"))
            }
            try await client.execute(uri: "/api/v1/other", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
