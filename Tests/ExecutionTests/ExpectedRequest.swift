import Catalog
import Foundation
import Sandbox
import Testing
import ToolportJSON

/// Checks a request the sandbox recorded against what the tool's Pipedrive operation requires, computed
/// from the binding and the arguments (not from the executor's own request builder).
enum ExpectedRequest {
    /// How a value appears in a query string or form field.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .number(let number): number == number.rounded() ? String(Int(number)) : String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .array(let items): items.map(text).joined(separator: ",")
        case .object, .null: String(decoding: value.encoded(), as: UTF8.self)
        }
    }

    static func path(for tool: Tool, arguments: [String: JSONValue]) -> String {
        var path = tool.http.path
        for binding in tool.http.parameters where binding.location == .path {
            if let value = arguments[binding.name] { path = path.replacingOccurrences(of: "{\(binding.wire[0])}", with: text(value)) }
        }
        return path
    }

    static func verify(_ recorded: RecordedRequest, tool: Tool, arguments: [String: JSONValue], apiToken: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let slug = tool.slug
        #expect(recorded.method == tool.http.method, "\(slug): method", sourceLocation: sourceLocation)
        #expect(recorded.path == path(for: tool, arguments: arguments), "\(slug): path \(recorded.path)", sourceLocation: sourceLocation)

        var expectedQuery: [String: String] = [:]
        for binding in tool.http.parameters where binding.location == .query {
            if let value = arguments[binding.name], value != .null { expectedQuery[binding.wire[0]] = text(value) }
        }
        #expect(recorded.query == expectedQuery, "\(slug): query \(recorded.query) vs \(expectedQuery)", sourceLocation: sourceLocation)

        switch tool.http.server {
        case .api:
            #expect(recorded.headers["x-api-token"] == apiToken, "\(slug): x-api-token header", sourceLocation: sourceLocation)
        case .oauth:
            if tool.http.parameters.contains(where: { $0.location == .header }) {
                #expect(recorded.headers["authorization"]?.hasPrefix("Basic ") == true, "\(slug): client auth", sourceLocation: sourceLocation)
            }
        }

        let bodyBindings = tool.http.parameters.filter { $0.location == .body && arguments[$0.name] != nil }
        let contentType = recorded.headers["content-type"] ?? ""
        switch tool.http.body {
        case .json:
            #expect(contentType.hasPrefix("application/json"), "\(slug): content type \(contentType)", sourceLocation: sourceLocation)
            let body = recorded.jsonBody ?? .null
            #expect(Set(body.objectValue?.keys.map { $0 } ?? []) == Set(bodyBindings.map { $0.wire[0] }), "\(slug): body keys", sourceLocation: sourceLocation)
            for binding in bodyBindings {
                let sent = binding.wire.reduce(Optional(body)) { $0?[$1] }
                #expect(sent == arguments[binding.name], "\(slug): body \(binding.wire)", sourceLocation: sourceLocation)
            }
        case .form:
            #expect(contentType.hasPrefix("application/x-www-form-urlencoded"), "\(slug): content type", sourceLocation: sourceLocation)
            var expected: [String: String] = [:]
            for binding in bodyBindings { expected[binding.wire[0]] = text(arguments[binding.name] ?? .null) }
            #expect(recorded.formFields == expected, "\(slug): form \(recorded.formFields)", sourceLocation: sourceLocation)
        case .multipart:
            #expect(contentType.hasPrefix("multipart/form-data; boundary="), "\(slug): content type", sourceLocation: sourceLocation)
            let parts = recorded.multipartParts
            for binding in bodyBindings {
                let part = parts.first { $0.name == binding.wire[0] }
                #expect(part.map { String(decoding: $0.data, as: UTF8.self) } == text(arguments[binding.name] ?? .null), "\(slug): part \(binding.name)", sourceLocation: sourceLocation)
            }
            for binding in tool.http.parameters where binding.location == .file {
                guard let file = arguments[binding.name] else { continue }
                let part = parts.first { $0.name == binding.wire[0] }
                #expect(part?.filename == file["name"]?.stringValue, "\(slug): file name", sourceLocation: sourceLocation)
                #expect(part?.data == Data(base64Encoded: file["content"]?.stringValue ?? ""), "\(slug): file bytes", sourceLocation: sourceLocation)
            }
        case nil:
            #expect(recorded.body.isEmpty, "\(slug): no body expected", sourceLocation: sourceLocation)
        }
    }
}
