/// The installed fault rules with how often each has matched and been applied.
struct FaultSchedule: Sendable {
    private let rules: [FaultRule]
    private var matchCounts: [Int]
    private var applyCounts: [Int]

    init(rules: [FaultRule]) {
        self.rules = rules
        matchCounts = Array(repeating: 0, count: rules.count)
        applyCounts = Array(repeating: 0, count: rules.count)
    }

    /// Counts the request against every rule that matches it and returns the kinds applied to it, in rule order.
    mutating func faults(method: String, path: String) -> [FaultRule.Kind] {
        var applied: [FaultRule.Kind] = []
        for (index, rule) in rules.enumerated() where rule.matches(method: method, path: path) {
            matchCounts[index] += 1
            if let times = rule.times, applyCounts[index] >= times { continue }
            if let everyNth = rule.everyNth, matchCounts[index] % everyNth != 0 { continue }
            applyCounts[index] += 1
            applied.append(rule.kind)
        }
        return applied
    }
}
