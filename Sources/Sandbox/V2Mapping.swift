import Foundation
import ToolportJSON

/// The translation between v2 objects and the v1 records the sandbox keeps, so that both API versions
/// share one state.
///
/// Reading: every response field of the resource (null when unset), the v1 name read where it differs
/// (`user_id` → `owner_id`, `active_flag` → `is_deleted` inverted, …), values coerced to the v2 type
/// (0/1 → booleans, numeric strings → numbers, `{id: …}` → the id), v1 times `YYYY-MM-DD HH:MM:SS` →
/// RFC 3339, v1 string addresses → `{value, …}`, and the record's 40-hex keys under `custom_fields`.
///
/// Writing: the reverse, so v1 reads show the change as v1 would (custom fields at the top level,
/// `user_id`, `YYYY-MM-DD HH:MM:SS` times).
extension V2Resource {
    /// The v2 object of a stored v1 record.
    func v2Object(_ record: [String: JSONValue]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for field in responseFields where field != "custom_fields" {
            let rename = rename(v2: field)
            var value = record[rename?.v1 ?? field] ?? record[field] ?? .null
            if rename?.inverted == true {
                value = .bool(!(Self.truth(value) ?? true))
            } else if field == "is_deleted" {
                value = .bool(Self.truth(value) ?? false)
            }
            if flattenedObjects.contains(field) {
                value = Self.nest(field, in: record)
            }
            object[field] = responseType(field).map { Self.coerce(value, to: $0) } ?? value
        }
        if hasCustomFields {
            object["custom_fields"] = .object(record.filter { V2Body.isCustomFieldKey($0.key) })
        }
        return .object(object)
    }

    /// The v1 fields of a (validated) v2 body, ready to insert or merge into a record.
    func v1Fields(_ body: [String: JSONValue]) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        for (name, value) in body {
            if name == "custom_fields" {
                for (key, custom) in value.objectValue ?? [:] { fields[key] = custom }
                continue
            }
            if flattenedObjects.contains(name) {
                fields.merge(Self.flatten(name, value)) { _, new in new }
                continue
            }
            var stored = value
            if self.fields[name] == .dateTime, let text = value.stringValue { stored = .string(V2Time.v1(fromRFC3339: text)) }
            if let rename = rename(v2: name) {
                if rename.inverted, let flag = value.boolValue { stored = .bool(!flag) }
                fields[rename.v1] = stored
            } else {
                fields[name] = stored
            }
        }
        if kind == .deals, let deleted = body["is_deleted"]?.boolValue { fields["active"] = .bool(!deleted) }
        return fields
    }

    /// 1/0, "1"/"0", "true"/"false" and booleans as a boolean; `nil` for null and anything else.
    static func truth(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let flag): flag
        case .integer(let number): number != 0
        case .number(let number): number != 0
        case .string(let text): ["1", "true"].contains(text) ? true : ["0", "false", ""].contains(text) ? false : nil
        default: nil
        }
    }

    /// A stored value in its v2 type where it can be read as one; otherwise unchanged.
    static func coerce(_ value: JSONValue, to type: V2Type) -> JSONValue {
        switch (type, value) {
        case (_, .null): return .null
        case (.integer, .object), (.integer, .string), (.integer, .number):
            return value.queryText.flatMap { Int($0) }.map(JSONValue.integer) ?? value
        case (.number, .string(let text)):
            return Int(text).map(JSONValue.integer) ?? Double(text).map(JSONValue.number) ?? value
        case (.boolean, _):
            return truth(value).map(JSONValue.bool) ?? value
        case (.dateTime, .string(let text)):
            return .string(V2Time.rfc3339(fromV1: text))
        case (.array(.integer), .string(let text)):
            // v1 keeps some id lists as "1,2".
            return .array(text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map(JSONValue.integer))
        default:
            return value
        }
    }

    /// v1's `address` text plus `address_<part>` fields as v2's `{"value": text, "<part>": …}`; null without an address.
    static func nest(_ field: String, in record: [String: JSONValue]) -> JSONValue {
        let prefix = field + "_"
        var object: [String: JSONValue] = [:]
        for (key, value) in record where key.hasPrefix(prefix) && value != .null {
            object[String(key.dropFirst(prefix.count))] = value
        }
        switch record[field] {
        case .object(let members)?: object.merge(members) { _, new in new }
        case .string(let text)?: object["value"] = .string(text)
        default: break
        }
        return object.isEmpty ? .null : .object(object)
    }

    /// v2's `{"value": text, "<part>": …}` as v1's `address` text and `address_<part>` fields.
    static func flatten(_ field: String, _ value: JSONValue) -> [String: JSONValue] {
        guard let members = value.objectValue else { return [field: value] }
        var fields: [String: JSONValue] = [field: members["value"] ?? .null]
        for (key, member) in members where key != "value" { fields["\(field)_\(key)"] = member }
        return fields
    }
}
