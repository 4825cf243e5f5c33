public import Hummingbird
import Logging
import NIOCore

/// Outermost middleware: every error leaves as a Composio error envelope, never as an empty body.
///
/// `APIError`s render themselves; Hummingbird's own `HTTPError`s (404 for an unknown route, 413 for a
/// body over the limit, 400 for undecodable JSON) keep their status; anything else is logged and
/// answered with a generic 500 that reveals nothing about the failure.
public struct ErrorEnvelopeMiddleware: RouterMiddleware {
    public typealias Context = ToolportRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw Self.translate(error, request: request)
        } catch is NIOTooManyBytesError {
            // `body.collect(upTo:)` passed the limit.
            throw APIError(
                .payloadTooLarge, "The request body is larger than the \(context.maxUploadSize / (1024 * 1024)) MiB the server accepts."
            )
        } catch {
            context.logger.error("unhandled error", metadata: ["error.type": "\(type(of: error))"])
            throw APIError(.internalError, "Toolport could not complete this request; the server log has the details.")
        }
    }

    private static func translate(_ error: HTTPError, request: Request) -> APIError {
        switch error.status {
        case .notFound:
            APIError(.routeNotFound, "No route \(request.method) \(request.uri.path)", suggestedFix: "See docs/api.md for the routes Toolport serves.")
        case .contentTooLarge:
            APIError(.payloadTooLarge, "The request body is larger than the server accepts.")
        case .unauthorized:
            APIError(.unauthorized, error.body ?? "Unauthorized")
        default:
            APIError(.badRequest, error.body ?? "The request could not be read (HTTP \(error.status.code)).")
        }
    }
}
