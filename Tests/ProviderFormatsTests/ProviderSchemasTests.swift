import Catalog
import ProviderFormats
import Testing
import ToolportJSON

/// The shape of each provider's definition and the rewrites the strict and Gemini forms apply.
struct ProviderSchemasTests {
    /// Whether `key` appears as an object member anywhere in `value`.
    func contains(key: String, in value: JSONValue) -> Bool {
        switch value {
        case .object(let members): members[key] != nil || members.values.contains { contains(key: key, in: $0) }
        case .array(let items): items.contains { contains(key: key, in: $0) }
        default: false
        }
    }

    @Test(arguments: ToolFormat.allCases)
    func everyDefinitionNamesTheToolBySlugAndKeepsItsDescription(format: ToolFormat) {
        for tool in Fixtures.catalog.tools {
            let definition = ProviderSchemas.definition(for: tool, format: format)
            let function = format == .openai || format == .openaiStrict ? definition["function"] : definition
            #expect(function?["name"] == .string(tool.slug))
            let description = function?["description"]?.stringValue ?? ""
            let listsCustomFields = (format == .openaiStrict || format == .gemini) && tool.inputParameters["patternProperties"] != nil
            if listsCustomFields {
                #expect(description == tool.description.replacing(
                    "as an extra argument named by its 40-character hex key",
                    with: "as an item of `custom_fields`, `{\"key\": <its 40-character hex key>, \"value\": <the value>}`"
                ), "\(tool.slug)")
            } else {
                #expect(description == tool.description, "\(tool.slug)")
            }
            #expect(!contains(key: "file_uploadable", in: definition), "\(tool.slug) \(format)")
        }
    }

    @Test func openAIWrapsTheSchemaAsAFunctionWithoutToolportKeywords() throws {
        let tool = Fixtures.tool("PIPEDRIVE_ADD_CALL_LOG_AUDIO_FILE")
        let definition = ProviderSchemas.definition(for: tool, format: .openai)
        #expect(definition.objectValue?.keys.sorted() == ["function", "type"])
        #expect(definition["type"] == "function")
        let function = try #require(definition["function"]?.objectValue)
        #expect(function.keys.sorted() == ["description", "name", "parameters"])
        let parameters = try #require(function["parameters"])
        #expect(parameters["required"] == ["id"])
        #expect(parameters["properties"]?["file"]?["file_uploadable"] == nil)
        #expect(parameters["properties"]?["file"]?["properties"]?["name"]?["minLength"] == 1)
    }

    @Test func openAIKeepsCustomFieldPatterns() {
        let definition = ProviderSchemas.definition(for: Fixtures.tool("PIPEDRIVE_UPDATE_A_LEAD"), format: .openai)
        #expect(definition["function"]?["parameters"]?["patternProperties"]?["^[0-9a-f]{40}$"] != nil)
    }

    @Test func anthropicHasNameDescriptionAndInputSchema() {
        let tool = Fixtures.tool("PIPEDRIVE_ADD_A_DEAL")
        let definition = ProviderSchemas.definition(for: tool, format: .anthropic)
        #expect(definition.objectValue?.keys.sorted() == ["description", "input_schema", "name"])
        #expect(definition["input_schema"] == tool.inputParameters)
        #expect(definition["input_schema"]?["type"] == "object")
    }

    /// Per method: the expected `readOnlyHint`, `destructiveHint` and `idempotentHint`.
    @Test(arguments: [
        ("GET", [true, false, true]), ("DELETE", [false, true, true]), ("PUT", [false, false, true]), ("POST", [false, false, false]),
        ("PATCH", [false, false, false]),
    ])
    func mcpAnnotationsFollowTheHTTPMethod(method: String, hints: [Bool]) throws {
        let tool = try #require(Fixtures.catalog.tools.first { $0.http.method == method })
        let definition = ProviderSchemas.definition(for: tool, format: .mcp)
        #expect(definition.objectValue?.keys.sorted() == ["annotations", "description", "inputSchema", "name"])
        #expect(definition["inputSchema"]?["type"] == "object")
        let annotations = try #require(definition["annotations"])
        #expect(annotations["title"] == .string(tool.name))
        #expect([annotations["readOnlyHint"], annotations["destructiveHint"], annotations["idempotentHint"]] == hints.map(JSONValue.bool))
        #expect(annotations["openWorldHint"] == true)
    }

    @Test func strictRequiresEveryPropertyAndMakesOptionalOnesNullable() throws {
        let definition = ProviderSchemas.definition(for: Fixtures.tool("PIPEDRIVE_ADD_CHANNEL"), format: .openaiStrict)
        #expect(definition["function"]?["strict"] == true)
        let parameters = try #require(definition["function"]?["parameters"])
        #expect(parameters["required"] == ["avatar_url", "name", "provider_channel_id", "provider_type", "template_support"])
        #expect(parameters["additionalProperties"] == false)
        let properties = try #require(parameters["properties"])
        #expect(properties["name"]?["type"] == "string")
        #expect(properties["template_support"]?["type"] == ["boolean", "null"])
        #expect(properties["provider_type"]?["enum"] == ["facebook", "whatsapp", "other", nil])
        #expect(properties["provider_type"]?["default"] == nil)
        #expect(properties["provider_type"]?["description"]?.stringValue?.hasSuffix("Default: \"other\".") == true)
        #expect(properties["avatar_url"]?["format"] == nil)
        #expect(properties["avatar_url"]?["description"]?.stringValue?.hasSuffix("Format: uri.") == true)
    }

    @Test func strictClosesNestedObjectsAndKeepsSupportedFormats() throws {
        let file = try #require(
            ProviderSchemas.definition(for: Fixtures.tool("PIPEDRIVE_ADD_CALL_LOG_AUDIO_FILE"), format: .openaiStrict)["function"]?["parameters"]?["properties"]?["file"]
        )
        #expect(file["type"] == ["object", "null"])
        #expect(file["additionalProperties"] == false)
        #expect(file["required"] == ["content", "mimetype", "name", "s3key"])
        #expect(file["properties"]?["mimetype"]?["type"] == ["string", "null"])
        #expect(file["properties"]?["name"]?["minLength"] == nil)

        let lead = try #require(ProviderSchemas.definition(for: Fixtures.tool("PIPEDRIVE_UPDATE_A_LEAD"), format: .openaiStrict)["function"]?["parameters"])
        #expect(lead["properties"]?["id"]?["format"] == "uuid")
        #expect(lead["properties"]?["expected_close_date"]?["type"] == ["string", "null"])
        #expect(lead["properties"]?["label_ids"]?["items"]?["format"] == "uuid")
    }

    @Test func strictPassesUndescribedObjectsAsJSONStrings() throws {
        let parameters = try #require(ProviderSchemas.definition(for: Fixtures.tool("PIPEDRIVE_ADD_GOAL"), format: .openaiStrict)["function"]?["parameters"])
        #expect(parameters["properties"]?["assignee"]?["type"] == "string")
        #expect(parameters["properties"]?["assignee"]?["description"]?.stringValue?.hasSuffix("Give this object as a JSON-encoded string.") == true)
        let update = try #require(ProviderSchemas.definition(for: Fixtures.tool("PIPEDRIVE_UPDATE_GOAL"), format: .openaiStrict)["function"]?["parameters"])
        #expect(update["properties"]?["assignee"]?["type"] == ["string", "null"])
        let activity = try #require(ProviderSchemas.definition(for: Fixtures.tool("PIPEDRIVE_ADD_AN_ACTIVITY"), format: .openaiStrict)["function"]?["parameters"])
        #expect(activity["properties"]?["participants"]?["items"]?["type"] == "string")
    }

    @Test(arguments: [ToolFormat.openaiStrict, .gemini])
    func strictAndGeminiListCustomFieldsAndSaySo(format: ToolFormat) throws {
        let tool = Fixtures.tool("PIPEDRIVE_UPDATE_A_LEAD")
        let definition = ProviderSchemas.definition(for: tool, format: format)
        let function = format == .gemini ? definition : try #require(definition["function"])
        #expect(function["parameters"]?["patternProperties"] == nil)
        let list = try #require(function["parameters"]?["properties"]?["custom_fields"])
        #expect(list["items"]?["properties"]?["key"]?["type"] == "string")
        #expect(list["items"]?["properties"]?["value"]?["anyOf"]?.arrayValue?.count == 5)
        let description = try #require(function["description"]?.stringValue)
        #expect(description.hasSuffix("Custom fields: pass each as an item of `custom_fields`, `{\"key\": <its 40-character hex key>, \"value\": <the value>}` (from `/dealFields`); Toolport sends it to Pipedrive unchanged."))
        #expect(description.hasPrefix("Updating lead properties modifies only specified fields"))
    }

    @Test func strictMakesTheCustomFieldListNullableAndItsItemsClosed() throws {
        let parameters = try #require(ProviderSchemas.definition(for: Fixtures.tool("PIPEDRIVE_ADD_A_DEAL"), format: .openaiStrict)["function"]?["parameters"])
        let list = try #require(parameters["properties"]?["custom_fields"])
        #expect(list["type"] == ["array", "null"])
        #expect(list["items"]?["additionalProperties"] == false)
        #expect(list["items"]?["required"] == ["key", "value"])
        #expect(parameters["required"]?.arrayValue?.contains("custom_fields") == true)
    }

    @Test func geminiUsesSingleTypesWithTheNullableFlag() throws {
        let parameters = try #require(ProviderSchemas.definition(for: Fixtures.tool("PIPEDRIVE_UPDATE_A_LEAD"), format: .gemini)["parameters"])
        #expect(parameters["type"] == "object")
        #expect(parameters["required"] == ["id"])
        #expect(parameters["additionalProperties"] == nil)
        #expect(parameters["properties"]?["title"]?["type"] == "string")
        #expect(parameters["properties"]?["title"]?["nullable"] == true)
        #expect(parameters["properties"]?["owner_id"]?["nullable"] == nil)
        #expect(parameters["properties"]?["visible_to"]?["enum"] == ["1", "3", "5", "7"])
        #expect(parameters["properties"]?["visible_to"]?["format"] == "enum")
        #expect(parameters["properties"]?["id"]?["format"] == nil)
        #expect(parameters["properties"]?["id"]?["description"]?.stringValue?.hasSuffix("Format: uuid.") == true)
    }

    @Test func geminiTurnsNumericEnumsIntoStringEnums() throws {
        let property = try #require(
            ProviderSchemas.definition(for: Fixtures.tool("PIPEDRIVE_FIND_USERS_BY_NAME"), format: .gemini)["parameters"]?["properties"]?["search_by_email"]
        )
        #expect(property["enum"] == ["0", "1"])
        #expect(property["format"] == "enum")
        #expect(property["default"] == nil)
        #expect(property["type"] == "string")
        #expect(property["minimum"] == nil && property["maximum"] == nil)
    }

    @Test func geminiKeepsUndescribedObjectsTypedWithoutProperties() throws {
        let parameterless = ProviderSchemas.definition(for: Fixtures.tool("PIPEDRIVE_GET_ALL_USERS"), format: .gemini)
        #expect(parameterless["parameters"] == ["type": "object"])
        let goal = try #require(ProviderSchemas.definition(for: Fixtures.tool("PIPEDRIVE_ADD_GOAL"), format: .gemini)["parameters"])
        #expect(goal["properties"]?["assignee"]?["type"] == "object")
        #expect(goal["properties"]?["assignee"]?["properties"] == nil)
    }
}
