import ToolportJSON
import ToolportTestSupport

/// Arguments a model could send against an `openai-strict` schema: every property present, optional ones
/// `null` except the first few of each object, undescribed objects as JSON strings.
enum StrictArguments {
    /// - Parameters:
    ///   - strict: the strict schema node.
    ///   - original: the tool's schema node it came from.
    ///   - keptOptionals: how many optional properties of each object get a value instead of `null`.
    static func build(strict: JSONValue, original: JSONValue, keptOptionals: Int) -> JSONValue {
        let types = typeNames(original)
        let properties = original["properties"]?.objectValue ?? [:]
        if types.contains("object"), properties.isEmpty, original["additionalProperties"] != false {
            return #"{"key": "value", "list": [1, 2]}"#
        }
        if types.contains("object") {
            let required = Set(original["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            var arguments: [String: JSONValue] = [:]
            var kept = 0
            for name in (strict["properties"]?.objectValue?.keys).map({ $0.sorted() }) ?? [] {
                let isRequired = required.contains(name)
                guard isRequired || kept < keptOptionals else {
                    arguments[name] = .null
                    continue
                }
                if !isRequired { kept += 1 }
                if properties[name] == nil, name == "custom_fields" {
                    // The list the strict form gives custom fields in.
                    arguments[name] = [["key": .string(String(repeating: "c0", count: 20)), "value": "Gold"]]
                    continue
                }
                arguments[name] = build(strict: strict["properties"]?[name] ?? .null, original: properties[name] ?? .null, keptOptionals: keptOptionals)
            }
            return .object(arguments)
        }
        if types.contains("array"), let items = original["items"] {
            return [build(strict: strict["items"] ?? .null, original: items, keptOptionals: keptOptionals)]
        }
        return ArgumentSampler.sample(original)
    }

    private static func typeNames(_ schema: JSONValue) -> [String] {
        switch schema["type"] {
        case .string(let name): [name]
        case .array(let names): names.compactMap(\.stringValue)
        default: []
        }
    }
}
