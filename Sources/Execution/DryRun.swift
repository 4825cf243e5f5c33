public import CurlHTTP
import Foundation
public import ToolportJSON

/// What a dry run answers: the request exactly as it would be sent, with credentials masked.
public enum DryRun {
    /// Header names whose values are credentials.
    static let secretHeaders: Set<String> = ["x-api-token", "authorization"]

    /// `{dry_run: true, method, url, headers, body}`: the body as JSON when it is JSON, else as text (or
    /// base64 for binary multipart bodies); credential headers show only their last four characters.
    public static func describe(_ request: UpstreamRequest) -> JSONValue {
        var headers: [String: JSONValue] = [:]
        for header in request.headers {
            let name = header.name.lowercased()
            headers[name] = .string(secretHeaders.contains(name) ? masked(header.value) : header.value)
        }
        var body: JSONValue = .null
        if let data = request.body {
            if let json = try? JSONValue(parsing: data), headers["content-type"]?.stringValue?.hasPrefix("application/json") == true {
                body = json
            } else if let text = String(data: data, encoding: .utf8) {
                body = .string(text)
            } else {
                body = ["base64": .string(data.base64EncodedString())]
            }
        }
        return ["dry_run": true, "method": .string(request.method), "url": .string(request.url), "headers": .object(headers), "body": body]
    }

    /// `****abcd`, keeping a scheme word (`Bearer ****abcd`).
    static func masked(_ value: String) -> String {
        let parts = value.split(separator: " ", maxSplits: 1)
        if parts.count == 2, ["bearer", "basic"].contains(parts[0].lowercased()) { return "\(parts[0]) \(masked(String(parts[1])))" }
        return "****" + String(value.suffix(4))
    }
}
