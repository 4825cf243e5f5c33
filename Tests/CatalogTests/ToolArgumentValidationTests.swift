import Catalog
import ToolportTestSupport
import Testing
import ToolportJSON
import Validation

/// Every tool's schema accepts well-formed arguments and reports every bad field of malformed ones.
struct ToolArgumentValidationTests {
    static let slugs = Fixtures.catalog.tools.map(\.slug)

    @Test(arguments: slugs)
    func acceptsGeneratedValidArguments(slug: String) throws {
        let tool = try #require(Fixtures.catalog.tool(named: slug))
        let arguments = ArgumentSampler.validArguments(for: tool.inputParameters)
        let issues = tool.inputSchema.validate(.object(arguments))
        #expect(issues.isEmpty, "\(slug): \(issues)")
    }

    @Test(arguments: slugs)
    func reportsEveryMissingRequiredAndMistypedArgument(slug: String) throws {
        let tool = try #require(Fixtures.catalog.tool(named: slug))
        let properties = tool.inputParameters["properties"]?.objectValue ?? [:]
        let required = tool.inputParameters["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var arguments = ArgumentSampler.validArguments(for: tool.inputParameters)
        for name in required { arguments[name] = nil }
        let optional = properties.keys.sorted().filter { !required.contains($0) }
        if let mistyped = optional.first, let schema = properties[mistyped] {
            arguments[mistyped] = ArgumentSampler.wrongValue(for: schema)
        }
        arguments["no_such_parameter"] = 1

        let issues = tool.inputSchema.validate(.object(arguments)).map(\.description)
        for name in required {
            #expect(issues.contains("\(name): required"), "\(slug): \(issues)")
        }
        if let mistyped = optional.first {
            #expect(issues.contains { $0.hasPrefix("\(mistyped): expected") }, "\(slug): \(issues)")
        }
        #expect(issues.contains { $0.hasPrefix("no_such_parameter: unknown parameter") }, "\(slug): \(issues)")
    }

    @Test func errorsNameTheFieldAndTheProblem() throws {
        let tool = try #require(Fixtures.catalog.tool(named: "PIPEDRIVE_ADD_A_DEAL"))
        let issues = tool.inputSchema.validate(["stage_id": "x"]).map(\.description)
        #expect(issues.contains("title: required"))
        #expect(issues.contains("stage_id: expected integer, got string \"x\""))
    }
}
