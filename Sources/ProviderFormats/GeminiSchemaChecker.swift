public import ToolportJSON

/// Checks a `gemini` function declaration against the rules Gemini documents for function declarations and
/// their OpenAPI-subset `Schema`, conservatively (only the documented keywords; no type arrays; `enum` for
/// strings only; a typed object may omit `properties` but not leave them empty; a node is either typed or an
/// `anyOf` of typed branches).
///
/// ```swift
/// let violations = GeminiSchemaChecker.violations(in: ProviderSchemas.definition(for: tool, format: .gemini))
/// // [] — or e.g. "/parameters/properties/lead_id/type: must be a single type name"
/// ```
public enum GeminiSchemaChecker {
    /// The keywords a Gemini schema node may use.
    static let keywords: Set<String> = [
        "type", "format", "description", "nullable", "enum", "properties", "required", "items", "minItems", "maxItems", "minimum", "maximum",
        "anyOf",
    ]
    static let typeNames: Set<String> = ["string", "number", "integer", "boolean", "array", "object"]
    /// The formats Gemini documents, by type.
    static let formats: [String: Set<String>] = ["string": ["enum", "date-time"], "number": ["float", "double"], "integer": ["int32", "int64"]]

    /// Every rule `declaration` (`{"name", "description", "parameters"}`) breaks; empty when it is valid.
    /// - Parameters:
    ///   - declaration: one Gemini function declaration.
    public static func violations(in declaration: JSONValue) -> [SchemaViolation] {
        var walk = Walk()
        guard let members = declaration.objectValue else {
            walk.report("", "a function declaration must be an object")
            return walk.violations
        }
        for key in members.keys.sorted() where !["name", "description", "parameters"].contains(key) {
            walk.report(SchemaViolation.pointer("", key), "is not a function declaration field")
        }
        if declaration["name"]?.stringValue?.wholeMatch(of: #/[A-Za-z_][A-Za-z0-9_.:\-]{0,63}/#) == nil {
            walk.report("/name", "must start with a letter or underscore and be at most 64 letters, digits, _ . : or -")
        }
        if let description = declaration["description"], description.stringValue == nil {
            walk.report("/description", "must be a string")
        }
        if let parameters = declaration["parameters"] {
            if parameters["type"] != "object" { walk.report("/parameters/type", "must be \"object\"") }
            walk.check(parameters, at: "/parameters")
        }
        return walk.violations
    }

    /// The violations found so far.
    private struct Walk {
        var violations: [SchemaViolation] = []

        mutating func report(_ pointer: String, _ reason: String) {
            violations.append(SchemaViolation(pointer: pointer, reason: reason))
        }

        mutating func check(_ schema: JSONValue, at pointer: String) {
            guard let node = schema.objectValue else {
                report(pointer, "a schema must be an object")
                return
            }
            for key in node.keys.sorted() where !keywords.contains(key) {
                report(SchemaViolation.pointer(pointer, key), "keyword \(key) is not part of Gemini's schema")
            }
            if let branches = node["anyOf"] {
                checkBranches(branches, of: node, at: pointer)
                return
            }
            guard let type = node["type"]?.stringValue else {
                report(SchemaViolation.pointer(pointer, "type"), node["type"] == nil ? "every schema needs a type" : "must be a single type name")
                return
            }
            if !typeNames.contains(type) { report(SchemaViolation.pointer(pointer, "type"), "unknown type \(type)") }
            if let description = node["description"], description.stringValue == nil {
                report(SchemaViolation.pointer(pointer, "description"), "must be a string")
            }
            if let nullable = node["nullable"], nullable.boolValue == nil {
                report(SchemaViolation.pointer(pointer, "nullable"), "must be a boolean")
            }
            if let format = node["format"], !(formats[type] ?? []).contains(format.stringValue ?? "") {
                report(SchemaViolation.pointer(pointer, "format"), "format \(format.jsonText) is not supported for \(type)")
            }
            if let values = node["enum"] {
                if type != "string" {
                    report(SchemaViolation.pointer(pointer, "enum"), "only a string takes an enum")
                } else if values.arrayValue?.isEmpty != false || values.arrayValue?.contains(where: { $0.stringValue == nil }) == true {
                    report(SchemaViolation.pointer(pointer, "enum"), "must be a non-empty array of strings")
                }
            }
            checkMembers(node, type: type, at: pointer)
            checkItems(node, type: type, at: pointer)
            for key in ["minimum", "maximum"] where node[key] != nil {
                if type != "number" && type != "integer" {
                    report(SchemaViolation.pointer(pointer, key), "only a number or integer takes \(key)")
                } else if node[key]?.doubleValue == nil {
                    report(SchemaViolation.pointer(pointer, key), "must be a number")
                }
            }
        }

        /// An `anyOf` node: a non-empty list of schemas, beside nothing but a description.
        private mutating func checkBranches(_ branches: JSONValue, of node: [String: JSONValue], at pointer: String) {
            for key in node.keys.sorted() where key != "anyOf" && key != "description" {
                report(SchemaViolation.pointer(pointer, key), "\(key) beside anyOf belongs in its branches")
            }
            guard let list = branches.arrayValue, !list.isEmpty else {
                report(SchemaViolation.pointer(pointer, "anyOf"), "must be a non-empty array of schemas")
                return
            }
            for (index, branch) in list.enumerated() {
                check(branch, at: SchemaViolation.pointer(pointer, "anyOf") + "/\(index)")
            }
        }

        private mutating func checkMembers(_ node: [String: JSONValue], type: String, at pointer: String) {
            guard type == "object" else {
                for key in ["properties", "required"] where node[key] != nil {
                    report(SchemaViolation.pointer(pointer, key), "only an object takes \(key)")
                }
                return
            }
            let propertiesPointer = SchemaViolation.pointer(pointer, "properties")
            let properties = node["properties"]?.objectValue
            if node["properties"] != nil, properties?.isEmpty != false {
                report(propertiesPointer, "must be a non-empty object (omit it for an object without known members)")
            }
            for (name, property) in (properties ?? [:]).sorted(by: { $0.key < $1.key }) {
                if name.wholeMatch(of: #/[A-Za-z_][A-Za-z0-9_]{0,63}/#) == nil {
                    report(SchemaViolation.pointer(propertiesPointer, name), "a parameter name must start with a letter or underscore and be at most 64 letters, digits or underscores")
                }
                check(property, at: SchemaViolation.pointer(propertiesPointer, name))
            }
            if let required = node["required"] {
                let names = required.arrayValue?.compactMap(\.stringValue)
                if names == nil || names?.count != required.arrayValue?.count {
                    report(SchemaViolation.pointer(pointer, "required"), "must be an array of property names")
                }
                for name in names ?? [] where properties?[name] == nil {
                    report(SchemaViolation.pointer(pointer, "required"), "names \(name), which is not a property")
                }
            }
        }

        private mutating func checkItems(_ node: [String: JSONValue], type: String, at pointer: String) {
            guard type == "array" else {
                for key in ["items", "minItems", "maxItems"] where node[key] != nil {
                    report(SchemaViolation.pointer(pointer, key), "only an array takes \(key)")
                }
                return
            }
            if let items = node["items"] {
                check(items, at: SchemaViolation.pointer(pointer, "items"))
            } else {
                report(pointer, "an array needs items")
            }
            for key in ["minItems", "maxItems"] where node[key] != nil {
                if case .integer(let count) = node[key], count >= 0 { continue }
                report(SchemaViolation.pointer(pointer, key), "must be a non-negative integer")
            }
        }
    }
}
