import Catalog
import ProviderFormats
import Testing
import ToolportJSON

/// Every `openai-strict` definition keeps OpenAI's strict-mode rules, and the checker catches each broken rule.
struct StrictSchemaCheckerTests {
    /// A hand-made definition and the pointer of the violation the checker must report for it.
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let definition: JSONValue
        let pointer: String

        var testDescription: String { label }
    }

    static let valid: JSONValue = [
        "type": "object",
        "properties": ["title": ["type": "string", "description": "A title"], "note": ["type": ["string", "null"], "enum": ["a", "b", nil]]],
        "required": ["title", "note"],
        "additionalProperties": false,
    ]

    static func definition(_ parameters: JSONValue, name: JSONValue = "DO_THING", strict: JSONValue = true) -> JSONValue {
        ["type": "function", "function": ["name": name, "description": "Does a thing.", "parameters": parameters, "strict": strict]]
    }

    /// `valid` with its `properties` member `name` set to `schema` (and listed in `required`).
    static func adding(_ name: String, _ schema: JSONValue) -> JSONValue {
        guard case .object(var root) = valid, case .object(var properties) = root["properties"] else { return valid }
        properties[name] = schema
        root["properties"] = .object(properties)
        root["required"] = .array(properties.keys.sorted().map(JSONValue.string))
        return .object(root)
    }

    /// `valid` with its top-level member `key` set to `value`.
    static func replacing(_ key: String, with value: JSONValue?) -> JSONValue {
        guard case .object(var root) = valid else { return valid }
        root[key] = value
        return .object(root)
    }

    /// An object schema `levels` objects deep (the outermost included).
    static func nested(levels: Int) -> JSONValue {
        var schema: JSONValue = ["type": "object", "properties": ["leaf": ["type": "string"]], "required": ["leaf"], "additionalProperties": false]
        for _ in 1..<levels {
            schema = ["type": "object", "properties": ["child": schema], "required": ["child"], "additionalProperties": false]
        }
        return schema
    }

    static let badCases: [Case] = {
        let manyProperties = Dictionary(uniqueKeysWithValues: (0...100).map { ("p\($0)", ["type": "string"] as JSONValue) })
        return [
            Case(label: "optional property missing from required", definition: definition(replacing("required", with: ["title"])),
                 pointer: "/function/parameters/properties/note"),
            Case(label: "root without additionalProperties false", definition: definition(replacing("additionalProperties", with: nil)),
                 pointer: "/function/parameters/additionalProperties"),
            Case(label: "open nested object",
                 definition: definition(adding("file", ["type": "object", "properties": ["name": ["type": "string"]], "required": ["name"]])),
                 pointer: "/function/parameters/properties/file/additionalProperties"),
            Case(label: "default keyword", definition: definition(adding("count", ["type": "integer", "default": 1])),
                 pointer: "/function/parameters/properties/count/default"),
            Case(label: "patternProperties", definition: definition(replacing("patternProperties", with: ["^x$": ["type": "string"]])),
                 pointer: "/function/parameters/patternProperties"),
            Case(label: "minLength", definition: definition(adding("code", ["type": "string", "minLength": 1])),
                 pointer: "/function/parameters/properties/code/minLength"),
            Case(label: "unsupported format", definition: definition(adding("link", ["type": "string", "format": "uri"])),
                 pointer: "/function/parameters/properties/link/format"),
            Case(label: "format on a number", definition: definition(adding("day", ["type": "integer", "format": "date"])),
                 pointer: "/function/parameters/properties/day/format"),
            Case(label: "enum value of another type", definition: definition(adding("level", ["type": "string", "enum": ["low", 2]])),
                 pointer: "/function/parameters/properties/level/enum/1"),
            Case(label: "array without items", definition: definition(adding("tags", ["type": "array"])),
                 pointer: "/function/parameters/properties/tags"),
            Case(label: "node without type", definition: definition(adding("anything", ["description": "Any value"])),
                 pointer: "/function/parameters/properties/anything"),
            Case(label: "unknown type", definition: definition(adding("when", ["type": "datetime"])),
                 pointer: "/function/parameters/properties/when/type"),
            Case(label: "root not an object", definition: definition(["type": "array", "items": ["type": "string"]]),
                 pointer: "/function/parameters/type"),
            Case(label: "root anyOf", definition: definition(replacing("anyOf", with: [["type": "object"]])),
                 pointer: "/function/parameters/anyOf"),
            Case(label: "strict not set", definition: definition(valid, strict: false), pointer: "/function/strict"),
            Case(label: "function name with spaces", definition: definition(valid, name: "do thing"), pointer: "/function/name"),
            Case(label: "objects nested six deep", definition: definition(adding("deep", nested(levels: 5))),
                 pointer: "/function/parameters/properties/deep/properties/child/properties/child/properties/child/properties/child"),
            Case(label: "more than 100 properties",
                 definition: definition(["type": "object", "properties": .object(manyProperties), "required": .array(manyProperties.keys.sorted().map(JSONValue.string)), "additionalProperties": false]),
                 pointer: "/function/parameters"),
            Case(label: "not a function", definition: ["type": "tool", "function": ["name": "DO_THING", "parameters": valid, "strict": true]], pointer: "/type"),
        ]
    }()

    @Test(arguments: Fixtures.slugs)
    func everyToolsStrictDefinitionFollowsTheRules(slug: String) {
        let definition = ProviderSchemas.definition(for: Fixtures.tool(slug), format: .openaiStrict)
        let violations = StrictSchemaChecker.violations(in: definition)
        #expect(violations.isEmpty, "\(slug): \(violations)")
    }

    @Test func acceptsAHandMadeValidDefinition() {
        #expect(StrictSchemaChecker.violations(in: Self.definition(Self.valid)).isEmpty)
        #expect(StrictSchemaChecker.violations(in: Self.definition(Self.adding("deep", Self.nested(levels: 4)))).isEmpty)
    }

    @Test(arguments: badCases)
    func rejectsADefinitionBreakingARule(_ bad: Case) {
        let violations = StrictSchemaChecker.violations(in: bad.definition)
        #expect(violations.contains { $0.pointer == bad.pointer }, "\(bad.label): \(violations)")
    }
}
