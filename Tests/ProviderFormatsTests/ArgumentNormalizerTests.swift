import Catalog
import Execution
import ProviderFormats
import Testing
import ToolportJSON
import ToolportTestSupport
import Validation

/// Arguments produced against the strict form map back to arguments the tool's own schema accepts.
struct ArgumentNormalizerTests {
    @Test(arguments: Fixtures.slugs)
    func strictArgumentsNormalizeToValidArguments(slug: String) throws {
        let tool = Fixtures.tool(slug)
        let strict = try #require(ProviderSchemas.definition(for: tool, format: .openaiStrict)["function"]?["parameters"])
        let strictSchema = try JSONSchema(strict)
        for kept in [0, 2, Int.max] {
            let arguments = StrictArguments.build(strict: strict, original: tool.inputParameters, keptOptionals: kept)
            #expect(strictSchema.validate(arguments).isEmpty, "\(slug) keeping \(kept): fits the strict schema")
            let normalized = try ArgumentNormalizer.normalize(arguments, for: tool)
            let issues = tool.inputSchema.validate(normalized)
            #expect(issues.isEmpty, "\(slug) keeping \(kept): \(issues)")
            if kept == 0 {
                // Left: the required properties, and the optional ones whose `null` the tool accepts.
                let required = Set(tool.inputParameters["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                let nullable = (tool.inputParameters["properties"]?.objectValue ?? [:]).filter { $0.value["type"]?.arrayValue?.contains("null") == true }
                #expect(Set(normalized.objectValue?.keys.map { $0 } ?? []) == required.union(nullable.keys), "\(slug)")
            }
        }
    }

    @Test(arguments: Fixtures.slugs)
    func leavesValidArgumentsUnchanged(slug: String) throws {
        let tool = Fixtures.tool(slug)
        let arguments = JSONValue.object(ArgumentSampler.validArguments(for: tool.inputParameters))
        #expect(try ArgumentNormalizer.normalize(arguments, for: tool) == arguments)
    }

    @Test func dropsNullsOnlyWhereTheToolDoesNotAllowThem() throws {
        let lead = Fixtures.tool("PIPEDRIVE_UPDATE_A_LEAD")
        let customField = String(repeating: "ab", count: 20)
        let normalized = try ArgumentNormalizer.normalize(["id": nil, "title": nil, "owner_id": nil, "was_seen": true, customField: nil], for: lead)
        // `id` is required (validation reports it), `title` may be null, custom fields are not the schema's.
        #expect(normalized == ["id": nil, "title": nil, "was_seen": true, customField: nil])

        let audio = Fixtures.tool("PIPEDRIVE_ADD_CALL_LOG_AUDIO_FILE")
        let file: JSONValue = ["id": "call-1", "file": ["name": "a.mp3", "content": "AAAA", "mimetype": nil]]
        #expect(try ArgumentNormalizer.normalize(file, for: audio) == ["id": "call-1", "file": ["name": "a.mp3", "content": "AAAA"]])
    }

    @Test func parsesObjectsPassedAsJSONStrings() throws {
        let goal = Fixtures.tool("PIPEDRIVE_ADD_GOAL")
        let normalized = try ArgumentNormalizer.normalize(
            ["assignee": #"{"id": 1, "type": "person"}"#, "duration": "not json", "type": "[1, 2]", "title": #"{"a": 1}"#],
            for: goal
        )
        #expect(normalized["assignee"] == ["id": 1, "type": "person"])
        #expect(normalized["duration"] == "not json")
        #expect(normalized["type"] == "[1, 2]")
        #expect(normalized["title"] == #"{"a": 1}"#)

        let activity = Fixtures.tool("PIPEDRIVE_ADD_AN_ACTIVITY")
        let participants = try ArgumentNormalizer.normalize(["participants": [#"{"person_id": 1, "primary_flag": true}"#]], for: activity)
        #expect(participants["participants"] == [["person_id": 1, "primary_flag": true]])
    }
}
