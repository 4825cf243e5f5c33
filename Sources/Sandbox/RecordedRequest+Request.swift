import Foundation
import Hummingbird

extension RecordedRequest {
    /// Records a Hummingbird request whose body has been collected.
    init(_ request: Request, body: Data) {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        if headers["host"] == nil, let authority = request.head.authority { headers["host"] = authority }
        var query: [String: String] = [:]
        for (name, value) in FormURLEncoding.decode(request.uri.query ?? "") {
            query[name] = query[name].map { "\($0),\(value)" } ?? value
        }
        self.init(
            method: request.method.rawValue,
            path: request.uri.path,
            query: query,
            headers: headers,
            body: body,
            contentType: headers["content-type"]
        )
    }
}
