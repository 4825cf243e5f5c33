import Foundation
import Hummingbird
import Synchronization
import ToolportJSON

extension Sandbox {
    /// Answers an authorized v2 request (`segments` below `/api/v2`) from the shared state.
    func respondToV2(_ request: RecordedRequest, segments: [String]) -> Response {
        let now = Date()
        let result: Result<JSONValue, V2Error> = store.withLock { store in
            store.purgeDeleted(now: now)
            do throws(V2Error) {
                return .success(try V2Endpoint.respond(to: request, segments: segments, store: &store, now: now))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let body): return PipedriveResponse.json(body)
        case .failure(let error): return V2Response.error(error)
        }
    }
}
