import Accounts
import Catalog
import CurlHTTP
import Execution
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Server
import SQLiteStorage
import Storage
import Testing
import ToolportJSON

/// Bugs that fuzzing the server against docs/openapi.yaml found (Tests/reliability/test_openapi.py), each
/// pinned here so it stays fixed.
struct OpenAPIFindingsTests {
    static func oauthConfig(_ client: any TestClientProtocol) async throws -> String {
        let (_, created) = try await AccountRoutesTests.call(client, .post, "/api/v3.1/auth_configs", AccountRoutesTests.oauthConfig)
        return try #require(created["auth_config"]?["id"]?.stringValue)
    }

    static func state(expiresIn lifetime: Double) -> JSONValue {
        ["authScheme": "OAUTH2", "val": ["access_token": "access-token-1234", "expires_in": .number(lifetime)]]
    }

    /// A token lifetime past the year 9999 used to be stored as an expiry the database could not read back:
    /// the account was created (201), then every read of the accounts list, and every tool call of the user,
    /// failed with 503.
    @Test(arguments: [1e300, 1e18, -1e300, -1.0])
    func anImpossibleTokenLifetimeIsRefusedAndTheAccountsStayReadable(lifetime: Double) async throws {
        try await TestServer().test { client in
            let configID = try await Self.oauthConfig(client)
            let (status, answer) = try await AccountRoutesTests.call(client, .post, "/api/v3.1/connected_accounts", [
                "auth_config": ["id": .string(configID)],
                "connection": ["user_id": "u1", "state": Self.state(expiresIn: lifetime)],
            ])
            #expect(status == .badRequest)
            #expect(answer["error"]?["errors"] == ["connection.state.val.expires_in"])
            #expect(try await AccountRoutesTests.call(client, .get, "/api/v3.1/connected_accounts").0 == .ok)
        }
    }

    @Test func anImpossibleTokenLifetimeIsRefusedWhenAnAccountIsUpdated() async throws {
        try await TestServer().test { client in
            let configID = try await Self.oauthConfig(client)
            let (_, created) = try await AccountRoutesTests.call(client, .post, "/api/v3.1/connected_accounts", [
                "auth_config": ["id": .string(configID)],
                "connection": ["user_id": "u1", "state": Self.state(expiresIn: 3600)],
            ])
            let id = try #require(created["id"]?.stringValue)
            let (status, answer) = try await AccountRoutesTests.call(
                client, .patch, "/api/v3.1/connected_accounts/\(id)", ["connection": ["state": Self.state(expiresIn: 1e300)]]
            )
            #expect(status == .badRequest)
            #expect(answer["error"]?["errors"] == ["connection.state.val.expires_in"])
            let (read, account) = try await AccountRoutesTests.call(client, .get, "/api/v3.1/connected_accounts/\(id)")
            #expect(read == .ok)
            #expect(account["status"] == "ACTIVE")
        }
    }

    /// A `name` that is not a string or a `tool_access_config` that is not an object was accepted (201/200)
    /// and silently dropped.
    @Test(arguments: [
        ("name", JSONValue.integer(7)), ("tool_access_config", JSONValue.string("all")), ("tool_access_config", JSONValue.array([])),
    ])
    func anAuthConfigFieldOfTheWrongTypeIsRefused(field: String, value: JSONValue) async throws {
        try await TestServer().test { client in
            let (created, answer) = try await AccountRoutesTests.call(client, .post, "/api/v3.1/auth_configs", [
                "toolkit": ["slug": "pipedrive"], "auth_config": ["authScheme": "API_KEY", field: value],
            ])
            #expect(created == .badRequest)
            #expect(answer["error"]?["message"]?.stringValue?.contains("auth_config.\(field)") == true, "\(answer)")

            let (_, config) = try await AccountRoutesTests.call(client, .post, "/api/v3.1/auth_configs", [
                "toolkit": ["slug": "pipedrive"], "auth_config": ["authScheme": "API_KEY", "name": "kept", "tool_access_config": ["a": true]],
            ])
            let id = try #require(config["auth_config"]?["id"]?.stringValue)
            let (updated, _) = try await AccountRoutesTests.call(client, .patch, "/api/v3.1/auth_configs/\(id)", [field: value])
            #expect(updated == .badRequest)
            let (_, read) = try await AccountRoutesTests.call(client, .get, "/api/v3.1/auth_configs/\(id)")
            #expect(read["name"] == "kept")
            #expect(read["tool_access_config"] == ["a": true])
        }
    }

    /// docs/api.md and docs/openapi.yaml promise 503 `Service_Unavailable` when the database cannot be reached;
    /// reading an execution log and checking a stored API key answered 500 `Internal_Error` instead.
    @Test func anUnreachableDatabaseIs503WhenALogIsRead() async throws {
        let app = try Self.application(logs: UnavailableLogStore(), keys: nil)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v3.1/logs/log_1", method: .get, headers: .apiKey()) { (response) throws in
                #expect(response.status == .serviceUnavailable)
                #expect(try response.errorEnvelope()["slug"] as? String == "Service_Unavailable")
            }
        }
    }

    @Test func anUnreachableDatabaseIs503WhenAStoredAPIKeyIsChecked() async throws {
        let app = try Self.application(logs: nil, keys: UnavailableAPIKeyStore())
        try await app.test(.router) { client in
            for (method, uri) in [(HTTPRequest.Method.get, "/api/v3.1/tools?limit=1"), (.post, "/mcp")] {
                try await client.execute(uri: uri, method: method, headers: .apiKey("tp_not_the_bootstrap_key")) { (response) throws in
                    #expect(response.status == .serviceUnavailable, "\(uri)")
                    #expect(try response.errorEnvelope()["slug"] as? String == "Service_Unavailable", "\(uri)")
                }
            }
            // The bootstrap key is compared by hash and needs no database.
            try await client.execute(uri: "/api/v3.1/tools?limit=1", method: .get, headers: .apiKey()) { response in
                #expect(response.status == .ok)
            }
        }
    }

    /// The application `TestServer` builds, with the execution log store and/or the API key store replaced.
    static func application(logs: (any ExecutionLogStore)?, keys: (any APIKeyStore)?) throws -> some ApplicationProtocol {
        let database = try SQLiteStorage.inMemory()
        let upstream = UpstreamResponse(status: 200, headers: [], body: Data("{}".utf8))
        let graph = ServiceGraph(
            storage: database, box: try SecretBox(keyData: Data(repeating: 7, count: 32)), toolkit: TestServer.catalog.catalog.toolkit,
            client: FixedResponseClient(response: upstream), credentials: StaticCredentialProvider([]), executionLogs: logs
        )
        var dependencies = graph.serverDependencies(catalog: TestServer.catalog, bootstrapKey: TestServer.bootstrapKey)
        if let keys { dependencies.authenticator = APIKeyAuthenticator(bootstrapKey: TestServer.bootstrapKey, store: keys) }
        return Application(router: buildRouter(dependencies: dependencies), logger: Logger(label: "test"))
    }
}

/// An execution log store whose database cannot be reached.
struct UnavailableLogStore: ExecutionLogStore {
    static let failure = StorageError.queryFailed(operation: "test", reason: "the database is gone")
    func insert(_ record: ExecutionLogRecord) async throws(StorageError) { throw Self.failure }
    func record(id: String) async throws(StorageError) -> ExecutionLogRecord? { throw Self.failure }
    func search(_ query: ExecutionLogQuery) async throws(StorageError) -> [ExecutionLogRecord] { throw Self.failure }
    func deleteOlder(than date: Date) async throws(StorageError) -> Int { throw Self.failure }
}

/// An API key store whose database cannot be reached.
struct UnavailableAPIKeyStore: APIKeyStore {
    func hasActiveKeys() async throws(StorageError) -> Bool { throw UnavailableLogStore.failure }
    func insert(name: String, plaintext: String, scope: APIKeyScope, expiresAt: Date?) async throws(StorageError) -> APIKeyRecord {
        throw UnavailableLogStore.failure
    }
    func activeKey(hash: String) async throws(StorageError) -> APIKeyRecord? { throw UnavailableLogStore.failure }
    func all() async throws(StorageError) -> [APIKeyRecord] { throw UnavailableLogStore.failure }
    func revoke(id: String) async throws(StorageError) -> Bool { throw UnavailableLogStore.failure }
}
