public import Foundation
public import ToolportJSON

/// One request the sandbox received, as it arrived, recorded before it was answered.
public struct RecordedRequest: Sendable {
    /// The method, upper case (`GET`, `POST`, …).
    public var method: String
    /// The path without the query, as sent (`/api/v1/deals/1`).
    public var path: String
    /// The decoded query; a key given more than once has its values joined with ",".
    public var query: [String: String]
    /// The headers by lower-cased name (`host` included); repeated headers are joined with ", ".
    public var headers: [String: String]
    /// The body bytes exactly as received.
    public var body: Data
    /// The `Content-Type` header.
    public var contentType: String?

    /// Creates a recorded request.
    public init(method: String, path: String, query: [String: String], headers: [String: String], body: Data, contentType: String?) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.contentType = contentType
    }

    /// The body parsed as JSON, or `nil` when it is empty or not JSON.
    public var jsonBody: JSONValue? {
        try? JSONValue(parsing: body)
    }

    /// The body read as `application/x-www-form-urlencoded` fields (later duplicates win).
    public var formFields: [String: String] {
        Dictionary(FormURLEncoding.decode(String(decoding: body, as: UTF8.self)), uniquingKeysWith: { _, last in last })
    }

    /// The parts of a `multipart/form-data` body; empty when the body is not one or is malformed.
    public var multipartParts: [MultipartPart] {
        guard let boundary = contentType.flatMap(MultipartParser.boundary(inContentType:)) else { return [] }
        return (try? MultipartParser.parse(body, boundary: boundary)) ?? []
    }
}
