public import ToolportJSON

/// A compiled JSON Schema, immutable and safe to share between tasks.
///
/// Supports a subset of JSON Schema: `type`, `properties`, `required`, `additionalProperties`,
/// `patternProperties`, `items`, `enum`, `minimum`, `maximum`, `minLength`, `maxLength`, `pattern`,
/// `format` (`date`, `date-time`, `uuid`, `email` and `uri` are checked, other formats are annotations),
/// `anyOf` and `oneOf`. The annotations `description`, `title`, `default`, `examples`, `file_uploadable`,
/// `$schema`, `$id`, `deprecated`, `readOnly`, `writeOnly` and `nullable` are accepted and ignored.
/// Validate values with `validate(_:)`.
public final class JSONSchema: Sendable {
    /// The allowed JSON types (`integer`, `string`, …); empty when any type is allowed.
    public let types: Set<String>
    /// The subschemas of named object properties.
    public let properties: [String: JSONSchema]
    /// The property names an object must have, in schema order.
    public let required: [String]
    /// Whether an object may have properties that neither `properties` nor `patternProperties` cover.
    public let allowsAdditionalProperties: Bool
    /// The schema such additional properties must match, when `additionalProperties` is a schema.
    public let additionalPropertiesSchema: JSONSchema?
    /// The schema of every array element.
    public let items: JSONSchema?
    /// The values allowed by `enum`.
    public let enumValues: [JSONValue]?
    /// The inclusive lower bound of numbers.
    public let minimum: Double?
    /// The inclusive upper bound of numbers.
    public let maximum: Double?
    /// The fewest characters (Unicode scalars) a string may have.
    public let minLength: Int?
    /// The most characters (Unicode scalars) a string may have.
    public let maxLength: Int?
    /// The `format` name, checked or not.
    public let format: String?
    /// The alternatives of `anyOf`, at least one of which a value must match; empty when absent.
    public let anyOf: [JSONSchema]
    /// The alternatives of `oneOf`, exactly one of which a value must match; empty when absent.
    public let oneOf: [JSONSchema]

    /// The type names in schema order, for messages.
    let orderedTypes: [String]
    /// The compiled `patternProperties`, in key order.
    let patternProperties: [(matcher: PatternMatcher, schema: JSONSchema)]
    /// The compiled `pattern`.
    let patternMatcher: PatternMatcher?
    /// The format this validator checks, when `format` names one.
    let checkedFormat: StringFormat?

    /// Compiles a schema document.
    /// - Throws: `SchemaError` naming the JSON pointer of the first unsupported or malformed keyword.
    public convenience init(_ value: JSONValue) throws(SchemaError) {
        try self.init(value, at: .root)
    }

    /// Compiles the schema found at `pointer` inside a larger schema document.
    init(_ value: JSONValue, at pointer: JSONPointer) throws(SchemaError) {
        let reader = try SchemaReader(value, at: pointer)
        orderedTypes = try reader.types()
        types = Set(orderedTypes)
        properties = try reader.schemaMap("properties")
        required = try reader.requiredNames()
        (allowsAdditionalProperties, additionalPropertiesSchema) = try reader.additionalProperties()
        var patternProperties: [(matcher: PatternMatcher, schema: JSONSchema)] = []
        for (source, schema) in try reader.schemaMap("patternProperties").sorted(by: { $0.key < $1.key }) {
            let matcher = try SchemaReader.pattern(source, at: pointer.appending("patternProperties").appending(source))
            patternProperties.append((matcher, schema))
        }
        self.patternProperties = patternProperties
        items = try reader.schema("items")
        enumValues = try reader.enumValues()
        minimum = try reader.number("minimum")
        maximum = try reader.number("maximum")
        minLength = try reader.count("minLength")
        maxLength = try reader.count("maxLength")
        patternMatcher = try reader.string("pattern").map { source throws(SchemaError) in
            try SchemaReader.pattern(source, at: pointer.appending("pattern"))
        }
        format = try reader.string("format")
        checkedFormat = format.flatMap(StringFormat.init(rawValue:))
        anyOf = try reader.schemaList("anyOf")
        oneOf = try reader.schemaList("oneOf")

        if let minimum, let maximum, minimum > maximum {
            throw reader.error("maximum", "\(maximum.messageText) is less than minimum \(minimum.messageText)")
        }
        if let minLength, let maxLength, minLength > maxLength {
            throw reader.error("maxLength", "\(maxLength) is less than minLength \(minLength)")
        }
        if !allowsAdditionalProperties {
            for (index, name) in required.enumerated() where !covers(name) {
                throw SchemaError(
                    at: pointer.appending("required").appending(index),
                    "\"\(name)\" is not in properties, and additionalProperties is false"
                )
            }
        }
    }

    /// The regular expressions of `patternProperties`, sorted.
    public var patternPropertyPatterns: [String] {
        patternProperties.map(\.matcher.source)
    }

    /// The `pattern` strings must match, as written in the schema.
    public var pattern: String? {
        patternMatcher?.source
    }

    /// Whether `properties` or `patternProperties` give a schema for the property `name`.
    func covers(_ name: String) -> Bool {
        properties[name] != nil || patternProperties.contains { $0.matcher.matches(name) }
    }
}
