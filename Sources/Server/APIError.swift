import Foundation
public import HTTPTypes
public import Hummingbird
import NIOCore

/// An API misuse, rendered as Composio's error envelope:
/// `{"error": {"message", "code", "slug", "status", "request_id", "suggested_fix"?, "errors"?}}`; the request id is
/// the one `ObservabilityMiddleware` gave the request (the client's `x-request-id` when well-formed).
public struct APIError: HTTPResponseError, Sendable {
    /// The kinds of error Toolport answers with; each has a stable slug and numeric code.
    public enum Kind: String, Sendable {
        case unauthorized = "Auth_InvalidApiKey"
        case forbidden = "Auth_Forbidden"
        case toolNotFound = "Tool_NotFound"
        case toolkitNotFound = "Toolkit_NotFound"
        case versionNotFound = "Toolkit_VersionNotFound"
        case toolNotShapeable = "Tool_SchemaProfileUnsupported"
        case sessionNotFound = "ToolRouterSession_NotFound"
        case conflict = "Request_Conflict"
        case notImplemented = "Route_NotImplemented"
        case logNotFound = "Log_NotFound"
        case authConfigNotFound = "AuthConfig_NotFound"
        case accountNotFound = "ConnectedAccount_NotFound"
        case mcpServerNotFound = "MCPServer_NotFound"
        case triggerNotFound = "Trigger_NotFound"
        case triggerTypeNotFound = "TriggerType_NotFound"
        case webhookSubscriptionNotFound = "WebhookSubscription_NotFound"
        case fileNotFound = "File_NotFound"
        case fileAlreadyUploaded = "File_AlreadyUploaded"
        case methodNotAllowed = "Request_MethodNotAllowed"
        case serviceUnavailable = "Service_Unavailable"
        case routeNotFound = "Route_NotFound"
        case badRequest = "Request_Invalid"
        case payloadTooLarge = "Request_TooLarge"
        case internalError = "Internal_Error"
        /// Pipedrive could not be reached for a proxied request.
        case upstreamUnreachable = "Upstream_Unreachable"

        var status: HTTPResponse.Status {
            switch self {
            case .unauthorized: .unauthorized
            case .forbidden: .forbidden
            case .toolNotFound, .toolkitNotFound, .versionNotFound, .routeNotFound, .logNotFound, .authConfigNotFound, .accountNotFound,
                .mcpServerNotFound, .fileNotFound, .triggerNotFound, .triggerTypeNotFound, .webhookSubscriptionNotFound:
                .notFound
            case .fileAlreadyUploaded: .conflict
            case .methodNotAllowed: .methodNotAllowed
            case .serviceUnavailable: .serviceUnavailable
            case .badRequest: .badRequest
            case .toolNotShapeable: .unprocessableContent
            case .sessionNotFound: .notFound
            case .conflict: .conflict
            case .notImplemented: .notImplemented
            case .payloadTooLarge: .contentTooLarge
            case .internalError: .internalServerError
            case .upstreamUnreachable: .badGateway
            }
        }

        var code: Int {
            switch self {
            case .unauthorized: 1001
            case .forbidden: 1006
            case .toolNotFound: 1501
            case .toolkitNotFound: 1502
            case .versionNotFound: 1503
            case .toolNotShapeable: 1504
            case .sessionNotFound: 1901
            case .conflict: 1007
            case .notImplemented: 1008
            case .logNotFound: 1601
            case .authConfigNotFound: 1701
            case .accountNotFound: 1803
            case .mcpServerNotFound: 2101
            case .triggerNotFound: 2201
            case .triggerTypeNotFound: 2202
            case .webhookSubscriptionNotFound: 2203
            case .fileNotFound: 2001
            case .fileAlreadyUploaded: 2002
            case .methodNotAllowed: 1010
            case .serviceUnavailable: 1005
            case .routeNotFound: 1004
            case .badRequest: 1002
            case .payloadTooLarge: 1003
            case .internalError: 1000
            case .upstreamUnreachable: 1009
            }
        }
    }

    public let kind: Kind
    public let message: String
    public let suggestedFix: String?
    public let errors: [String]
    /// Headers the answer carries besides its content type (`Allow` with a 405).
    public let headers: HTTPFields

    public init(_ kind: Kind, _ message: String, suggestedFix: String? = nil, errors: [String] = [], headers: HTTPFields = [:]) {
        self.kind = kind
        self.message = message
        self.suggestedFix = suggestedFix
        self.errors = errors
        self.headers = headers
    }

    public var status: HTTPResponse.Status { kind.status }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body: [String: JSONScalar] = [
            "message": .string(message), "code": .int(kind.code), "slug": .string(kind.rawValue), "status": .int(status.code),
        ]
        if let requestID = request.headers[.xRequestID] { body["request_id"] = .string(requestID) }
        if let suggestedFix { body["suggested_fix"] = .string(suggestedFix) }
        if !errors.isEmpty { body["errors"] = .strings(errors) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(["error": body])
        var fields = headers
        fields[.contentType] = "application/json"
        // The SDK retries 5xx answers unless told not to; asking again cannot make a route exist.
        if kind == .notImplemented { fields[.xShouldRetry] = "false" }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The few value shapes the envelope holds.
    private enum JSONScalar: Encodable {
        case string(String)
        case int(Int)
        case strings([String])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let value): try container.encode(value)
            case .int(let value): try container.encode(value)
            case .strings(let value): try container.encode(value)
            }
        }
    }
}

extension HTTPField.Name {
    static let xRequestID = Self("x-request-id")!
    static let xAPIKey = Self("x-api-key")!
    static let xShouldRetry = Self("x-should-retry")!
}
