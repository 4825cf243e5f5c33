import Catalog
import Testing

/// `recommend_scopes`: the least privileged and the smallest scope sets for some tools.
struct ScopeRecommendationTests {
    typealias Requirement = ScopeRecommendation.Requirement

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var requirements: [Requirement]
        var include: [String] = []
        var exclude: [String] = []
        var available: [String]?
        var leastPrivilege: [String]
        var fewest: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "no tools", requirements: [], leastPrivilege: [], fewest: []),
        Case(name: "a tool that needs no scope", requirements: [.init(tool: "A", scopes: [])], leastPrivilege: [], fewest: []),
        Case(name: "a read takes the read scope", requirements: [.init(tool: "GET_DEAL", scopes: ["deals:full", "deals:read"])],
             leastPrivilege: ["deals:read"], fewest: ["deals:read"]),
        Case(name: "a write needs full, which covers the read", requirements: [
            .init(tool: "GET_DEAL", scopes: ["deals:full", "deals:read"]), .init(tool: "ADD_DEAL", scopes: ["deals:full"]),
        ], leastPrivilege: ["deals:full"], fewest: ["deals:full"]),
        Case(name: "a search is covered by a scope another tool needs", requirements: [
            .init(tool: "SEARCH", scopes: ["contacts:read", "deals:read", "search:read"]),
            .init(tool: "GET_PERSON", scopes: ["contacts:full", "contacts:read"]),
            .init(tool: "GET_DEAL", scopes: ["deals:full", "deals:read"]),
            .init(tool: "ADD_DEAL", scopes: ["deals:full"]),
        ], leastPrivilege: ["contacts:read", "deals:full"], fewest: ["contacts:read", "deals:full"]),
        Case(name: "admin only where nothing else will do", requirements: [
            .init(tool: "GET_USERS", scopes: ["admin", "users:read"]), .init(tool: "ADD_USER", scopes: ["admin"]),
        ], leastPrivilege: ["admin"], fewest: ["admin"]),
        Case(name: "fewest takes the scope covering most tools", requirements: [
            .init(tool: "A", scopes: ["activities:read", "deals:full"]), .init(tool: "B", scopes: ["contacts:read", "deals:full"]),
            .init(tool: "C", scopes: ["deals:full", "leads:read"]),
        ], leastPrivilege: ["activities:read", "contacts:read", "leads:read"], fewest: ["deals:full"]),
        Case(name: "include is always kept", requirements: [.init(tool: "GET_DEAL", scopes: ["deals:full", "deals:read"])],
             include: ["users:read"], leastPrivilege: ["deals:read", "users:read"], fewest: ["deals:read", "users:read"]),
        Case(name: "an included scope that covers a tool replaces its own", requirements: [.init(tool: "GET_DEAL", scopes: ["deals:full", "deals:read"])],
             include: ["deals:full"], leastPrivilege: ["deals:full"], fewest: ["deals:full"]),
        Case(name: "exclude rules a scope out", requirements: [.init(tool: "GET_DEAL", scopes: ["deals:full", "deals:read"])],
             exclude: ["deals:read"], leastPrivilege: ["deals:full"], fewest: ["deals:full"]),
        Case(name: "available narrows the choice", requirements: [.init(tool: "GET_DEAL", scopes: ["deals:full", "deals:read"])],
             available: ["deals:full", "contacts:full"], leastPrivilege: ["deals:full"], fewest: ["deals:full"]),
    ]

    @Test(arguments: cases)
    func recommends(_ example: Case) throws {
        let recommendation = try ScopeRecommendation(
            requirements: example.requirements, include: example.include, exclude: example.exclude, available: example.available
        )
        #expect(recommendation.leastPrivilege == example.leastPrivilege)
        #expect(recommendation.fewest == example.fewest)
    }

    @Test func aToolWithNoScopeLeftIsNamed() {
        #expect(throws: ScopeRecommendationError.uncoverable(tool: "ADD_DEAL", scopes: ["deals:full"])) {
            try ScopeRecommendation(requirements: [.init(tool: "ADD_DEAL", scopes: ["deals:full"])], exclude: ["deals:full"])
        }
        #expect(throws: ScopeRecommendationError.uncoverable(tool: "ADD_DEAL", scopes: ["deals:full"])) {
            try ScopeRecommendation(requirements: [.init(tool: "ADD_DEAL", scopes: ["deals:full"])], available: ["deals:read"])
        }
        #expect(throws: ScopeRecommendationError.includedAndExcluded("admin")) {
            try ScopeRecommendation(requirements: [], include: ["admin"], exclude: ["admin"])
        }
    }
}
