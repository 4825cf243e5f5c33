public import Catalog
public import CurlHTTP
public import Execution
import Foundation
public import ToolportJSON

/// Runs calls on a Toolport server through its HTTP API (`toolport mcp-stdio --url … --api-key …`).
public struct RemoteToolRunner: ToolRunner {
    let client: any UpstreamClient
    let baseURL: String
    let apiKey: String

    public init(client: any UpstreamClient, baseURL: String, apiKey: String) {
        self.client = client
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
    }

    public func execute(tool: Tool, arguments: JSONValue, selector: AccountSelector, dryRun: Bool) async -> ExecutionResult {
        var body: [String: JSONValue] = ["arguments": arguments, "version": "latest"]
        if dryRun { body["dry_run"] = true }
        if let user = selector.userID { body["user_id"] = .string(user) }
        if let account = selector.connectedAccountID { body["connected_account_id"] = .string(account) }
        let response: UpstreamResponse
        do {
            response = try await client.execute(UpstreamRequest(
                method: "POST", url: baseURL + "/api/v3.1/tools/execute/" + tool.slug,
                headers: [UpstreamHeader("x-api-key", apiKey), UpstreamHeader("Content-Type", "application/json"), UpstreamHeader("Accept", "application/json")],
                body: JSONValue.object(body).encoded()
            ))
        } catch {
            return Self.failure("Could not reach the Toolport server at \(baseURL): \(error)")
        }
        guard let envelope = try? JSONValue(parsing: response.body), envelope["successful"] != nil else {
            let message = (try? JSONValue(parsing: response.body))?["error"]?["message"]?.stringValue ?? "HTTP \(response.status)"
            return Self.failure("The Toolport server refused the call: \(message)")
        }
        return ExecutionResult(
            data: envelope["data"] ?? [:], error: envelope["error"]?.stringValue, successful: envelope["successful"] == true,
            logID: envelope["log_id"]?.stringValue ?? ""
        )
    }

    /// The slugs the server lets this API key list and run (`GET /api/v3.1/tools`).
    /// - Throws: `RemoteError` when the server cannot be reached or refuses the key.
    public func permittedSlugs() async throws(RemoteError) -> [String] {
        let response: UpstreamResponse
        do {
            response = try await client.execute(UpstreamRequest(
                method: "GET", url: baseURL + "/api/v3.1/tools?limit=1000&include_deprecated=true",
                headers: [UpstreamHeader("x-api-key", apiKey), UpstreamHeader("Accept", "application/json")]
            ))
        } catch {
            throw RemoteError(message: "Could not reach the Toolport server at \(baseURL): \(error)")
        }
        let body = try? JSONValue(parsing: response.body)
        guard response.status == 200, let items = body?["items"]?.arrayValue else {
            throw RemoteError(message: "The Toolport server refused to list tools: \(body?["error"]?["message"]?.stringValue ?? "HTTP \(response.status)")")
        }
        return items.compactMap { $0["slug"]?.stringValue }
    }

    /// Why the server could not be asked.
    public struct RemoteError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    private static func failure(_ message: String) -> ExecutionResult {
        ExecutionResult(data: ["message": .string(message)], error: message, successful: false, logID: "")
    }
}
