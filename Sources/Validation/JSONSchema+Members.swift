import ToolportJSON

extension JSONSchema {
    /// Appends the issues of an object's members: missing required ones first, in schema order,
    /// then each present member in name order, checked against its property, matching pattern
    /// properties, or the additional-properties rule.
    func checkMembers(_ members: [String: JSONValue], at path: IssuePath, into issues: inout [ValidationIssue]) {
        for name in required where members[name] == nil {
            issues.append(ValidationIssue(path: path.appending(property: name).rendered, reason: "required"))
        }
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            let memberPath = path.appending(property: name)
            let matchingPatterns = patternProperties.filter { $0.matcher.matches(name) }
            properties[name]?.check(member, at: memberPath, into: &issues)
            for pattern in matchingPatterns {
                pattern.schema.check(member, at: memberPath, into: &issues)
            }
            guard properties[name] == nil, matchingPatterns.isEmpty else { continue }
            if let additionalPropertiesSchema {
                additionalPropertiesSchema.check(member, at: memberPath, into: &issues)
            } else if !allowsAdditionalProperties {
                issues.append(ValidationIssue(path: memberPath.rendered, reason: unknownPropertyReason(name)))
            }
        }
    }

    /// `unknown parameter`, with a hint when a defined property has a close name.
    private func unknownPropertyReason(_ name: String) -> String {
        guard let suggestion = NameSuggestion.closest(to: name, among: properties.keys) else { return "unknown parameter" }
        return "unknown parameter (did you mean \"\(suggestion)\"?)"
    }
}
