import Catalog
import CurlHTTP
import Foundation
import ToolportJSON

/// Reads Pipedrive's answer into an envelope's `data`, `error` and `successful`.
enum ResponseInterpreter {
    struct Outcome: Sendable {
        var data: JSONValue
        var error: String?
        var successful: Bool
        /// A binary answer's bytes (also in `data.file.content_base64`), for the executor to publish.
        var downloadedBytes: Data? = nil
    }

    static func interpret(_ response: UpstreamResponse, binding: HTTPBinding) -> Outcome {
        let status = response.status
        let parsed = isJSON(response) ? try? JSONValue(parsing: response.body) : nil
        if (200..<300).contains(status) {
            if let parsed, parsed["success"] == false {
                return failure(response, parsed: parsed)
            }
            if let parsed, case .object(var members) = parsed {
                if binding.paging == .cursor {
                    // Cursor-paged answers carry the next page's cursor where an agent looks first.
                    members["next_cursor"] = parsed["additional_data"]?["next_cursor"] ?? .null
                }
                return Outcome(data: .object(members), error: nil, successful: true)
            }
            if let parsed {
                return Outcome(data: ["items": parsed], error: nil, successful: true)
            }
            if binding.response == .json, isJSON(response) || response.body.isEmpty == false && looksLikeJSON(response.body) {
                return Outcome(
                    data: ["status_code": .integer(status), "message": "Pipedrive answered with malformed JSON", "retryable": false],
                    error: "Pipedrive \(status): the response body is not valid JSON",
                    successful: false
                )
            }
            return Outcome(data: ["file": file(from: response)], error: nil, successful: true, downloadedBytes: response.body)
        }
        if (300..<400).contains(status), binding.response == .html {
            return Outcome(data: ["status_code": .integer(status), "location": response.header("location").map(JSONValue.string) ?? .null], error: nil, successful: true)
        }
        return failure(response, parsed: parsed)
    }

    /// What a failed answer (4xx, 5xx) says, as the envelope's `error` would: `Pipedrive 404: …`; nil below 400.
    static func errorText(of response: UpstreamResponse) -> String? {
        guard response.status >= 400 else { return nil }
        return failure(response, parsed: isJSON(response) ? try? JSONValue(parsing: response.body) : nil).error
    }

    private static func failure(_ response: UpstreamResponse, parsed: JSONValue?) -> Outcome {
        let status = response.status
        var message: String
        if let parsed {
            let error = parsed["error"]?.stringValue ?? parsed["message"]?.stringValue ?? parsed["error_description"]?.stringValue ?? "request failed"
            message = error
            if let info = parsed["error_info"]?.stringValue, !info.isEmpty { message += " (\(info))" }
        } else {
            let type = response.header("content-type") ?? "no content type"
            message = "non-JSON response (\(type))" + snippet(response.body)
        }
        var data: [String: JSONValue] = [
            "status_code": .integer(status),
            "message": .string(message),
            "retryable": .bool(status == 429 || status >= 500),
        ]
        if let parsed { data["body"] = parsed }
        if status == 401 {
            message += "; the connected account's token was rejected: reconnect Pipedrive or check the token"
        }
        return Outcome(data: .object(data), error: "Pipedrive \(status): \(message)", successful: false)
    }

    private static func isJSON(_ response: UpstreamResponse) -> Bool {
        (response.header("content-type") ?? "").lowercased().contains("json")
    }

    private static func looksLikeJSON(_ body: Data) -> Bool {
        body.first(where: { ![9, 10, 13, 32].contains($0) }).map { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") } ?? false
    }

    /// A short, tag-free excerpt of a non-JSON body (an HTML error page, say).
    private static func snippet(_ body: Data) -> String {
        let text = String(decoding: body.prefix(2048), as: UTF8.self)
            .replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return text.isEmpty ? "" : ": " + String(text.prefix(160))
    }

    /// A binary download as `{name, mimetype, size, content_base64}`.
    static func file(from response: UpstreamResponse) -> JSONValue {
        let disposition = response.header("content-disposition") ?? ""
        var name = "download"
        if let range = disposition.range(of: "filename=") {
            name = disposition[range.upperBound...].split(separator: ";").first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) } ?? name
        }
        return [
            "name": .string(name),
            "mimetype": .string(response.header("content-type") ?? "application/octet-stream"),
            "size": .integer(response.body.count),
            "content_base64": .string(response.body.base64EncodedString()),
        ]
    }
}
