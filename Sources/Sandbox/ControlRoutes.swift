import Foundation
import HTTPTypes
import Hummingbird
import ToolportJSON

/// `/_sandbox/...`: inspect and steer the sandbox over HTTP, without auth and without being recorded.
///
/// - `GET /_sandbox/requests`: the recorded requests as a JSON array.
/// - `DELETE /_sandbox/requests`: forget them.
/// - `PUT /_sandbox/faults`: replace the fault rules with a JSON array of ``FaultRule``.
/// - `POST /_sandbox/oauth/revoke`: invalidate every issued token.
/// - `POST /_sandbox/api-tokens` with `{"token": "…"}`: accept another personal API token.
/// - `DELETE /_sandbox/api-tokens/{token}`: refuse an API token from now on (401), as after a regeneration.
/// - `GET /_sandbox/stats`: `{"requests": N, "token_grants": {"authorization_code": N, "refresh_token": N}}`.
struct ControlRoutes {
    let sandbox: Sandbox

    func collection() -> RouteCollection<SandboxRequestContext> {
        let routes = RouteCollection(context: SandboxRequestContext.self)
        routes.get("requests") { _, _ in
            PipedriveResponse.json(.array(await sandbox.recordedRequests().map(\.jsonValue)))
        }
        routes.delete("requests") { _, _ in
            await sandbox.clearRecordedRequests()
            return Response(status: .noContent)
        }
        routes.put("faults") { request, context in
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let rules: [FaultRule]
            do {
                rules = try JSONDecoder().decode([FaultRule].self, from: Data(body.readableBytesView))
            } catch {
                return PipedriveResponse.json(["error": .string("The body must be a JSON array of fault rules: \(error)")], status: .badRequest)
            }
            await sandbox.setFaults(rules)
            let encoded = (try? JSONEncoder().encode(rules)).flatMap { try? JSONValue(parsing: $0) } ?? []
            return PipedriveResponse.json(encoded)
        }
        routes.post("oauth/revoke") { _, _ in
            await sandbox.revokeAllTokens()
            return Response(status: .noContent)
        }
        routes.post("api-tokens") { request, context in
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            guard let token = (try? JSONValue(parsing: Data(body.readableBytesView)))?["token"]?.stringValue, !token.isEmpty else {
                return PipedriveResponse.json(["error": "The body must be {\"token\": \"…\"}"], status: .badRequest)
            }
            await sandbox.addAPIToken(token)
            return Response(status: .noContent)
        }
        routes.delete("api-tokens/:token") { _, context in
            await sandbox.revokeAPIToken(try context.parameters.require("token"))
            return Response(status: .noContent)
        }
        routes.get("stats") { _, _ in
            let grants = await sandbox.tokenGrantCounts()
            let requests = await sandbox.recordedRequests().count
            return PipedriveResponse.json([
                "requests": .integer(requests),
                "token_grants": ["authorization_code": .integer(grants.authorizationCode), "refresh_token": .integer(grants.refreshToken)],
            ])
        }
        return routes
    }
}
