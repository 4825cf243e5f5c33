/// Why `JSONValue(parsing:)` rejected a document, and where.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong at `offset`.
    public enum Reason: String, Sendable {
        case unexpectedEnd = "unexpected end of input"
        case expectedValue = "expected a value"
        case expectedKey = "expected a string key"
        case expectedColon = "expected ':' after the key"
        case expectedCommaOrBracket = "expected ',' or ']'"
        case expectedCommaOrBrace = "expected ',' or '}'"
        case trailingComma = "a trailing comma (JSON allows none)"
        case invalidLiteral = "invalid literal"
        case invalidNumber = "invalid number"
        case numberOutOfRange = "number out of range"
        case controlCharacterInString = "unescaped control character in a string"
        case invalidEscape = "invalid escape sequence"
        case unpairedSurrogate = "unpaired UTF-16 surrogate escape"
        case invalidUTF8 = "invalid UTF-8"
        case tooDeeplyNested = "arrays and objects nested deeper than 512"
        case trailingContent = "unexpected content after the document"
        case undecodableText = "not valid in its UTF-16 or UTF-32 encoding"
    }

    /// The byte offset of the problem in the UTF-8 text (for UTF-16 or UTF-32 input, in its UTF-8 transcoding).
    public let offset: Int
    public let reason: Reason

    public init(offset: Int, reason: Reason) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(reason.rawValue) at byte \(offset)" }
}
