import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Sandbox
import Testing
import ToolportJSON

/// A sandbox over the repository's catalog with an application around its router.
struct TestSandbox {
    static let catalog: Catalog = {
        // SANDBOX_TEST_SCHEMAS points the tests at another copy of the catalog (e.g. while the committed one is being edited).
        let schemas = ProcessInfo.processInfo.environment["SANDBOX_TEST_SCHEMAS"].map { URL(filePath: $0) }
            ?? URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "schemas/pipedrive")
        do {
            return try Catalog.load(from: schemas)
        } catch {
            fatalError("the committed catalog must load: \(error)")
        }
    }()
    static let apiToken = "sandbox-api-token"

    let sandbox: Sandbox
    let app: Application<RouterResponder<SandboxRequestContext>>

    init(configuration: SandboxConfiguration = SandboxConfiguration()) {
        sandbox = Sandbox(configuration: configuration, catalog: Self.catalog)
        app = Application(router: sandbox.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// Runs `body` with a client that calls the router directly.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await app.test(.router, body)
    }
}

extension HTTPFields {
    /// The sandbox's personal API token as `x-api-token`.
    static var apiToken: HTTPFields { [HTTPField.Name("x-api-token")!: TestSandbox.apiToken] }

    /// `Authorization: Bearer <token>`.
    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }
}

extension TestClientProtocol {
    /// Sends a request (authenticated with the API token unless other headers are given), with `json` as its body.
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, json: JSONValue? = nil, headers: HTTPFields = .apiToken) async throws -> TestResponse {
        var headers = headers
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(bytes: $0.encoded()) })
    }

    /// Sends a form-encoded body.
    @discardableResult
    func callForm(_ method: HTTPRequest.Method, _ uri: String, form: String, headers: HTTPFields = .apiToken) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: form))
    }
}

extension TestResponse {
    /// The body parsed as JSON.
    func json() throws -> JSONValue {
        try JSONValue(parsing: Data(body.readableBytesView))
    }

    /// `data` of the v1 envelope.
    func data() throws -> JSONValue {
        try #require(try json()["data"])
    }

    /// The body as text.
    var text: String { String(buffer: body) }
}
