import Accounts
import Execution
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Server
import SQLiteStorage
import Storage
import Testing
import ToolportJSON

/// Toolport's HTTP API in front of a given executor, driven like a Composio client would.
struct ToolportAPI {
    static let apiKey = "tp_flow_test_key"

    let client: any TestClientProtocol

    /// The envelope of `POST /api/v3.1/tools/execute/{slug}` for `user-1`.
    func execute(_ slug: String, _ arguments: JSONValue) async throws -> ExecutionResult {
        let body: JSONValue = ["user_id": "user-1", "version": "latest", "arguments": arguments]
        return try await client.execute(
            uri: "/api/v3.1/tools/execute/\(slug)", method: .post,
            headers: [HTTPField.Name("x-api-key")!: Self.apiKey], body: ByteBuffer(bytes: body.encoded())
        ) { response throws -> ExecutionResult in
            #expect(response.status == .ok)
            let envelope = try JSONValue(parsing: Data(response.body.readableBytesView))
            #expect(Set(envelope.objectValue?.keys.map { $0 } ?? []) == ["data", "error", "successful", "log_id"])
            return ExecutionResult(
                data: envelope["data"] ?? .null, error: envelope["error"]?.stringValue,
                successful: envelope["successful"] == true, logID: envelope["log_id"]?.stringValue ?? ""
            )
        }
    }

    /// `GET /api/v3.1/logs/{id}`.
    func log(_ id: String) async throws -> JSONValue {
        try await client.execute(uri: "/api/v3.1/logs/\(id)", method: .get, headers: [HTTPField.Name("x-api-key")!: Self.apiKey]) { response throws in
            try JSONValue(parsing: Data(response.body.readableBytesView))
        }
    }

    /// Runs `body` against Toolport's router over `services`.
    static func run(_ services: ServiceGraph, _ body: @escaping @Sendable (ToolportAPI) async throws -> Void) async throws {
        let dependencies = services.serverDependencies(catalog: EncodedCatalog(catalog: SandboxHarness.catalog), bootstrapKey: apiKey)
        let app = Application(router: buildRouter(dependencies: dependencies), logger: Logger(label: "toolport-test"))
        try await app.test(.router) { client in try await body(ToolportAPI(client: client)) }
    }
}
