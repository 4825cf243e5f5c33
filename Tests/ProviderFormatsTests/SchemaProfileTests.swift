import Catalog
import Execution
import ProviderFormats
import Testing
import ToolportJSON
import ToolportTestSupport
import Validation

/// Tool schemas shaped for the frameworks that cannot load the catalog schema, and arguments mapped back.
struct SchemaProfileTests {
    static let customFieldTools = Fixtures.catalog.tools.filter { CustomFields.areAccepted(by: $0.inputParameters) }.map(\.slug)
    static let hexKey = String(repeating: "a1", count: 20)

    @Test(arguments: [
        ("google", SchemaProfile.gemini), ("gemini", .gemini), ("GEMINI", .gemini), ("google-genai", .gemini),
        ("openai_agents", .strict), ("openai-agents", .strict), ("openai_responses", .strict),
        ("openai", .canonical), ("anthropic", .canonical), ("langchain", .canonical), ("langgraph", .canonical),
        ("llamaindex", .canonical), ("crewai", .strict), ("unknown", .canonical), ("", .canonical),
    ] as [(String, SchemaProfile)])
    func theFrameworkHeaderPicksTheProfile(framework: String, profile: SchemaProfile) {
        #expect(SchemaProfile(framework: framework) == profile)
    }

    @Test func noFrameworkMeansTheCatalogSchema() {
        #expect(SchemaProfile(framework: nil) == .canonical)
    }

    @Test(arguments: Fixtures.slugs)
    func everyToolShapesForEveryProfile(slug: String) throws {
        let tool = Fixtures.tool(slug)
        #expect(try SchemaProfile.canonical.shape(tool) == ShapedTool(description: tool.description, inputParameters: tool.inputParameters))
        let gemini = try SchemaProfile.gemini.shape(tool)
        #expect(GeminiSchemaChecker.violations(in: ["name": .string(slug), "parameters": gemini.inputParameters]).isEmpty)
        let strict = try SchemaProfile.strict.shape(tool)
        #expect(strict.inputParameters["patternProperties"] == nil)
        // The strict profile is still a schema: arguments valid for the tool (custom fields aside) fit it.
        let arguments = JSONValue.object(ArgumentSampler.validArguments(for: tool.inputParameters))
        let encoded = try JSONSchema(strict.inputParameters).validate(Self.encodingFreeFormObjects(arguments, for: tool.inputParameters))
        #expect(encoded.isEmpty, "\(encoded)")
    }

    @Test(arguments: customFieldTools)
    func customFieldsBecomeAListInTheShapedProfiles(slug: String) throws {
        let tool = Fixtures.tool(slug)
        for profile in [SchemaProfile.gemini, .strict] {
            let shaped = try profile.shape(tool)
            let list = try #require(shaped.inputParameters["properties"]?["custom_fields"])
            #expect(list["type"] == "array")
            #expect(list["items"]?["required"] == ["key", "value"])
            #expect(!shaped.inputParameters.schemaRequired.contains("custom_fields"))
            #expect(shaped.description.contains("`custom_fields`"), "\(shaped.description)")
            #expect(!shaped.description.contains("extra argument"))
        }
        #expect(Self.customFieldTools.count == 12)
    }

    @Test(arguments: customFieldTools)
    func aCustomFieldListMapsBackToArgumentsTheToolAccepts(slug: String) throws {
        let tool = Fixtures.tool(slug)
        var arguments = ArgumentSampler.validArguments(for: tool.inputParameters)
        arguments["custom_fields"] = [["key": .string(Self.hexKey), "value": "Gold"], ["key": .string(String(repeating: "0f", count: 20)), "value": [1, 2]]]
        let normalized = try ArgumentNormalizer.normalize(.object(arguments), for: tool)
        #expect(normalized["custom_fields"] == nil)
        #expect(normalized[Self.hexKey] == "Gold")
        #expect(normalized[String(repeating: "0f", count: 20)] == [1, 2])
        #expect(tool.inputSchema.validate(normalized).isEmpty)
    }

    @Test(arguments: [
        (JSONValue.string("x"), "custom_fields: expected a list of {\"key\", \"value\"} objects, got string \"x\""),
        (["key": "k"], "custom_fields: expected a list of {\"key\", \"value\"} objects, got object"),
        ([["key": "k"]], "custom_fields[0]: expected an object with exactly a string \"key\" (the field's 40-character hex key) and a \"value\""),
        ([["key": 1, "value": 2]], "custom_fields[0]: expected an object with exactly a string \"key\" (the field's 40-character hex key) and a \"value\""),
        ([["key": "k", "value": 1, "extra": 2]], "custom_fields[0]: expected an object with exactly a string \"key\" (the field's 40-character hex key) and a \"value\""),
        ([["key": "k", "value": 1], ["key": "k", "value": 2]], "custom_fields[1]: custom field k is listed twice"),
    ] as [(JSONValue, String)])
    func aMalformedCustomFieldListIsRefusedWithItsPlace(list: JSONValue, message: String) {
        let deal = Fixtures.tool("PIPEDRIVE_ADD_A_DEAL")
        #expect(throws: ExecutionError.invalidArguments([message])) {
            try ArgumentNormalizer.normalize(["title": "Deal", "custom_fields": list], for: deal)
        }
    }

    @Test func aCustomFieldGivenTwiceIsRefused() {
        let deal = Fixtures.tool("PIPEDRIVE_ADD_A_DEAL")
        let arguments: JSONValue = ["title": "Deal", .init(stringLiteral: Self.hexKey): 1, "custom_fields": [["key": .string(Self.hexKey), "value": 2]]]
        #expect(throws: ExecutionError.invalidArguments(["custom_fields[0]: custom field \(Self.hexKey) is also given as an argument of its own; give it once"])) {
            try ArgumentNormalizer.normalize(arguments, for: deal)
        }
    }

    @Test func aNullListMeansNoCustomFields() throws {
        let deal = Fixtures.tool("PIPEDRIVE_ADD_A_DEAL")
        #expect(try ArgumentNormalizer.normalize(["title": "Deal", "custom_fields": nil], for: deal) == ["title": "Deal"])
    }

    @Test func toolsWithoutCustomFieldsLeaveTheNameAlone() throws {
        let note = Fixtures.tool("PIPEDRIVE_ADD_A_NOTE")
        let arguments: JSONValue = ["content": "x", "custom_fields": [["key": "k", "value": 1]]]
        #expect(try ArgumentNormalizer.normalize(arguments, for: note) == arguments)
        #expect(!note.inputSchema.validate(arguments).isEmpty)
    }

    @Test(arguments: Fixtures.slugs)
    func geminiStringEnumsMapBackToTheirNumbers(slug: String) throws {
        let tool = Fixtures.tool(slug)
        let gemini = try SchemaProfile.gemini.shape(tool).inputParameters
        // Every enum a Gemini schema has is of strings; a value sent as that string validates after normalising.
        for (name, property) in tool.inputParameters.schemaProperties ?? [:] {
            guard let values = property["enum"]?.arrayValue?.filter({ $0 != .null }), !values.isEmpty else { continue }
            let shaped = try #require(gemini["properties"]?[name])
            #expect(shaped["type"] == "string", "\(slug).\(name)")
            #expect(shaped["enum"]?.arrayValue?.allSatisfy { $0.stringValue != nil } == true, "\(slug).\(name)")
            for text in shaped["enum"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                let normalized = try ArgumentNormalizer.normalize([name: .string(text)], for: tool)
                #expect(values.contains(normalized[name] ?? .null), "\(slug).\(name) = \"\(text)\" → \(normalized[name] ?? .null)")
            }
        }
    }

    @Test func aNumberStringOutsideTheEnumIsLeftForValidationToReport() throws {
        let tool = Fixtures.tool("PIPEDRIVE_ADD_OR_UPDATE_ROLE_SETTING")
        let normalized = try ArgumentNormalizer.normalize(["value": "2"], for: tool)
        #expect(normalized["value"] == "2")
    }

    @Test func aSchemaTheStrictConverterCannotExpressIsRefusedWithTheReason() throws {
        let tool = try Self.tool(inputParameters: [
            "type": "object",
            "properties": [
                "labels": [
                    "type": "object", "description": "Labels by name.",
                    "properties": ["main": ["type": "string", "description": "The main label."]], "additionalProperties": ["type": "string"],
                ],
            ],
        ])
        let error = try #require(throws: SchemaShapingError.self) { try SchemaProfile.strict.shape(tool) }
        #expect(error.slug == "PIPEDRIVE_GET_ALL_USERS" && error.profile == .strict)
        #expect(error.violations == [SchemaViolation(pointer: "/properties/labels/additionalProperties", reason: "the object accepts arbitrary keys")])
    }

    @Test func aSchemaGeminiCannotTakeIsRefusedWithTheReason() throws {
        let tool = try Self.tool(inputParameters: ["type": "object", "properties": ["first-name": ["type": "string", "description": "The first name."]]])
        let error = try #require(throws: SchemaShapingError.self) { try SchemaProfile.gemini.shape(tool) }
        #expect(error.violations.map(\.pointer) == ["/parameters/properties/first-name"])
        #expect(error.description.hasPrefix("PIPEDRIVE_GET_ALL_USERS cannot be shaped for the gemini schema profile: /parameters/properties/first-name: "))
    }

    /// `PIPEDRIVE_GET_ALL_USERS` (which takes no arguments) with `inputParameters` instead.
    static func tool(inputParameters: JSONValue) throws -> Tool {
        try CatalogFixture.tool("PIPEDRIVE_GET_ALL_USERS", inputParameters: inputParameters)
    }

    /// `arguments` with each undescribed object JSON-encoded, as the strict profile asks for it.
    static func encodingFreeFormObjects(_ arguments: JSONValue, for schema: JSONValue) -> JSONValue {
        switch arguments {
        case .object(let members) where schema.isFreeFormObjectSchema:
            return .string(String(decoding: JSONValue.object(members).encoded(), as: UTF8.self))
        case .object(let members):
            let properties = schema.schemaProperties ?? [:]
            return .object(members.reduce(into: [:]) { result, member in
                result[member.key] = properties[member.key].map { encodingFreeFormObjects(member.value, for: $0) } ?? member.value
            })
        case .array(let items):
            return .array(items.map { encodingFreeFormObjects($0, for: schema["items"] ?? .null) })
        default:
            return arguments
        }
    }
}
