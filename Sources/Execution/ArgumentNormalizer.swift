public import Catalog
import Foundation
public import ToolportJSON

/// Maps arguments a model produced against a shaped schema (the `strict` or `gemini` schema profile, or the
/// `openai-strict` and `gemini` exports) back to what the tool's own schema expects, before they are validated.
///
/// - A `null` for a property the tool leaves optional and does not allow `null` for is dropped: strict
///   mode sends `null` for "not given". This applies in nested objects and array items too.
/// - A string where the tool expects an object whose members it does not describe is parsed, when it is a
///   JSON object: strict mode passes such objects as JSON-encoded strings.
/// - A string naming a value of a numeric `enum` (`"1"` for `1`) becomes that number: Gemini takes string
///   enums only.
/// - The `custom_fields` list (`[{"key": "<40-character hex key>", "value": …}]`) becomes one argument per
///   item, named by its key, for the tools that take custom fields.
///
/// Everything else, including arguments the schema does not name (custom fields), is returned unchanged,
/// so arguments already valid for the tool pass through as they are.
///
/// ```swift
/// let arguments = try ArgumentNormalizer.normalize(["title": "Deal", "value": nil], for: addDeal)
/// // ["title": "Deal"]
/// ```
public enum ArgumentNormalizer {
    /// `arguments` in the form the tool's `inputParameters` expect.
    /// - Parameters:
    ///   - arguments: the arguments object a model produced.
    ///   - tool: the tool they are for.
    /// - Throws: `ExecutionError.invalidArguments` when `custom_fields` is not a list of `{key, value}` items
    ///   with distinct string keys, or names a custom field also given as an argument of its own.
    public static func normalize(_ arguments: JSONValue, for tool: Tool) throws(ExecutionError) -> JSONValue {
        let schema = tool.inputParameters
        let expanded = CustomFields.areAccepted(by: schema) ? try expandingCustomFieldList(in: arguments) : arguments
        return normalize(expanded, against: schema)
    }

    /// `arguments` with each item of its `custom_fields` list as an argument of its own.
    private static func expandingCustomFieldList(in arguments: JSONValue) throws(ExecutionError) -> JSONValue {
        guard case .object(var members) = arguments, let list = members.removeValue(forKey: CustomFields.listArgument) else {
            return arguments
        }
        guard list != .null else { return .object(members) }
        guard let items = list.arrayValue else {
            throw .invalidArguments(["custom_fields: expected a list of {\"key\", \"value\"} objects, got \(list.briefDescription)"])
        }
        var problems: [String] = []
        var listed = Set<String>()
        for (index, item) in items.enumerated() {
            let place = "custom_fields[\(index)]"
            guard let key = item["key"]?.stringValue, let value = item["value"], item.objectValue?.count == 2 else {
                problems.append("\(place): expected an object with exactly a string \"key\" (the field's 40-character hex key) and a \"value\"")
                continue
            }
            guard listed.insert(key).inserted else {
                problems.append("\(place): custom field \(key) is listed twice")
                continue
            }
            guard members[key] == nil else {
                problems.append("\(place): custom field \(key) is also given as an argument of its own; give it once")
                continue
            }
            members[key] = value
        }
        guard problems.isEmpty else { throw .invalidArguments(problems) }
        return .object(members)
    }

    /// `value` normalized against one node of the original schema.
    private static func normalize(_ value: JSONValue, against schema: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            guard let properties = schema.schemaProperties else { return value }
            let required = Set(schema.schemaRequired)
            var result: [String: JSONValue] = [:]
            for (name, member) in members {
                guard let property = properties[name] else {
                    result[name] = member
                    continue
                }
                if member == .null, !required.contains(name), !property.schemaAllowsNull { continue }
                result[name] = normalize(member, against: property)
            }
            return .object(result)
        case .array(let items):
            guard let itemSchema = schema["items"] else { return value }
            return .array(items.map { normalize($0, against: itemSchema) })
        case .string(let text) where !schema.schemaTypes.contains("string"):
            if schema.isFreeFormObjectSchema {
                guard let parsed = try? JSONValue(parsing: Data(text.utf8)), parsed.objectValue != nil else { return value }
                return parsed
            }
            let numbers = schema["enum"]?.arrayValue?.filter { $0.doubleValue != nil } ?? []
            return numbers.first { String(decoding: $0.encoded(), as: UTF8.self) == text } ?? value
        default:
            return value
        }
    }
}
