import ToolportJSON

/// Reads the keywords of one schema object, turning every malformed keyword into a `SchemaError`
/// that names the keyword's JSON pointer.
struct SchemaReader {
    /// The keywords that constrain values.
    static let validationKeywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "patternProperties", "items", "enum",
        "minimum", "maximum", "minLength", "maxLength", "pattern", "format", "anyOf", "oneOf",
    ]
    /// The keywords that only describe and are accepted whatever their value.
    static let annotationKeywords: Set<String> = [
        "description", "title", "default", "examples", "file_uploadable", "$schema", "$id", "deprecated",
        "readOnly", "writeOnly", "nullable",
    ]
    /// The type names `type` may use.
    static let typeNames: Set<String> = ["null", "boolean", "integer", "number", "string", "array", "object"]

    /// The pointer of the schema object being read.
    let pointer: JSONPointer
    private let keywords: [String: JSONValue]

    /// Starts reading `value`, which must be an object using only supported keywords.
    init(_ value: JSONValue, at pointer: JSONPointer) throws(SchemaError) {
        guard case .object(let keywords) = value else {
            throw SchemaError(at: pointer, "a schema must be an object, got \(value.briefDescription)")
        }
        let known = Self.validationKeywords.union(Self.annotationKeywords)
        if let unknown = keywords.keys.sorted().first(where: { !known.contains($0) }) {
            throw SchemaError(at: pointer.appending(unknown), "unsupported keyword \"\(unknown)\"")
        }
        self.pointer = pointer
        self.keywords = keywords
    }

    /// An error about `keyword`, at its pointer.
    func error(_ keyword: String, _ reason: String) -> SchemaError {
        SchemaError(at: pointer.appending(keyword), reason)
    }

    /// The type names of `type`, in schema order; empty when absent.
    func types() throws(SchemaError) -> [String] {
        let keywordPointer = pointer.appending("type")
        let names: [(name: JSONValue, pointer: JSONPointer)]
        switch keywords["type"] {
        case nil: return []
        case .string(let name)?: names = [(.string(name), keywordPointer)]
        case .array(let items)? where !items.isEmpty:
            names = items.enumerated().map { ($1, keywordPointer.appending($0)) }
        case let other?:
            throw error("type", "must be a type name or a non-empty array of type names, got \(other.briefDescription)")
        }
        var result: [String] = []
        for (value, namePointer) in names {
            guard case .string(let name) = value, Self.typeNames.contains(name) else {
                let shown = value.stringValue.map { "\"\($0)\"" } ?? value.briefDescription
                throw SchemaError(at: namePointer, "unknown type \(shown)")
            }
            guard !result.contains(name) else { throw SchemaError(at: namePointer, "duplicate type \"\(name)\"") }
            result.append(name)
        }
        return result
    }

    /// The subschema under `keyword`, if present.
    func schema(_ keyword: String) throws(SchemaError) -> JSONSchema? {
        guard let value = keywords[keyword] else { return nil }
        return try JSONSchema(value, at: pointer.appending(keyword))
    }

    /// The subschemas of an object-valued keyword (`properties`, `patternProperties`), by member name.
    func schemaMap(_ keyword: String) throws(SchemaError) -> [String: JSONSchema] {
        guard let value = keywords[keyword] else { return [:] }
        guard case .object(let members) = value else {
            throw error(keyword, "must be an object of schemas, got \(value.briefDescription)")
        }
        var result: [String: JSONSchema] = [:]
        for (name, member) in members {
            result[name] = try JSONSchema(member, at: pointer.appending(keyword).appending(name))
        }
        return result
    }

    /// The subschemas of an array-valued keyword (`anyOf`, `oneOf`); empty when absent.
    func schemaList(_ keyword: String) throws(SchemaError) -> [JSONSchema] {
        guard let value = keywords[keyword] else { return [] }
        guard case .array(let items) = value, !items.isEmpty else {
            throw error(keyword, "must be a non-empty array of schemas, got \(value.briefDescription)")
        }
        var result: [JSONSchema] = []
        for (index, item) in items.enumerated() {
            result.append(try JSONSchema(item, at: pointer.appending(keyword).appending(index)))
        }
        return result
    }

    /// The property names of `required`, in schema order; empty when absent.
    func requiredNames() throws(SchemaError) -> [String] {
        guard let value = keywords["required"] else { return [] }
        guard case .array(let items) = value else {
            throw error("required", "must be an array of property names, got \(value.briefDescription)")
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let name) = item else {
                throw SchemaError(at: pointer.appending("required").appending(index), "must be a property name, got \(item.briefDescription)")
            }
            result.append(name)
        }
        return result
    }

    /// `additionalProperties`: whether unlisted properties are allowed, and the schema they must match if one is given.
    func additionalProperties() throws(SchemaError) -> (allowed: Bool, schema: JSONSchema?) {
        switch keywords["additionalProperties"] {
        case nil: (true, nil)
        case .bool(let allowed)?: (allowed, nil)
        case let value?: (true, try JSONSchema(value, at: pointer.appending("additionalProperties")))
        }
    }

    /// The values of `enum`, if present.
    func enumValues() throws(SchemaError) -> [JSONValue]? {
        guard let value = keywords["enum"] else { return nil }
        guard case .array(let items) = value, !items.isEmpty else {
            throw error("enum", "must be a non-empty array, got \(value.briefDescription)")
        }
        return items
    }

    /// A numeric keyword (`minimum`, `maximum`), if present.
    func number(_ keyword: String) throws(SchemaError) -> Double? {
        guard let value = keywords[keyword] else { return nil }
        guard let number = value.doubleValue else { throw error(keyword, "must be a number, got \(value.briefDescription)") }
        return number
    }

    /// A count keyword (`minLength`, `maxLength`): a non-negative integer, if present.
    func count(_ keyword: String) throws(SchemaError) -> Int? {
        guard let value = keywords[keyword] else { return nil }
        guard value.typeName == "integer", let number = value.doubleValue, number >= 0, number <= Double(Int32.max) else {
            throw error(keyword, "must be a non-negative integer, got \(value.briefDescription)")
        }
        return Int(number)
    }

    /// A string keyword (`format`), if present.
    func string(_ keyword: String) throws(SchemaError) -> String? {
        guard let value = keywords[keyword] else { return nil }
        guard case .string(let text) = value else { throw error(keyword, "must be a string, got \(value.briefDescription)") }
        return text
    }

    /// A regular expression compiled from `source`, reported at `regexPointer` when invalid.
    static func pattern(_ source: String, at regexPointer: JSONPointer) throws(SchemaError) -> PatternMatcher {
        guard let matcher = PatternMatcher(source) else {
            throw SchemaError(at: regexPointer, "invalid regular expression \"\(source)\"")
        }
        return matcher
    }
}
