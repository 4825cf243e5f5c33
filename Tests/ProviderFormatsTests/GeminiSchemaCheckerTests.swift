import Catalog
import ProviderFormats
import Testing
import ToolportJSON

/// Every `gemini` declaration keeps Gemini's schema rules, and the checker catches each broken rule.
struct GeminiSchemaCheckerTests {
    /// A hand-made declaration and the pointer of the violation the checker must report for it.
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let declaration: JSONValue
        let pointer: String

        var testDescription: String { label }
    }

    static let valid: JSONValue = [
        "type": "object",
        "properties": [
            "title": ["type": "string", "description": "A title"],
            "note": ["type": "string", "nullable": true],
            "level": ["type": "string", "format": "enum", "enum": ["low", "high"]],
            "tags": ["type": "array", "items": ["type": "string"], "maxItems": 3],
            "flag": ["type": "integer", "minimum": 0, "maximum": 1],
            "extra": ["type": "object"],
        ],
        "required": ["title"],
    ]

    static func declaration(_ parameters: JSONValue, name: JSONValue = "DO_THING") -> JSONValue {
        ["name": name, "description": "Does a thing.", "parameters": parameters]
    }

    /// `valid` with its `properties` member `name` set to `schema`.
    static func adding(_ name: String, _ schema: JSONValue) -> JSONValue {
        guard case .object(var root) = valid, case .object(var properties) = root["properties"] else { return valid }
        properties[name] = schema
        root["properties"] = .object(properties)
        return .object(root)
    }

    /// `valid` with its top-level member `key` set to `value`.
    static func replacing(_ key: String, with value: JSONValue?) -> JSONValue {
        guard case .object(var root) = valid else { return valid }
        root[key] = value
        return .object(root)
    }

    static let badCases: [Case] = [
        Case(label: "type array", declaration: declaration(adding("note", ["type": ["string", "null"]])), pointer: "/parameters/properties/note/type"),
        Case(label: "additionalProperties", declaration: declaration(replacing("additionalProperties", with: false)), pointer: "/parameters/additionalProperties"),
        Case(label: "patternProperties", declaration: declaration(replacing("patternProperties", with: ["^x$": ["type": "string"]])),
             pointer: "/parameters/patternProperties"),
        Case(label: "default", declaration: declaration(adding("count", ["type": "integer", "default": 1])), pointer: "/parameters/properties/count/default"),
        Case(label: "$ref", declaration: declaration(adding("link", ["type": "string", "$ref": "#/$defs/x"])), pointer: "/parameters/properties/link/$ref"),
        Case(label: "node without type", declaration: declaration(adding("anything", ["description": "Any value"])),
             pointer: "/parameters/properties/anything/type"),
        Case(label: "integer enum", declaration: declaration(adding("done", ["type": "integer", "enum": [0, 1]])), pointer: "/parameters/properties/done/enum"),
        Case(label: "string enum with a number", declaration: declaration(adding("size", ["type": "string", "enum": ["s", 2]])),
             pointer: "/parameters/properties/size/enum"),
        Case(label: "undocumented string format", declaration: declaration(adding("id", ["type": "string", "format": "uuid"])),
             pointer: "/parameters/properties/id/format"),
        Case(label: "empty properties", declaration: declaration(adding("meta", ["type": "object", "properties": [:]])),
             pointer: "/parameters/properties/meta/properties"),
        Case(label: "required names an unknown property", declaration: declaration(replacing("required", with: ["title", "nope"])),
             pointer: "/parameters/required"),
        Case(label: "array without items", declaration: declaration(adding("list", ["type": "array"])), pointer: "/parameters/properties/list"),
        Case(label: "minimum on a string", declaration: declaration(adding("code", ["type": "string", "minimum": 1])), pointer: "/parameters/properties/code/minimum"),
        Case(label: "minLength", declaration: declaration(adding("code", ["type": "string", "minLength": 1])), pointer: "/parameters/properties/code/minLength"),
        Case(label: "parameter name starting with a digit", declaration: declaration(adding("1st", ["type": "string"])), pointer: "/parameters/properties/1st"),
        Case(label: "function name starting with a digit", declaration: declaration(valid, name: "1_THING"), pointer: "/name"),
        Case(label: "parameters not an object", declaration: declaration(["type": "string"]), pointer: "/parameters/type"),
        Case(label: "unknown declaration field", declaration: ["name": "DO_THING", "parameters": valid, "strict": true], pointer: "/strict"),
    ]

    @Test(arguments: Fixtures.slugs)
    func everyToolsGeminiDeclarationFollowsTheRules(slug: String) {
        let declaration = ProviderSchemas.definition(for: Fixtures.tool(slug), format: .gemini)
        let violations = GeminiSchemaChecker.violations(in: declaration)
        #expect(violations.isEmpty, "\(slug): \(violations)")
    }

    @Test func acceptsAHandMadeValidDeclaration() {
        #expect(GeminiSchemaChecker.violations(in: Self.declaration(Self.valid)).isEmpty)
        #expect(GeminiSchemaChecker.violations(in: ["name": "NO_PARAMETERS", "description": "Takes nothing."]).isEmpty)
    }

    @Test(arguments: badCases)
    func rejectsADeclarationBreakingARule(_ bad: Case) {
        let violations = GeminiSchemaChecker.violations(in: bad.declaration)
        #expect(violations.contains { $0.pointer == bad.pointer }, "\(bad.label): \(violations)")
    }
}
