public import ToolportJSON

extension JSONSchema {
    /// Checks `value` against the schema and returns every failure found, in a stable order; empty when it conforms.
    ///
    /// Paths are relative to `value`: a member is `stage_id`, a nested member `value.amount`,
    /// an array element `label_ids[2]`, and `value` itself `(root)`.
    public func validate(_ value: JSONValue) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        check(value, at: .root, into: &issues)
        return issues
    }

    /// Appends to `issues` every way `value`, found at `path`, fails this schema.
    ///
    /// A value of the wrong type, or outside `enum`, gets that single issue: the other keywords would only repeat it.
    func check(_ value: JSONValue, at path: IssuePath, into issues: inout [ValidationIssue]) {
        func report(_ reason: String) {
            issues.append(ValidationIssue(path: path.rendered, reason: reason))
        }
        guard acceptsType(of: value) else {
            return report("expected \(Self.alternatives(orderedTypes)), got \(value.briefDescription)")
        }
        if let enumValues, !enumValues.contains(where: { $0.isSchemaEqual(to: value) }) {
            let allowed = enumValues.map(\.jsonText).joined(separator: ", ")
            return report("must be one of \(allowed), got \(value.briefDescription)")
        }
        switch value {
        case .integer, .number:
            checkBounds(value, report: report)
        case .string(let text):
            checkString(text, report: report)
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                items?.check(element, at: path.appending(index: index), into: &issues)
            }
        case .object(let members):
            checkMembers(members, at: path, into: &issues)
        case .null, .bool:
            break
        }
        if !anyOf.isEmpty, !anyOf.contains(where: { $0.accepts(value) }) {
            report("matches none of the allowed shapes")
        }
        if !oneOf.isEmpty {
            switch oneOf.count(where: { $0.accepts(value) }) {
            case 0: report("matches none of the allowed shapes")
            case 1: break
            default: report("matches more than one allowed shape")
            }
        }
    }

    /// Whether `value` conforms to the schema.
    func accepts(_ value: JSONValue) -> Bool {
        var issues: [ValidationIssue] = []
        check(value, at: .root, into: &issues)
        return issues.isEmpty
    }

    /// Whether `type` allows the value; an integer is also a number, and a whole number also an integer.
    private func acceptsType(of value: JSONValue) -> Bool {
        let name = value.typeName
        return types.isEmpty || types.contains(name) || (name == "integer" && types.contains("number"))
    }

    private func checkBounds(_ value: JSONValue, report: (String) -> Void) {
        guard let number = value.doubleValue else { return }
        let shown = if case .integer(let integer) = value { String(integer) } else { number.messageText }
        if let minimum, number < minimum {
            report("must be ≥ \(minimum.messageText), got \(shown)")
        }
        if let maximum, number > maximum {
            report("must be ≤ \(maximum.messageText), got \(shown)")
        }
    }

    private func checkString(_ text: String, report: (String) -> Void) {
        let length = text.unicodeScalars.count
        if let minLength, length < minLength {
            report("must be at least \(Self.characters(minLength)) long")
        }
        if let maxLength, length > maxLength {
            report("must be at most \(Self.characters(maxLength)) long")
        }
        if let patternMatcher, !patternMatcher.matches(text) {
            report("must match the pattern \"\(patternMatcher.source)\", got \(JSONValue.string(text).briefDescription)")
        }
        if let checkedFormat, !checkedFormat.accepts(text) {
            report("must be \(checkedFormat.expectation), got \(JSONValue.string(text).briefDescription)")
        }
    }

    /// `1 character`, `3 characters`.
    private static func characters(_ count: Int) -> String {
        count == 1 ? "1 character" : "\(count) characters"
    }

    /// `a`, `a or b`, `a, b or c`.
    private static func alternatives(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.joined() }
        return items.dropLast().joined(separator: ", ") + " or " + last
    }
}
