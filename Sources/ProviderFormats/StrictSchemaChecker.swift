import Catalog
public import ToolportJSON

/// Checks an `openai-strict` tool definition against OpenAI's documented rules for strict function calling
/// (Structured Outputs "supported schemas"), conservatively: where the documentation has relaxed a limit
/// over time, the older, tighter one is applied.
///
/// ```swift
/// let violations = StrictSchemaChecker.violations(in: ProviderSchemas.definition(for: tool, format: .openaiStrict))
/// // [] — or e.g. "/function/parameters/properties/note: property note must be listed in required"
/// ```
public enum StrictSchemaChecker {
    /// The string formats strict mode supports.
    public static let supportedFormats: Set<String> = ["date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"]
    /// The deepest object nesting allowed (the root object is level 1).
    public static let maximumNesting = 5
    /// The most object properties allowed in one schema, all levels together.
    public static let maximumProperties = 100
    /// The longest total length of all property names and enum values.
    public static let maximumStringLength = 15_000
    /// The most enum values allowed in one schema, all enums together.
    public static let maximumEnumValues = 1_000
    /// Above this many values, one enum's values may total at most `maximumLargeEnumLength` characters.
    static let largeEnumCount = 250
    static let maximumLargeEnumLength = 7_500

    /// The keywords a strict schema node may use.
    static let keywords: Set<String> = ["type", "description", "properties", "required", "additionalProperties", "items", "enum", "anyOf", "format"]
    static let typeNames: Set<String> = ["string", "number", "integer", "boolean", "array", "object", "null"]

    /// Every rule `definition` (`{"type": "function", "function": {…}}`) breaks; empty when it is valid.
    /// - Parameters:
    ///   - definition: an OpenAI tool definition with `"strict": true`.
    public static func violations(in definition: JSONValue) -> [SchemaViolation] {
        var walk = Walk()
        if definition["type"] != "function" { walk.report("/type", "must be \"function\"") }
        guard let function = definition["function"], function.objectValue != nil else {
            walk.report("/function", "is missing")
            return walk.violations
        }
        if function["name"]?.stringValue?.wholeMatch(of: #/[A-Za-z0-9_-]{1,64}/#) == nil {
            walk.report("/function/name", "must be 1 to 64 letters, digits, underscores or dashes")
        }
        if function["strict"] != true { walk.report("/function/strict", "must be true") }
        if let description = function["description"], description.stringValue == nil {
            walk.report("/function/description", "must be a string")
        }
        guard let parameters = function["parameters"] else {
            walk.report("/function/parameters", "is missing")
            return walk.violations
        }
        if parameters["type"] != "object" { walk.report("/function/parameters/type", "the root must be of type \"object\"") }
        if parameters["anyOf"] != nil { walk.report("/function/parameters/anyOf", "the root must not be anyOf") }
        walk.check(parameters, at: "/function/parameters", enclosingObjects: 0)

        if walk.propertyCount > maximumProperties {
            walk.report("/function/parameters", "\(walk.propertyCount) properties; strict mode allows \(maximumProperties)")
        }
        if walk.stringLength > maximumStringLength {
            walk.report("/function/parameters", "property names and enum values total \(walk.stringLength) characters; strict mode allows \(maximumStringLength)")
        }
        if walk.enumValueCount > maximumEnumValues {
            walk.report("/function/parameters", "\(walk.enumValueCount) enum values; strict mode allows \(maximumEnumValues)")
        }
        return walk.violations
    }

    /// The state of one check: violations found so far and the running totals the limits apply to.
    private struct Walk {
        var violations: [SchemaViolation] = []
        var propertyCount = 0
        var stringLength = 0
        var enumValueCount = 0

        mutating func report(_ pointer: String, _ reason: String) {
            violations.append(SchemaViolation(pointer: pointer, reason: reason))
        }

        mutating func check(_ schema: JSONValue, at pointer: String, enclosingObjects: Int) {
            guard let node = schema.objectValue else {
                report(pointer, "a schema must be an object")
                return
            }
            for key in node.keys.sorted() where !keywords.contains(key) {
                report(SchemaViolation.pointer(pointer, key), "keyword \(key) is not supported in strict mode")
            }
            if let description = node["description"], description.stringValue == nil {
                report(SchemaViolation.pointer(pointer, "description"), "must be a string")
            }
            let types = schema.schemaTypes
            checkType(node["type"], types: types, hasAnyOf: node["anyOf"] != nil, at: pointer)
            if let branches = node["anyOf"] {
                for (index, branch) in (branches.arrayValue ?? []).enumerated() {
                    check(branch, at: SchemaViolation.pointer(pointer, "anyOf") + "/\(index)", enclosingObjects: enclosingObjects)
                }
                if branches.arrayValue?.isEmpty != false { report(SchemaViolation.pointer(pointer, "anyOf"), "must be a non-empty array") }
            }
            if types.contains("object") {
                checkObject(schema, at: pointer, level: enclosingObjects + 1)
            } else {
                for key in ["properties", "required", "additionalProperties"] where node[key] != nil {
                    report(SchemaViolation.pointer(pointer, key), "only an object takes \(key)")
                }
            }
            if types.contains("array") {
                if let items = node["items"] {
                    check(items, at: SchemaViolation.pointer(pointer, "items"), enclosingObjects: enclosingObjects)
                } else {
                    report(pointer, "an array needs items")
                }
            } else if node["items"] != nil {
                report(SchemaViolation.pointer(pointer, "items"), "only an array takes items")
            }
            if let format = node["format"] {
                if !types.contains("string") {
                    report(SchemaViolation.pointer(pointer, "format"), "only a string takes a format")
                } else if !supportedFormats.contains(format.stringValue ?? "") {
                    report(SchemaViolation.pointer(pointer, "format"), "format \(format.jsonText) is not supported in strict mode")
                }
            }
            if let values = node["enum"] { checkEnum(values, types: types, at: SchemaViolation.pointer(pointer, "enum")) }
        }

        private mutating func checkType(_ type: JSONValue?, types: [String], hasAnyOf: Bool, at pointer: String) {
            switch type {
            case nil:
                if !hasAnyOf { report(pointer, "needs a type") }
                return
            case .string:
                break
            case .array(let names) where !names.isEmpty && names.allSatisfy({ $0.stringValue != nil }):
                break
            default:
                report(SchemaViolation.pointer(pointer, "type"), "must be a type name or a non-empty array of them")
            }
            for name in types where !typeNames.contains(name) {
                report(SchemaViolation.pointer(pointer, "type"), "unknown type \(name)")
            }
        }

        private mutating func checkObject(_ schema: JSONValue, at pointer: String, level: Int) {
            if level > maximumNesting {
                report(pointer, "objects nested \(level) levels deep; strict mode allows \(maximumNesting)")
            }
            if schema["additionalProperties"] != false {
                report(SchemaViolation.pointer(pointer, "additionalProperties"), "must be false")
            }
            guard let properties = schema.schemaProperties else {
                report(pointer, "an object needs properties")
                return
            }
            let required = schema["required"]?.arrayValue?.compactMap(\.stringValue)
            if let required {
                for name in Set(required).subtracting(properties.keys).sorted() {
                    report(SchemaViolation.pointer(pointer, "required"), "names \(name), which is not a property")
                }
            } else {
                report(SchemaViolation.pointer(pointer, "required"), "must list every property")
            }
            let listed = Set(required ?? [])
            let propertiesPointer = SchemaViolation.pointer(pointer, "properties")
            for name in properties.keys.sorted() {
                if required != nil, !listed.contains(name) {
                    report(SchemaViolation.pointer(propertiesPointer, name), "property \(name) must be listed in required")
                }
                propertyCount += 1
                stringLength += name.count
                check(properties[name] ?? .null, at: SchemaViolation.pointer(propertiesPointer, name), enclosingObjects: level)
            }
        }

        private mutating func checkEnum(_ values: JSONValue, types: [String], at pointer: String) {
            guard let values = values.arrayValue, !values.isEmpty else {
                report(pointer, "must be a non-empty array")
                return
            }
            for (index, value) in values.enumerated() {
                let type = value.typeName
                if !types.isEmpty, !types.contains(type), !(type == "integer" && types.contains("number")) {
                    report(pointer + "/\(index)", "\(value.jsonText) is not of the node's type")
                }
            }
            let length = values.reduce(0) { $0 + ($1.stringValue?.count ?? 0) }
            if values.count > largeEnumCount, length > maximumLargeEnumLength {
                report(pointer, "\(values.count) values totalling \(length) characters; strict mode allows \(maximumLargeEnumLength) above \(largeEnumCount) values")
            }
            enumValueCount += values.count
            stringLength += length
        }
    }
}
