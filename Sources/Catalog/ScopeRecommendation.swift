/// The OAuth scopes to request so a connection can run some tools (Composio's `recommend_scopes`).
///
/// Each tool lists the scopes any one of which lets it run, as Pipedrive's spec does (`deals:read` or
/// `deals:full`); a tool listing none needs no scope. Two sets are recommended:
/// - `leastPrivilege`: for each tool (those with the fewest choices first) the least privileged scope it
///   takes (`…:read`, then `…:full` and other scopes, then `admin`), unless a scope already chosen covers it;
/// - `fewest`: the fewest scopes that cover every tool (greedy: the scope covering most tools not yet
///   covered, less privileged first on a tie).
///
/// Both then drop scopes the others make redundant, always keep `include`, never use `exclude`, and stay
/// within `available` when it is given. Both are sorted by name.
public struct ScopeRecommendation: Sendable, Equatable {
    public var leastPrivilege: [String]
    public var fewest: [String]

    /// One tool's scopes: any one of them lets it run.
    public struct Requirement: Sendable, Equatable {
        public var tool: String
        public var scopes: [String]

        public init(tool: String, scopes: [String]) {
            self.tool = tool
            self.scopes = scopes
        }
    }

    /// - Throws: `ScopeRecommendationError` when a tool has no scope left once `exclude` and `available`
    ///   apply, or `include` names an excluded scope.
    public init(requirements: [Requirement], include: [String] = [], exclude: [String] = [], available: [String]? = nil) throws(ScopeRecommendationError) {
        let excluded = Set(exclude)
        if let clash = include.first(where: excluded.contains) { throw .includedAndExcluded(clash) }
        var choices: [(tool: String, scopes: Set<String>)] = []
        for requirement in requirements where !requirement.scopes.isEmpty {
            let allowed = Set(requirement.scopes).subtracting(excluded).filter { scope in available.map { $0.contains(scope) } ?? true }
            guard !allowed.isEmpty else { throw .uncoverable(tool: requirement.tool, scopes: requirement.scopes.sorted()) }
            choices.append((requirement.tool, allowed))
        }
        let required = Set(include)
        leastPrivilege = Self.pruned(Self.leastPrivileged(choices, starting: required), keeping: required, choices: choices)
        fewest = Self.pruned(Self.fewestCovering(choices, starting: required), keeping: required, choices: choices)
    }

    /// How much a scope allows: `…:read` and `base` least, `admin` most.
    static func privilege(_ scope: String) -> Int {
        if scope == "admin" { return 2 }
        return scope.hasSuffix(":read") || scope == "base" ? 0 : 1
    }

    /// Whether `lhs` is preferred over `rhs`: less privileged, then by name.
    private static func prefers(_ lhs: String, _ rhs: String) -> Bool {
        (privilege(lhs), lhs) < (privilege(rhs), rhs)
    }

    private static func leastPrivileged(_ choices: [(tool: String, scopes: Set<String>)], starting chosen: Set<String>) -> Set<String> {
        var chosen = chosen
        for choice in choices.sorted(by: { ($0.scopes.count, $0.tool) < ($1.scopes.count, $1.tool) }) where choice.scopes.isDisjoint(with: chosen) {
            if let scope = choice.scopes.min(by: prefers) { chosen.insert(scope) }
        }
        return chosen
    }

    private static func fewestCovering(_ choices: [(tool: String, scopes: Set<String>)], starting chosen: Set<String>) -> Set<String> {
        var chosen = chosen
        var uncovered = choices.filter { $0.scopes.isDisjoint(with: chosen) }
        while !uncovered.isEmpty {
            var counts: [String: Int] = [:]
            for choice in uncovered { for scope in choice.scopes { counts[scope, default: 0] += 1 } }
            guard let best = counts.min(by: { ($1.value, privilege($0.key), $0.key) < ($0.value, privilege($1.key), $1.key) })?.key else { break }
            chosen.insert(best)
            uncovered.removeAll { $0.scopes.contains(best) }
        }
        return chosen
    }

    /// `chosen` without the scopes every tool can do without (the most privileged dropped first), `keeping`
    /// always; sorted by name.
    private static func pruned(_ chosen: Set<String>, keeping: Set<String>, choices: [(tool: String, scopes: Set<String>)]) -> [String] {
        var kept = chosen
        for scope in chosen.subtracting(keeping).sorted(by: { prefers($1, $0) }) {
            let without = kept.subtracting([scope])
            if choices.allSatisfy({ !$0.scopes.isDisjoint(with: without) }) { kept = without }
        }
        return kept.sorted()
    }
}

/// Why no scope set can be recommended.
public enum ScopeRecommendationError: Error, Equatable, CustomStringConvertible {
    /// Every scope that lets `tool` run is excluded or not available.
    case uncoverable(tool: String, scopes: [String])
    case includedAndExcluded(String)

    public var description: String {
        switch self {
        case .uncoverable(let tool, let scopes):
            "\(tool) needs one of \(scopes.joined(separator: ", ")), and exclude or available_scopes rules out all of them"
        case .includedAndExcluded(let scope):
            "\(scope) is both in include and in exclude"
        }
    }
}
