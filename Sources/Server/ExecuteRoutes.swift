import Accounts
import Catalog
public import CurlHTTP
public import Execution
import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore
import ToolportJSON

/// `POST /tools/execute/{slug}` (contract §2.3) and `POST /tools/execute/proxy` (Composio's `tools.proxy`).
/// The fixed `proxy` path is matched before `{slug}`.
public struct ExecuteRoutes: Sendable {
    let catalog: EncodedCatalog
    let executor: ToolExecutor
    /// Where a credential given with a call (`custom_auth_params.base_url`, `custom_connection_data`) may point.
    let upstreams: UpstreamAllowList
    /// The user a connected account belongs to (nil when there is no such account), to hold a scoped key
    /// to its users before anything is sent.
    let accountOwner: @Sendable (String) async throws -> String?

    public init(
        catalog: EncodedCatalog, executor: ToolExecutor, upstreams: UpstreamAllowList,
        accountOwner: @escaping @Sendable (String) async throws -> String?
    ) {
        self.catalog = catalog
        self.executor = executor
        self.upstreams = upstreams
        self.accountOwner = accountOwner
    }

    /// Whether `headers` ask for a dry run (`x-toolport-dry-run: 1` or `true`).
    static func asksForDryRun(_ headers: HTTPFields) -> Bool {
        ["1", "true"].contains(headers[HTTPField.Name("x-toolport-dry-run")!]?.lowercased() ?? "")
    }

    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.post("tools/execute/proxy") { request, context in try await self.proxy(request, context: context) }
        routes.post("tools/execute/{slug}") { request, context in
            try await self.execute(request, context: context, slug: context.pathParameter("slug"))
        }
        return routes
    }

    func execute(_ request: Request, context: ToolportRequestContext, slug: String) async throws -> Response {
        guard let tool = catalog.catalog.tool(named: slug) else {
            throw APIError(.toolNotFound, "Tool \(slug) not found", suggestedFix: "List tools with GET /api/v3.1/tools?query=...")
        }
        let body = try await request.jsonObject(context: context)
        if let text = body["text"], text != .null {
            throw APIError(
                .badRequest, "text asks Composio to write the tool's arguments with a language model, and Toolport runs none",
                suggestedFix: "Pass the arguments themselves (tools.execute(slug, arguments, ...) without text).", errors: ["text"]
            )
        }
        if let version = body["version"], version != .null {
            guard let text = version.stringValue else { throw APIError(.badRequest, "version must be a string") }
            if text.lowercased() != "latest", !catalog.availableVersions.contains(text) {
                throw APIError(.versionNotFound, "Tool \(tool.slug) has no version \(text); available: latest, \(catalog.availableVersions.joined(separator: ", "))")
            }
        }
        let selector = AccountSelector(
            userID: try body.optionalString("user_id"),
            connectedAccountID: try body.optionalString("connected_account_id")
        )
        if let refusal = context.caller.permission.refusal(of: tool, api: catalog.api) {
            throw APIError(.forbidden, "Tool \(tool.slug) is not available to this API key: \(refusal)")
        }
        try await authorize(context.caller, selector: selector)
        let supplied = try suppliedCredential(body, selector: selector, allowingAuthParams: true)
        let dryRun: Bool
        switch body["dry_run"] {
        case nil, .null: dryRun = Self.asksForDryRun(request.headers)
        case .bool(let flag): dryRun = flag
        case let other?: throw APIError(.badRequest, "dry_run must be a boolean, got \(other.briefDescription)", errors: ["dry_run"])
        }
        let result = await executor.execute(
            tool: tool, arguments: body["arguments"] ?? .object([:]), selector: selector, credential: supplied, dryRun: dryRun
        )
        return Response.json(ByteBuffer(bytes: result.json.encoded()))
    }

    /// `POST /tools/execute/proxy`: `{endpoint, method, body?, parameters?, connected_account_id?, user_id?,
    /// custom_connection_data?}` → `{status, data, headers, log_id}` with Pipedrive's status, whatever it is.
    func proxy(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let body = try await request.jsonObject(context: context)
        guard let endpoint = try body.optionalString("endpoint") else {
            throw APIError(.badRequest, "endpoint is required: a Pipedrive path such as /api/v1/deals", errors: ["endpoint"])
        }
        guard let method = try body.optionalString("method") else {
            throw APIError(.badRequest, "method is required: GET, POST, PUT, PATCH, DELETE or HEAD", errors: ["method"])
        }
        if let binary = body["binary_body"], binary != .null {
            throw APIError(.badRequest, "binary_body is not supported; send the body as JSON or a string with its Content-Type", errors: ["binary_body"])
        }
        let proxy: ProxyRequest
        do {
            proxy = try ProxyRequest(method: method, endpoint: endpoint, parameters: try Self.proxyParameters(body["parameters"]), body: body["body"])
        } catch let error as ProxyError {
            throw APIError(.badRequest, error.description)
        }
        let selector = AccountSelector(userID: try body.optionalString("user_id"), connectedAccountID: try body.optionalString("connected_account_id"))
        if let refusal = context.caller.permission.proxyRefusal(method: proxy.method.rawValue) {
            throw APIError(.forbidden, "The proxy is not available to this API key: \(refusal)")
        }
        try await authorize(context.caller, selector: selector)
        let supplied = try suppliedCredential(body, selector: selector, allowingAuthParams: false)
        let result = await executor.proxy(proxy, selector: selector, credential: supplied)
        return Response.json(ByteBuffer(bytes: try Self.proxyAnswer(result).encoded()))
    }

    /// A proxy call's answer, `{status, data, headers, log_id}`; the error for a call that was not sent or got no answer.
    static func proxyAnswer(_ result: ProxyResult) throws(APIError) -> JSONValue {
        switch result.outcome {
        case .answered(let answer, _):
            guard case .object(var members) = answer.json else { return answer.json }
            members["log_id"] = .string(result.logID)
            return .object(members)
        case .invalid(let error):
            throw APIError(.badRequest, error.description)
        case .noCredential(let error):
            throw APIError(credential: error)
        case .unanswered(let error, let attempts):
            throw APIError(
                .upstreamUnreachable,
                "Could not reach Pipedrive: \(error)" + (attempts > 1 ? " (after \(attempts) attempts)" : "") + "; see execution log \(result.logID)"
            )
        }
    }

    /// Composio's `parameters`: `[{name, type: header|query, value}]`.
    static func proxyParameters(_ value: JSONValue?) throws(APIError) -> [ProxyRequest.Parameter] {
        guard let value, value != .null else { return [] }
        guard case .array(let items) = value else { throw APIError(.badRequest, "parameters must be a list of {name, type, value}", errors: ["parameters"]) }
        var parameters: [ProxyRequest.Parameter] = []
        for (index, item) in items.enumerated() {
            guard let name = item["name"]?.stringValue, let type = item["type"]?.stringValue,
                let location = ProxyRequest.Parameter.Location(rawValue: type.lowercased())
            else {
                throw APIError(.badRequest, "parameters[\(index)] needs name and type (header or query)", errors: ["parameters[\(index)]"])
            }
            let text: String
            switch item["value"] {
            case .string(let string)?: text = string
            case .integer(let number)?: text = String(number)
            default: throw APIError(.badRequest, "parameters[\(index)].value must be a string", errors: ["parameters[\(index)].value"])
            }
            parameters.append(ProxyRequest.Parameter(name: name, value: text, location: location))
        }
        return parameters
    }

    /// The credential given with the call: `custom_connection_data` (which wins, as in Composio), else
    /// `custom_auth_params` where the route takes it; nil for neither.
    func suppliedCredential(_ body: [String: JSONValue], selector: AccountSelector, allowingAuthParams: Bool) throws(APIError) -> Credential? {
        func given(_ key: String) -> JSONValue? { body[key].flatMap { $0 == .null ? nil : $0 } }
        let data = given("custom_connection_data")
        let params = allowingAuthParams ? given("custom_auth_params") : nil
        guard data != nil || params != nil else { return nil }
        if selector.connectedAccountID != nil {
            throw APIError(
                .badRequest, "connected_account_id and \(data != nil ? "custom_connection_data" : "custom_auth_params") both name a credential; pass one",
                errors: ["connected_account_id"]
            )
        }
        do {
            if let data { return try PerCallCredential.credential(connectionData: data, userID: selector.userID, upstreams: upstreams) }
            guard let params else { return nil }
            return try PerCallCredential.credential(authParams: params, userID: selector.userID, upstreams: upstreams)
        } catch {
            throw APIError(error)
        }
    }

    /// Refuses, before validation and before anything is sent, a call the caller's key may not make:
    /// another user, or another user's connected account.
    func authorize(_ caller: Caller, selector: AccountSelector) async throws {
        if let refusal = caller.refusal(actingAs: selector.userID) {
            throw APIError(.forbidden, "Refused: \(refusal)", errors: ["user_id"])
        }
        guard !caller.isAdmin, let accountID = selector.connectedAccountID else { return }
        let owner: String?
        do {
            owner = try await accountOwner(accountID)
        } catch {
            throw APIError(.serviceUnavailable, "The connected account could not be checked: the database is unavailable; try again shortly.")
        }
        if let owner, caller.refusal(actingAs: owner) != nil || owner != selector.userID {
            throw APIError(.forbidden, "Refused: connected account \(accountID) belongs to another user", errors: ["connected_account_id"])
        }
    }
}

extension APIError {
    /// The envelope for a proxy call that found no account to use.
    init(credential error: CredentialError) {
        switch error {
        case .accountNotFound: self.init(.accountNotFound, error.description)
        case .accountOfAnotherUser: self.init(.forbidden, error.description, errors: ["connected_account_id"])
        case .unavailable: self.init(.serviceUnavailable, error.description)
        default: self.init(.badRequest, error.description)
        }
    }
}
