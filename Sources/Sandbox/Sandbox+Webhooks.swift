import Foundation
import Hummingbird
import Synchronization
import ToolportJSON

extension Sandbox {
    /// Answers `GET|POST /v1/webhooks` and `DELETE /v1/webhooks/{id}`; nil for any other path.
    func respondToWebhooks(_ request: RecordedRequest, segments: [String]) -> Response? {
        guard segments.first == "webhooks", segments.count <= 2 else { return nil }
        switch (request.method, segments.count) {
        case ("GET", 1):
            return PipedriveResponse.success(.array(webhooks.all.map(\.json)))
        case ("POST", 1):
            let fields: [String: JSONValue]
            do { fields = try request.bodyFields() } catch { return PipedriveResponse.error(.badRequest, error.description) }
            switch webhooks.add(fields, now: Date()) {
            case .success(let webhook): return PipedriveResponse.json(["success": true, "status": "ok", "data": webhook.json], status: .created)
            case .failure(let error): return PipedriveResponse.error(.badRequest, error.message)
            }
        case ("DELETE", 2):
            guard let id = Int(segments[1]), webhooks.remove(id: id) else { return PipedriveResponse.error(.notFound, "Webhook not found") }
            return PipedriveResponse.json(["success": true, "status": "ok", "data": ["id": .integer(id)]])
        default:
            return PipedriveResponse.error(.notFound, "Unknown method \(request.method) \(request.path)")
        }
    }

    /// `answer()`'s response; when webhooks are registered and the request writes, the state before and after
    /// it are compared and each change is sent to the webhooks that want it.
    func firingWebhooks(for request: RecordedRequest, _ answer: () -> Response) -> Response {
        guard request.method != "GET", !webhooks.isEmpty else { return answer() }
        let before = store.withLock { SandboxWebhooks.snapshot(of: $0) }
        let response = answer()
        let after = store.withLock { SandboxWebhooks.snapshot(of: $0) }
        webhooks.fire(before: before, after: after, now: Date())
        return response
    }
}
