import Accounts
import Catalog
import CurlHTTP
import Execution
import Files
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Server
import SQLiteStorage
import Storage
import Synchronization
import Telemetry
import Testing

/// Builds the full application over an in-memory database, as `toolport serve` does.
struct TestServer {
    static let schemas = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "schemas/pipedrive")
    static let catalog: EncodedCatalog = {
        do {
            return EncodedCatalog(catalog: try Catalog.load(from: schemas))
        } catch {
            fatalError("the committed catalog must load: \(error)")
        }
    }()
    static let bootstrapKey = "tp_test_bootstrap_key"

    let database: SQLiteStorage
    /// What the server counts with (its registry is behind `GET /metrics`).
    let telemetry: Telemetry
    let app: Application<RouterResponder<ToolportRequestContext>>

    /// - Parameters:
    ///   - upstream: what the fake Pipedrive answers every call with.
    ///   - credentials: the connected accounts the executor may use.
    ///   - catalog: the tools served (the committed catalog by default).
    ///   - client: the fake Pipedrive, when a test looks at what was sent (`upstream` is then unused).
    ///   - files: where uploads and downloads are kept (see `TestServer.files(maxFileSize:)`); nil: none.
    init(
        upstream: UpstreamResponse = UpstreamResponse(status: 200, headers: [UpstreamHeader("content-type", "application/json")], body: Data(#"{"success":true,"data":{"id":1}}"#.utf8)),
        credentials: [Credential] = [Credential(accountID: "ca_one", userID: "user-1", secret: .apiToken("pd-token"))],
        catalog: EncodedCatalog = Self.catalog,
        client: FixedResponseClient? = nil,
        files: FileExchange? = nil,
        telemetry: Telemetry = Telemetry(),
        metricsToken: String? = nil
    ) throws {
        database = try SQLiteStorage.inMemory()
        self.telemetry = telemetry
        let graph = ServiceGraph(
            storage: database, box: try SecretBox(keyData: Data(repeating: 7, count: 32)), toolkit: catalog.catalog.toolkit,
            client: client ?? FixedResponseClient(response: upstream), credentials: StaticCredentialProvider(credentials), files: files,
            telemetry: telemetry
        )
        let dependencies = graph.serverDependencies(catalog: catalog, bootstrapKey: Self.bootstrapKey, metricsToken: metricsToken)
        app = Application(router: buildRouter(dependencies: dependencies), logger: Logger(label: "test"))
    }

    /// A file exchange in a new temporary directory, its URLs on `https://toolport.example.com`.
    static func files(maxFileSize: Int = 1024) throws -> FileExchange {
        let directory = FileManager.default.temporaryDirectory.appending(path: "toolport-server-files-\(UUID().uuidString)")
        return FileExchange(
            store: try FileStore(directory: directory), signer: FileURLSigner(keyData: Data(repeating: 9, count: 32)),
            publicURL: "https://toolport.example.com", configuration: .init(maxFileSize: maxFileSize)
        )
    }

    /// Runs `body` with a client that talks to the router directly.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await app.test(.router, body)
    }
}

/// A fake Pipedrive that answers every request with one response, and keeps the requests.
final class FixedResponseClient: UpstreamClient {
    let response: UpstreamResponse
    private let received = Mutex<[UpstreamRequest]>([])

    init(response: UpstreamResponse = UpstreamResponse(status: 200, headers: [UpstreamHeader("content-type", "application/json")], body: Data(#"{"success":true,"data":{"id":1}}"#.utf8))) {
        self.response = response
    }

    /// The requests sent so far, oldest first.
    var requests: [UpstreamRequest] { received.withLock { $0 } }

    func execute(_ request: UpstreamRequest) async throws(UpstreamError) -> UpstreamResponse {
        received.withLock { $0.append(request) }
        return response
    }
}

extension HTTPFields {
    static func apiKey(_ key: String = TestServer.bootstrapKey) -> HTTPFields {
        [HTTPField.Name("x-api-key")!: key]
    }
}

extension TestResponse {
    /// The body parsed as a JSON object.
    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
    }

    /// The Composio error envelope's inner object.
    func errorEnvelope() throws -> [String: Any] {
        try #require(try json()["error"] as? [String: Any])
    }
}
