import Catalog
import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Server
import SQLiteStorage
import Storage
import Execution
import CurlHTTP
import Testing

/// One smoke test over real sockets, through `buildApplication` as `toolport serve` runs it.
struct LiveServerTests {
    @Test func servesToolsOverTCP() async throws {
        let database = try SQLiteStorage.inMemory()
        let graph = ServiceGraph(
            storage: database, box: try SecretBox(keyData: Data(repeating: 7, count: 32)), toolkit: TestServer.catalog.catalog.toolkit,
            client: FixedResponseClient(response: UpstreamResponse(status: 500)), credentials: StaticCredentialProvider([])
        )
        let dependencies = graph.serverDependencies(catalog: TestServer.catalog, bootstrapKey: TestServer.bootstrapKey)
        let app = buildApplication(configuration: .init(host: "127.0.0.1", port: 0), dependencies: dependencies, logger: Logger(label: "live"))
        try await app.test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { response throws in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v3.1/tools?toolkit_slug=pipedrive&limit=2", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect((try response.json()["items"] as? [Any])?.count == 2)
            }
        }
    }
}
