import Catalog
@testable import Execution
import Testing
import ToolportJSON

/// The named translations between the seed's v1-shaped arguments and Pipedrive's v2 API.
struct BindingTransformsTests {
    static func parameter(_ coerce: ParameterBinding.Coercion? = nil, convert: ParameterBinding.Conversion? = nil, values: [[JSONValue]]? = nil, itemKeys: [String: String]? = nil) -> ParameterBinding {
        var binding = ParameterBinding(name: "x", location: .body, wire: ["x"], coerce: coerce)
        binding.convert = convert
        binding.values = values
        binding.itemKeys = itemKeys
        return binding
    }

    static func listBinding(dropped: [HTTPBinding.DroppedParameter] = []) throws -> HTTPBinding {
        var binding = try #require(SandboxHarness.catalog.tool(named: "PIPEDRIVE_GET_ALL_DEALS")).http
        binding.dropped = dropped
        return binding
    }

    @Test(arguments: [
        (JSONValue.integer(1), JSONValue.bool(true)), (.integer(0), .bool(false)), (.string("true"), .bool(true)), (.bool(false), .bool(false)),
    ])
    func flagsBecomeBooleans(given: JSONValue, sent: JSONValue) throws {
        #expect(try BindingTransforms.wireValue(given, binding: Self.parameter(.boolean)) == sent)
    }

    @Test(arguments: [
        ("2026-01-31", "2026-01-31T00:00:00Z"), ("2026-01-31 10:20:30", "2026-01-31T10:20:30Z"), ("2026-01-31T10:20:30Z", "2026-01-31T10:20:30Z"),
    ])
    func datesBecomeRFC3339(given: String, sent: String) throws {
        #expect(try BindingTransforms.wireValue(.string(given), binding: Self.parameter(.rfc3339)) == .string(sent))
    }

    @Test(arguments: ["x", "", "12abc", "1,500", "NaN", "inf"])
    func aStringThatIsNoNumberIsRefusedNamingTheField(given: String) {
        #expect(throws: ExecutionError.unsupportedArgument(name: "x", reason: "expected a number such as 1500 or 1500.50, got \(JSONValue.string(given).briefDescription)")) {
            try BindingTransforms.wireValue(.string(given), binding: Self.parameter(convert: .number))
        }
    }

    @Test func shapesValuesAndItemKeysAreTranslated() throws {
        #expect(try BindingTransforms.wireValue("5000", binding: Self.parameter(convert: .number)) == 5000)
        #expect(try BindingTransforms.wireValue("12.5", binding: Self.parameter(convert: .number)) == 12.5)
        #expect(try BindingTransforms.wireValue(7, binding: Self.parameter(convert: .array)) == [7])
        #expect(try BindingTransforms.wireValue("5", binding: Self.parameter(.integer)) == 5)
        let values = Self.parameter(values: [["all_not_deleted", nil], [true, "exact"], [nil, "middle"]])
        #expect(try BindingTransforms.wireValue("all_not_deleted", binding: values) == nil)
        #expect(try BindingTransforms.wireValue(true, binding: values) == "exact")
        #expect(try BindingTransforms.wireValue(nil, binding: values) == "middle")
        #expect(try BindingTransforms.wireValue("open", binding: values) == "open")
        let items = Self.parameter(itemKeys: ["primary_flag": "primary"])
        #expect(try BindingTransforms.wireValue([["person_id": 1, "primary_flag": true]], binding: items) == [["person_id": 1, "primary": true]])
    }

    @Test func cursorPagingRefusesAnOffsetButNotTheFirstPage() throws {
        let binding = try Self.listBinding()
        #expect(throws: ExecutionError.self) { try BindingTransforms.apply(to: ["start": 100], binding: binding, schema: [:]) }
        _ = try BindingTransforms.apply(to: ["start": 0, "limit": 10], binding: binding, schema: [:])
    }

    @Test func sortStringsBecomeSortByAndDirection() throws {
        let binding = try Self.listBinding()
        #expect(BindingTransforms.sortQuery("update_time DESC, title ASC", binding: binding).map { "\($0.0)=\($0.1)" } == ["sort_by=update_time", "sort_direction=desc"])
        #expect(throws: ExecutionError.self) { try BindingTransforms.apply(to: ["sort": "title ASC"], binding: binding, schema: [:]) }
    }

    @Test func droppedParametersAreRefusedUnlessTheyHoldTheirDefault() throws {
        let binding = try Self.listBinding(dropped: [.init(name: "everyone", reason: "v2 has no everyone flag")])
        let schema: JSONValue = ["properties": ["everyone": ["type": "integer", "default": 0]]]
        _ = try BindingTransforms.apply(to: ["everyone": 0], binding: binding, schema: schema)
        #expect(throws: ExecutionError.unsupportedArgument(name: "everyone", reason: "v2 has no everyone flag")) {
            try BindingTransforms.apply(to: ["everyone": 1], binding: binding, schema: schema)
        }
    }
}
