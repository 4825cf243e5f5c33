import Foundation
import ToolportJSON

extension RecordedRequest {
    /// The request as `GET /_sandbox/requests` lists it: the body as `body` text when it is UTF-8, else as `body_base64`.
    var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "method": .string(method),
            "path": .string(path),
            "query": .object(query.mapValues(JSONValue.string)),
            "headers": .object(headers.mapValues(JSONValue.string)),
            "content_type": contentType.map(JSONValue.string) ?? .null,
        ]
        if let text = String(data: body, encoding: .utf8) {
            object["body"] = .string(text)
        } else {
            object["body_base64"] = .string(body.base64EncodedString())
        }
        return .object(object)
    }
}
