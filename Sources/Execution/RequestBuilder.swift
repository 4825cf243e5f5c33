import Catalog
import CurlHTTP
import Foundation
import ToolportJSON

/// Turns a tool's HTTP binding and validated arguments into the HTTP request Pipedrive expects.
///
/// Path values are percent-encoded; query arrays are comma-joined (`ids=1,2,3`) and booleans written
/// `true`/`false`; JSON bodies re-nest flattened names (`value__amount` → `{"value":{"amount":…}}`) and
/// carry 40-hex custom-field keys at the top level; form and multipart bodies are encoded per the
/// binding; the credential goes in a header (`x-api-token` or `Authorization`), never in the URL.
struct RequestBuilder: Sendable {
    let configuration: ExecutionConfiguration

    /// The request for `binding` (one of `tool`'s bindings) with `arguments`, signed with `credential`.
    /// - Parameters:
    ///   - files: the file arguments' files, by argument name (``FileArgument/files(of:arguments:from:)``).
    func request(
        for tool: Tool, binding http: HTTPBinding, arguments given: [String: JSONValue], files: [String: UploadFile], credential: Credential
    ) throws(ExecutionError) -> BuiltRequest {
        let arguments = try BindingTransforms.apply(to: given, binding: http, schema: tool.inputParameters)
        let base: String = switch http.server {
        case .oauth: configuration.oauthBaseOverride ?? configuration.oauthBase
        case .api: configuration.apiBase(for: credential)
        }

        var path = http.path
        var query: [(String, String)] = []
        var headers: [UpstreamHeader] = []
        var bodyFields: [(wire: [String], value: JSONValue)] = []
        var parts: [(part: String, file: UploadFile)] = []

        for binding in http.parameters {
            guard let value = try BindingTransforms.wireValue(arguments[binding.name], binding: binding) else { continue }
            let wireName = binding.wire.first ?? binding.name
            switch binding.location {
            case .path:
                path = path.replacingOccurrences(of: "{\(wireName)}", with: Self.percentEncoded(Self.text(value)))
            case .query:
                if value != .null { query.append((wireName, Self.text(value))) }
            case .header:
                headers.append(UpstreamHeader(wireName, Self.text(value)))
            case .body:
                bodyFields.append((binding.wire, value))
            case .file:
                guard let file = files[binding.name] else { throw .invalidFile(argument: binding.name, reason: "the file was not read") }
                parts.append((wireName, file))
            }
        }
        for (name, value) in arguments where CustomFieldKey.matches(name) {
            switch http.customFields {
            case .body: bodyFields.append(([name], value))
            case .customFields: bodyFields.append((["custom_fields", name], value))
            case nil: break
            }
        }
        query += BindingTransforms.sortQuery(arguments["sort"], binding: http)

        headers.append(UpstreamHeader("Accept", http.response == .json ? "application/json" : "*/*"))
        switch http.server {
        case .api:
            headers.append(credential.secret.header)
        case .oauth:
            let needsClientAuth = http.parameters.contains { $0.location == .header && $0.wire == ["Authorization"] }
            if needsClientAuth, !headers.contains(where: { $0.name == "Authorization" }) {
                guard let client = credential.oauthClient else { throw .missingOAuthClient }
                let basic = Data("\(client.clientID):\(client.clientSecret)".utf8).base64EncodedString()
                headers.append(UpstreamHeader("Authorization", "Basic \(basic)"))
            }
        }

        var body: Data?
        switch http.body {
        case .json:
            body = Self.nested(bodyFields).encoded()
            headers.append(UpstreamHeader("Content-Type", "application/json"))
        case .form:
            body = Data(bodyFields.map { Self.formName($0.wire) + "=" + Self.percentEncoded(Self.text($0.value)) }.joined(separator: "&").utf8)
            headers.append(UpstreamHeader("Content-Type", "application/x-www-form-urlencoded"))
        case .multipart:
            let multipart = MultipartBody(fields: bodyFields.map { (Self.formName($0.wire), Self.text($0.value)) }, files: parts)
            body = multipart.data
            headers.append(UpstreamHeader("Content-Type", "multipart/form-data; boundary=\(multipart.boundary)"))
        case nil:
            body = nil
        }

        let logURL = base + path
        let queryString = query.map { Self.percentEncoded($0.0) + "=" + Self.percentEncoded($0.1) }.joined(separator: "&")
        let url = queryString.isEmpty ? logURL : logURL + "?" + queryString
        return BuiltRequest(request: UpstreamRequest(method: http.method, url: url, headers: headers, body: body), logURL: logURL)
    }

    // MARK: - Encoding

    /// A JSON object built from (nesting path, value) pairs.
    static func nested(_ fields: [(wire: [String], value: JSONValue)]) -> JSONValue {
        var root: [String: JSONValue] = [:]
        for (wire, value) in fields {
            insert(value, at: wire[...], into: &root)
        }
        return .object(root)
    }

    private static func insert(_ value: JSONValue, at path: ArraySlice<String>, into object: inout [String: JSONValue]) {
        guard let key = path.first else { return }
        if path.count == 1 {
            object[key] = value
            return
        }
        var child = object[key]?.objectValue ?? [:]
        insert(value, at: path.dropFirst(), into: &child)
        object[key] = .object(child)
    }

    /// How a value is written in a path, query or form field.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .number(let number):
            number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .array(let items): items.map(text).joined(separator: ",")
        case .object, .null: String(decoding: value.encoded(), as: UTF8.self)
        }
    }

    /// RFC 3986 percent-encoding of everything but unreserved characters, byte by byte.
    static func percentEncoded(_ text: String) -> String {
        func isUnreserved(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                true
            default: false
            }
        }
        guard !text.utf8.allSatisfy(isUnreserved) else { return text }
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                encoded.append(byte)
            } else {
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// `a[b]` for a nested form field.
    private static func formName(_ wire: [String]) -> String {
        guard let first = wire.first else { return "" }
        return wire.dropFirst().reduce(first) { $0 + "[\($1)]" }
    }
}

/// A request ready to send, and how the execution log names its destination.
struct BuiltRequest: Sendable {
    var request: UpstreamRequest
    /// The URL without its query (which may carry personal data).
    var logURL: String
}

/// A custom-field argument: a 40-character lowercase hex key, as Pipedrive names custom fields.
enum CustomFieldKey {
    static func matches(_ name: String) -> Bool {
        name.utf8.count == 40 && name.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
