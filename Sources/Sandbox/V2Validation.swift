import HTTPTypes
import Foundation
import ToolportJSON

/// v2's strict schema: unknown body fields, wrong JSON types and malformed dates are 400s.
extension V2Resource {
    /// The JSON object of a create (`isCreate`) or update body, checked against the resource's fields.
    /// - Throws: `V2Error` for a non-JSON body, an unknown field (custom fields belong in `custom_fields`),
    ///   a value of the wrong type, or a missing required field on create.
    func validatedBody(of request: RecordedRequest, isCreate: Bool) throws(V2Error) -> [String: JSONValue] {
        let body = try V2Body.object(of: request)
        for (name, value) in body.sorted(by: { $0.key < $1.key }) {
            guard let type = fields[name], isCreate || !createOnly.contains(name) else {
                if V2Body.isCustomFieldKey(name) {
                    throw .invalid("Unknown field '\(name)': custom fields go in the 'custom_fields' object in API v2")
                }
                throw .invalid("Unknown field '\(name)'")
            }
            if value == .null {
                if required.contains(name) { throw .invalid("Field '\(name)' must not be null") }
                continue
            }
            try V2Body.check(value, is: type, at: name)
        }
        if isCreate {
            for name in required where body[name] == nil || body[name] == .null || body[name] == "" {
                throw .invalid("Field '\(name)' is required")
            }
        }
        return body
    }

    /// The list filters the query gives, typed; `ids`, `limit`, `cursor`, `sort_by` and `sort_direction` checked too.
    /// - Throws: `V2Error` for a value of the wrong type or outside its enum.
    func validatedFilters(_ query: [String: String]) throws(V2Error) -> [String: JSONValue] {
        var typed: [String: JSONValue] = [:]
        for (name, type) in filters.merging(["ids": .integerList], uniquingKeysWith: { _, new in new }) {
            guard let text = query[name] else { continue }
            typed[name] = try V2Query.value(text, as: type, name: name)
        }
        return typed
    }
}

/// Reading and checking v2 JSON bodies.
enum V2Body {
    /// The body as a JSON object (`{}` when empty).
    /// - Throws: `V2Error` when it is not JSON (v2 takes JSON bodies, the product image upload aside) or not an object.
    static func object(of request: RecordedRequest) throws(V2Error) -> [String: JSONValue] {
        guard !request.body.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) else { return [:] }
        if isMultipartUpload(request) {
            do {
                return try request.bodyFields()
            } catch {
                throw .invalid(error.description)
            }
        }
        let type = request.contentType?.lowercased() ?? ""
        guard type.isEmpty || type.hasPrefix("application/json") || type.contains("+json") else {
            throw V2Error(status: .unsupportedMediaType, message: "Unsupported content type '\(type)': API v2 takes JSON bodies", code: "ERR_UNSUPPORTED_MEDIA_TYPE")
        }
        guard let value = request.jsonBody else { throw .invalid("The request body is not valid JSON") }
        guard let object = value.objectValue else { throw .invalid("The request body must be a JSON object") }
        return object
    }

    /// The product image upload (`POST` and `PUT /products/{id}/images`), the one v2 operation that takes
    /// `multipart/form-data` (its `data` file part) instead of JSON.
    private static func isMultipartUpload(_ request: RecordedRequest) -> Bool {
        let segments = request.path.split(separator: "/")
        return ["POST", "PUT"].contains(request.method) && segments.count == 5 && segments[2] == "products" && segments[4] == "images"
            && (request.contentType?.lowercased().hasPrefix("multipart/form-data") ?? false)
    }

    /// Whether `name` is a custom field key: 40 hexadecimal characters.
    static func isCustomFieldKey(_ name: String) -> Bool {
        name.count == 40 && name.allSatisfy(\.isHexDigit)
    }

    /// Checks one value (not null) against its type.
    /// - Throws: `V2Error` naming the field and the expected type.
    static func check(_ value: JSONValue, is type: V2Type, at name: String) throws(V2Error) {
        let wrong = V2Error.invalid("Field '\(name)' must be \(describe(type)), got \(value.typeName) \(value.briefDescription)")
        switch type {
        case .string: guard case .string = value else { throw wrong }
        case .integer: guard value.typeName == "integer" else { throw wrong }
        case .number: guard value.doubleValue != nil else { throw wrong }
        case .boolean: guard case .bool = value else { throw wrong }
        case .object: guard case .object = value else { throw wrong }
        case .date: guard let text = value.stringValue, V2Time.isDate(text) else { throw wrong }
        case .dateTime: guard let text = value.stringValue, V2Time.parse(text) != nil else { throw wrong }
        case .time: guard let text = value.stringValue, V2Time.isTime(text) else { throw wrong }
        case .oneOf(let options): guard let text = value.stringValue, options.contains(text) else { throw wrong }
        case .integerList: throw wrong
        case .array(let item):
            guard let items = value.arrayValue else { throw wrong }
            if let item {
                for (index, element) in items.enumerated() { try check(element, is: item, at: "\(name)[\(index)]") }
            }
        case .contacts:
            guard let items = value.arrayValue else { throw wrong }
            for (index, item) in items.enumerated() {
                guard let object = item.objectValue else { throw .invalid("Field '\(name)[\(index)]' must be an object {value, primary, label}") }
                for (key, member) in object {
                    switch key {
                    case "value", "label": try check(member, is: .string, at: "\(name)[\(index)].\(key)")
                    case "primary": try check(member, is: .boolean, at: "\(name)[\(index)].\(key)")
                    default: throw .invalid("Unknown field '\(name)[\(index)].\(key)'")
                    }
                }
                guard object["value"] != nil else { throw .invalid("Field '\(name)[\(index)].value' is required") }
            }
        case .customFields:
            guard let object = value.objectValue else { throw wrong }
            for key in object.keys.sorted() where !isCustomFieldKey(key) {
                throw .invalid("Unknown custom field '\(key)': custom field keys are 40 hexadecimal characters")
            }
        }
    }

    static func describe(_ type: V2Type) -> String {
        switch type {
        case .string: "a string"
        case .integer: "an integer"
        case .number: "a number"
        case .boolean: "a boolean (true or false)"
        case .object: "an object"
        case .date: "a date (YYYY-MM-DD)"
        case .dateTime: "an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SSZ)"
        case .time: "a time (HH:MM)"
        case .oneOf(let options): "one of \(options.joined(separator: ", "))"
        case .array(let item): item.map { "an array of \(describe($0).split(separator: " ", maxSplits: 1).last ?? "")s" } ?? "an array"
        case .contacts: "an array of {value, primary, label} objects"
        case .customFields: "an object of custom field keys"
        case .integerList: "a comma-separated list of integers"
        }
    }
}

/// Reading and checking v2 query parameters, which are text.
enum V2Query {
    /// `text` as the JSON value its type reads (`"5"` → 5, `"true"` → true).
    /// - Throws: `V2Error` when it does not read as the type.
    static func value(_ text: String, as type: V2Type, name: String) throws(V2Error) -> JSONValue {
        let wrong = V2Error.invalid("Query parameter '\(name)' must be \(V2Body.describe(type)), got '\(text)'")
        switch type {
        case .integer:
            guard let number = Int(text) else { throw wrong }
            return .integer(number)
        case .number:
            guard let number = Double(text) else { throw wrong }
            return .number(number)
        case .boolean:
            guard text == "true" || text == "false" else { throw wrong }
            return .bool(text == "true")
        case .integerList:
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let numbers = parts.compactMap { Int($0) }
            guard !parts.isEmpty, numbers.count == parts.count else { throw wrong }
            return .array(numbers.map(JSONValue.integer))
        default:
            try V2Body.check(.string(text), is: type, at: name)
            return .string(text)
        }
    }

    /// A boolean query parameter, `nil` when absent.
    static func flag(_ query: [String: String], _ name: String) throws(V2Error) -> Bool? {
        try query[name].map { text throws(V2Error) in try value(text, as: .boolean, name: name).boolValue ?? false }
    }
}
