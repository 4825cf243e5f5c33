import Foundation
import Hummingbird
import Synchronization
import ToolportJSON

extension Sandbox {
    /// Whether the request carries Pipedrive credentials: `x-api-token` with an accepted API token,
    /// `Authorization: Bearer` with one or with a live issued access token, or the legacy `?api_token=`.
    func isAuthorized(_ request: RecordedRequest) -> Bool {
        let apiTokens = apiTokens.withLock { $0 }
        if let token = request.headers["x-api-token"] ?? request.query["api_token"], apiTokens.accepts(token) { return true }
        guard let authorization = request.headers["authorization"], authorization.lowercased().hasPrefix("bearer ") else { return false }
        let bearer = authorization.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        return apiTokens.accepts(bearer) || tokens.withLock { $0.isLive(accessToken: bearer, now: .now) }
    }

    /// Answers an authorized API request from the catalog operation that `segments` (below the version prefix) match.
    func respondToAPI(_ request: RecordedRequest, segments: [String]) -> Response {
        guard let match = operations.match(method: request.method, segments: segments) else {
            return PipedriveResponse.error(.notFound, "Unknown method \(request.method) \(request.path)")
        }
        let fields: [String: JSONValue]
        do {
            fields = try request.bodyFields()
        } catch {
            return PipedriveResponse.error(.badRequest, error.description)
        }
        if let missing = match.missingParameter(in: request, fields: fields) {
            return PipedriveResponse.error(.badRequest, "Parameter '\(missing)' is required")
        }
        let now = Date()
        return store.withLock { store in
            store.purgeDeleted(now: now)
            if let operation = StatefulOperation(method: request.method, template: match.operation.segments) {
                return operation.respond(to: request, fields: fields, id: match.pathValues["id"], store: &store, now: now)
            }
            return CatalogEcho.response(to: match, request: request, fields: fields, store: &store)
        }
    }
}
