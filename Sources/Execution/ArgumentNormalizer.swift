public import Catalog
import Foundation
public import ToolportJSON

/// Maps arguments a model produced against an `openai-strict` or `gemini` definition back to what the
/// tool's own schema expects, before they are validated.
///
/// - A `null` for a property the tool leaves optional and does not allow `null` for is dropped: strict
///   mode sends `null` for "not given". This applies in nested objects and array items too.
/// - A string where the tool expects an object whose members it does not describe is parsed, when it is a
///   JSON object: strict mode passes such objects as JSON-encoded strings.
///
/// Everything else, including arguments the schema does not name (custom fields), is returned unchanged,
/// so arguments already valid for the tool pass through as they are.
///
/// ```swift
/// let arguments = ArgumentNormalizer.normalize(["title": "Deal", "value": nil], for: addDeal)
/// // ["title": "Deal"]
/// ```
public enum ArgumentNormalizer {
    /// `arguments` in the form the tool's `inputParameters` expect.
    /// - Parameters:
    ///   - arguments: the arguments object a model produced.
    ///   - tool: the tool they are for.
    public static func normalize(_ arguments: JSONValue, for tool: Tool) -> JSONValue {
        normalize(arguments, against: tool.inputParameters)
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
        case .string(let text) where schema.isFreeFormObjectSchema && !schema.schemaTypes.contains("string"):
            guard let parsed = try? JSONValue(parsing: Data(text.utf8)), parsed.objectValue != nil else { return value }
            return parsed
        default:
            return value
        }
    }
}
