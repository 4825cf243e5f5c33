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

    /// The value as the endpoint's strict types want it (the binding's `coerce`), computed independently.
    static func coerced(_ value: JSONValue, _ binding: ParameterBinding) -> JSONValue {
        switch (binding.coerce, value) {
        case (.boolean?, .integer(let number)): return .bool(number != 0)
        case (.boolean?, .number(let number)): return .bool(number != 0)
        case (.rfc3339?, .string(let text)) where text.count == 10: return .string(text + "T00:00:00Z")
        case (.rfc3339?, .string(let text)) where text.count == 19 && text.contains(" "): return .string(text.replacingOccurrences(of: " ", with: "T") + "Z")
        case (.integer?, .number(let number)): return .integer(Int(number))
        case (.integer?, .string(let text)): return Int(text).map(JSONValue.integer) ?? value
        case (.string?, .integer), (.string?, .number): return .string(text(value))
        default: return value
        }
    }

    /// The whole expected wire value: renamed values, coercion, change of shape, renamed item keys; nil = not sent.
    static func expected(_ given: JSONValue?, _ binding: ParameterBinding) -> JSONValue? {
        var value = given
        if let pairs = binding.values {
            for pair in pairs where pair.count == 2 && pair[0] == (given ?? .null) {
                value = pair[1] == .null ? nil : pair[1]
            }
        }
        guard var result = value else { return nil }
        result = coerced(result, binding)
        if binding.convert == .number, case .string(let text) = result {
            result = Int(text).map(JSONValue.integer) ?? Double(text).map(JSONValue.number) ?? result
        }
        if binding.convert == .array, result.arrayValue == nil, result != .null { result = [result] }
        if let renames = binding.itemKeys, let items = result.arrayValue {
            result = .array(items.map { item in
                guard let members = item.objectValue else { return item }
                var renamed: [String: JSONValue] = [:]
                for (key, member) in members { renamed[renames[key] ?? key] = member }
                return .object(renamed)
            })
        }
        return result
    }

    static func path(for binding: HTTPBinding, arguments: [String: JSONValue]) -> String {
        var path = binding.path
        for binding in binding.parameters where binding.location == .path {
            if let value = arguments[binding.name] { path = path.replacingOccurrences(of: "{\(binding.wire[0])}", with: text(value)) }
        }
        return path
    }

    static func verify(
        _ recorded: RecordedRequest, tool: Tool, binding http: HTTPBinding, arguments: [String: JSONValue], apiToken: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let slug = tool.slug
        #expect(recorded.method == http.method, "\(slug): method", sourceLocation: sourceLocation)
        #expect(recorded.path == path(for: http, arguments: arguments), "\(slug): path \(recorded.path)", sourceLocation: sourceLocation)

        var expectedQuery: [String: String] = [:]
        for binding in http.parameters where binding.location == .query {
            if let value = expected(arguments[binding.name], binding), value != .null { expectedQuery[binding.wire[0]] = text(value) }
        }
        if http.sort == .v2, let sort = arguments["sort"]?.stringValue, let first = sort.split(separator: ",").first {
            let words = first.split(separator: " ")
            expectedQuery["sort_by"] = String(words[0])
            expectedQuery["sort_direction"] = words.count > 1 ? words[1].lowercased() : "asc"
        }
        #expect(recorded.query == expectedQuery, "\(slug): query \(recorded.query) vs \(expectedQuery)", sourceLocation: sourceLocation)

        switch http.server {
        case .api:
            #expect(recorded.headers["x-api-token"] == apiToken, "\(slug): x-api-token header", sourceLocation: sourceLocation)
        case .oauth:
            if http.parameters.contains(where: { $0.location == .header }) {
                #expect(recorded.headers["authorization"]?.hasPrefix("Basic ") == true, "\(slug): client auth", sourceLocation: sourceLocation)
            }
        }

        let bodyBindings = http.parameters.filter { $0.location == .body && expected(arguments[$0.name], $0) != nil }
        let contentType = recorded.headers["content-type"] ?? ""
        switch http.body {
        case .json:
            #expect(contentType.hasPrefix("application/json"), "\(slug): content type \(contentType)", sourceLocation: sourceLocation)
            let body = recorded.jsonBody ?? .null
            #expect(Set(body.objectValue?.keys.map { $0 } ?? []) == Set(bodyBindings.map { $0.wire[0] }), "\(slug): body keys", sourceLocation: sourceLocation)
            for binding in bodyBindings {
                let sent = binding.wire.reduce(Optional(body)) { $0?[$1] }
                #expect(sent == expected(arguments[binding.name], binding), "\(slug): body \(binding.wire)", sourceLocation: sourceLocation)
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
            for binding in http.parameters where binding.location == .file {
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
