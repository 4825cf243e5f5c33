import Foundation
import HTTPTypes
import Hummingbird
import ToolportJSON

/// Pipedrive's v1 answers: the success and error envelopes, pagination, and other bodies.
enum PipedriveResponse {
    static let errorInfo = "Please check developers.pipedrive.com"

    /// `{"success": true, "data": …}`, with `additional_data` when given.
    static func success(_ data: JSONValue, additionalData: JSONValue? = nil) -> Response {
        var envelope: [String: JSONValue] = ["success": true, "data": data]
        if let additionalData { envelope["additional_data"] = additionalData }
        return json(.object(envelope))
    }

    /// A page of `items` with `additional_data.pagination`.
    static func list(_ items: [JSONValue], page: Pagination) -> Response {
        success(.array(page.slice(items)), additionalData: ["pagination": page.pagination(total: items.count)])
    }

    /// Search hits wrapped as `data.items[].{result_score, item}`, paginated.
    static func searchResults(_ items: [JSONValue], page: Pagination) -> Response {
        let hits = page.slice(items).map { item -> JSONValue in ["result_score": 1, "item": item] }
        return success(["items": .array(hits)], additionalData: ["pagination": page.pagination(total: items.count)])
    }

    /// `{"success": false, "error": message, "error_info": …, "data": null, "additional_data": null}`,
    /// with `errorCode` (the status) when `includeCode` is set, as Pipedrive does for 401 and 429.
    static func error(_ status: HTTPResponse.Status, _ message: String, includeCode: Bool = false, headers: HTTPFields = [:]) -> Response {
        var envelope: [String: JSONValue] = [
            "success": false, "error": .string(message), "error_info": .string(errorInfo), "data": nil, "additional_data": nil,
        ]
        if includeCode { envelope["errorCode"] = .integer(status.code) }
        return json(.object(envelope), status: status, headers: headers)
    }

    /// Any JSON document.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        bytes(value.encoded(), contentType: "application/json", status: status, headers: headers)
    }

    /// Raw bytes with a content type.
    static func bytes(_ data: Data, contentType: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
