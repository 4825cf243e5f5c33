public import ToolportJSON

/// Builds schema-valid (and deliberately invalid) arguments from a tool's `input_parameters`.
public enum ArgumentSampler {
    /// Every property of `schema` with a value its schema accepts.
    public static func validArguments(for schema: JSONValue) -> [String: JSONValue] {
        var arguments: [String: JSONValue] = [:]
        for (name, property) in schema["properties"]?.objectValue ?? [:] {
            arguments[name] = sample(property)
        }
        return arguments
    }

    /// A value of the first non-null type of `schema`.
    public static func sample(_ schema: JSONValue) -> JSONValue {
        if let first = schema["enum"]?.arrayValue?.first(where: { $0 != .null }) { return first }
        let type: String
        switch schema["type"] {
        case .string(let name): type = name
        case .array(let names): type = names.compactMap(\.stringValue).first { $0 != "null" } ?? "string"
        default: type = "string"
        }
        switch type {
        case "integer": return .integer(Int(schema["minimum"]?.doubleValue ?? 1))
        case "number": return .number(1.5)
        case "boolean": return true
        case "array": return [sample(schema["items"] ?? ["type": "string"])]
        case "object" where schema["file_uploadable"] == true:
            return ["name": "sample.txt", "mimetype": "text/plain", "content": "c2FtcGxlIGZpbGU="]
        case "object": return .object(validArguments(for: schema))
        default:
            switch schema["format"]?.stringValue {
            case "date": return "2024-01-15"
            case "date-time": return "2024-01-15T10:30:00Z"
            case "uuid": return "adf21080-0e10-11eb-879b-05d71fb426ec"
            case "email": return "someone@example.com"
            case "uri": return "https://example.com/hook"
            default: return "sample"
            }
        }
    }

    /// A value of the wrong type for `schema`.
    public static func wrongValue(for schema: JSONValue) -> JSONValue {
        let types: [String]
        switch schema["type"] {
        case .string(let name): types = [name]
        case .array(let names): types = names.compactMap(\.stringValue)
        default: types = []
        }
        return types.contains("string") ? .object(["unexpected": true]) : .string("not-a-\(types.first ?? "value")")
    }
}
