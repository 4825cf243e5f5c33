import Foundation

/// A `pattern` or `patternProperties` regular expression, compiled once when the schema is compiled.
///
/// `NSRegularExpression` is immutable and documented as safe to match from several threads, and Foundation
/// declares it `Sendable`. As in JSON Schema, patterns are not implicitly anchored: a match anywhere counts.
struct PatternMatcher: Sendable {
    /// The pattern as written in the schema.
    let source: String
    private let expression: NSRegularExpression

    /// Compiles `source`, or returns `nil` when it is not a valid regular expression.
    init?(_ source: String) {
        guard let expression = try? NSRegularExpression(pattern: source) else { return nil }
        self.source = source
        self.expression = expression
    }

    /// Whether the pattern matches somewhere in `string`.
    func matches(_ string: String) -> Bool {
        expression.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil
    }
}
