/// Reads one JSON document (RFC 8259) from UTF-8 bytes, giving the values `JSONDecoder` gave for `JSONValue`.
///
/// Strict: a trailing comma before `]` or `}` is refused (RFC 8259 has none; `JSONDecoder` accepts one), so that
/// a proxy in front of Toolport and Toolport itself never read different documents. Like `JSONDecoder` it keeps
/// the first of duplicate keys, and rejects nesting deeper than ``maximumDepth`` — before recursing, so no
/// document can exhaust the stack.
/// Unlike `JSONDecoder`, which checked numbers and strings only when it decoded them, it also rejects a malformed
/// number or string inside the value of a later duplicate key.
struct JSONParser {
    /// The deepest nesting of arrays and objects accepted, as in `JSONDecoder`.
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position: Int
    /// Reused for decoding strings that contain escapes.
    private var unescaped: [UInt8] = []
    /// The members of the objects being read, innermost last.
    private var pendingMembers: [(key: String, value: JSONValue)] = []

    init(bytes: UnsafeBufferPointer<UInt8>, startingAt position: Int) {
        self.bytes = bytes
        self.position = position
    }

    /// Parses the rest of the input as one value surrounded by optional whitespace.
    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard position == bytes.count else { throw JSONParseError(offset: position, reason: .trailingContent) }
        return value
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw failure(.unexpectedEnd) }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object(try parseObject(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try parseArray(depth: depth + 1))
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try consumeLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try consumeLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try consumeLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw failure(.expectedValue)
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> [JSONValue] {
        guard depth <= Self.maximumDepth else { throw failure(.tooDeeplyNested) }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return elements }
        while true {
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard consume(UInt8(ascii: ",")) else {
                guard consume(UInt8(ascii: "]")) else { throw failure(.expectedCommaOrBracket) }
                return elements
            }
            try refuseTrailingComma(before: UInt8(ascii: "]"))
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> [String: JSONValue] {
        guard depth <= Self.maximumDepth else { throw failure(.tooDeeplyNested) }
        position += 1
        let firstMember = pendingMembers.count
        defer { pendingMembers.removeSubrange(firstMember...) }
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return [:] }
        while true {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure(.expectedKey) }
            let key = try parseString()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw failure(.expectedColon) }
            pendingMembers.append((key, try parseValue(depth: depth)))
            skipWhitespace()
            guard consume(UInt8(ascii: ",")) else {
                guard consume(UInt8(ascii: "}")) else { throw failure(.expectedCommaOrBrace) }
                break
            }
            try refuseTrailingComma(before: UInt8(ascii: "}"))
        }
        var members = [String: JSONValue](minimumCapacity: pendingMembers.count - firstMember)
        // In reverse, so that the first of duplicate keys is stored last and wins.
        for (key, value) in pendingMembers[firstMember...].reversed() { members[key] = value }
        return members
    }

    /// Skips the whitespace after a comma; throws when `closer` follows it.
    private mutating func refuseTrailingComma(before closer: UInt8) throws(JSONParseError) {
        skipWhitespace()
        if position < bytes.count, bytes[position] == closer { throw failure(.trailingComma) }
    }

    private mutating func consumeLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = position
        for expected in UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount) {
            guard position < bytes.count else { throw failure(.unexpectedEnd) }
            guard bytes[position] == expected else { throw JSONParseError(offset: start, reason: .invalidLiteral) }
            position += 1
        }
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        let isNegative = consume(UInt8(ascii: "-"))
        guard position < bytes.count, Self.isDigit(bytes[position]) else { throw failure(.invalidNumber) }
        var magnitude: UInt64 = 0
        var magnitudeOverflowed = false
        if consume(UInt8(ascii: "0")) {
            guard position == bytes.count || !Self.isDigit(bytes[position]) else { throw failure(.invalidNumber) }
        } else {
            while position < bytes.count, Self.isDigit(bytes[position]) {
                let (product, productOverflowed) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, sumOverflowed) = product.addingReportingOverflow(UInt64(bytes[position] &- UInt8(ascii: "0")))
                magnitude = sum
                magnitudeOverflowed = magnitudeOverflowed || productOverflowed || sumOverflowed
                position += 1
            }
        }
        var isIntegerLiteral = true
        if consume(UInt8(ascii: ".")) {
            isIntegerLiteral = false
            try skipDigits()
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            isIntegerLiteral = false
            _ = consume(UInt8(ascii: "+")) || consume(UInt8(ascii: "-"))
            try skipDigits()
        }
        if isIntegerLiteral, !magnitudeOverflowed, let integer = Self.integer(magnitude: magnitude, isNegative: isNegative) {
            return .integer(integer)
        }
        guard let value = JSONNumberLiteral.value(of: UnsafeBufferPointer(rebasing: bytes[start..<position])) else {
            throw JSONParseError(offset: start, reason: .numberOutOfRange)
        }
        return value
    }

    /// Skips one or more digits.
    private mutating func skipDigits() throws(JSONParseError) {
        guard position < bytes.count, Self.isDigit(bytes[position]) else { throw failure(.invalidNumber) }
        repeat { position += 1 } while position < bytes.count && Self.isDigit(bytes[position])
    }

    private static func integer(magnitude: UInt64, isNegative: Bool) -> Int? {
        if !isNegative { return Int(exactly: magnitude) }
        return magnitude <= Int.min.magnitude ? Int(truncatingIfNeeded: 0 &- magnitude) : nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    // MARK: Strings

    /// Reads a string from its opening quote through its closing quote.
    private mutating func parseString() throws(JSONParseError) -> String {
        position += 1
        let contentStart = position
        var segmentStart = position
        var isASCII = true
        var hasEscapes = false
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                let content = contentStart..<position
                position += 1
                guard hasEscapes else { return try decodeUTF8(UnsafeBufferPointer(rebasing: bytes[content]), isASCII: isASCII, source: content) }
                unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<content.upperBound]))
                return try unescaped.withUnsafeBufferPointer { (buffer) throws(JSONParseError) in
                    try decodeUTF8(buffer, isASCII: isASCII, source: content)
                }
            case UInt8(ascii: "\\"):
                if !hasEscapes {
                    hasEscapes = true
                    unescaped.removeAll(keepingCapacity: true)
                }
                unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<position]))
                try appendEscape()
                segmentStart = position
            case ..<0x20:
                throw failure(.controlCharacterInString)
            default:
                isASCII = isASCII && byte < 0x80
                position += 1
            }
        }
        throw failure(.unexpectedEnd)
    }

    /// The string of `utf8`, whose raw bytes in the input are `source`.
    private func decodeUTF8(_ utf8: UnsafeBufferPointer<UInt8>, isASCII: Bool, source: Range<Int>) throws(JSONParseError) -> String {
        if isASCII { return String(decoding: utf8, as: UTF8.self) }
        guard let string = String(validating: utf8, as: UTF8.self) else { throw invalidUTF8(in: source) }
        return string
    }

    /// The error for the first ill-formed UTF-8 sequence in `source`.
    private func invalidUTF8(in source: Range<Int>) -> JSONParseError {
        var decoder = Unicode.UTF8.ForwardParser()
        var input = UnsafeBufferPointer(rebasing: bytes[source]).makeIterator()
        var offset = source.lowerBound
        while case .valid(let scalar) = decoder.parseScalar(from: &input) {
            offset += scalar.count
        }
        return JSONParseError(offset: offset, reason: .invalidUTF8)
    }

    /// Decodes the escape sequence at `position` into `unescaped`.
    private mutating func appendEscape() throws(JSONParseError) {
        let escapeStart = position
        position += 1
        guard position < bytes.count else { throw failure(.unexpectedEnd) }
        let letter = bytes[position]
        position += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(letter)
        case UInt8(ascii: "b"): unescaped.append(0x08)
        case UInt8(ascii: "f"): unescaped.append(0x0C)
        case UInt8(ascii: "n"): unescaped.append(0x0A)
        case UInt8(ascii: "r"): unescaped.append(0x0D)
        case UInt8(ascii: "t"): unescaped.append(0x09)
        case UInt8(ascii: "u"): appendUTF8(try readUnicodeEscape(escapeStart: escapeStart))
        default: throw JSONParseError(offset: escapeStart, reason: .invalidEscape)
        }
    }

    /// The code point of a `\u` escape whose hex digits start at `position`, joining a surrogate pair;
    /// a lone surrogate is an error, as in `JSONDecoder`.
    private mutating func readUnicodeEscape(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        let unit = try readHexUnit(escapeStart: escapeStart)
        switch unit {
        case 0xD800...0xDBFF:
            let lowStart = position
            guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")) else {
                throw JSONParseError(offset: escapeStart, reason: .unpairedSurrogate)
            }
            let low = try readHexUnit(escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(low) else { throw JSONParseError(offset: escapeStart, reason: .unpairedSurrogate) }
            return 0x10000 + (unit - 0xD800) << 10 + (low - 0xDC00)
        case 0xDC00...0xDFFF:
            throw JSONParseError(offset: escapeStart, reason: .unpairedSurrogate)
        default:
            return unit
        }
    }

    /// The four hex digits at `position`.
    private mutating func readHexUnit(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard position < bytes.count else { throw failure(.unexpectedEnd) }
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError(offset: escapeStart, reason: .invalidEscape)
            }
            unit = unit << 4 | UInt32(digit)
            position += 1
        }
        return unit
    }

    private mutating func appendUTF8(_ codePoint: UInt32) {
        switch codePoint {
        case ..<0x80:
            unescaped.append(UInt8(codePoint))
        case ..<0x800:
            unescaped.append(0xC0 | UInt8(codePoint >> 6))
            unescaped.append(0x80 | UInt8(codePoint & 0x3F))
        case ..<0x10000:
            unescaped.append(0xE0 | UInt8(codePoint >> 12))
            unescaped.append(0x80 | UInt8(codePoint >> 6 & 0x3F))
            unescaped.append(0x80 | UInt8(codePoint & 0x3F))
        default:
            unescaped.append(0xF0 | UInt8(codePoint >> 18))
            unescaped.append(0x80 | UInt8(codePoint >> 12 & 0x3F))
            unescaped.append(0x80 | UInt8(codePoint >> 6 & 0x3F))
            unescaped.append(0x80 | UInt8(codePoint & 0x3F))
        }
    }

    // MARK: Bytes

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): position += 1
            default: return
            }
        }
    }

    /// Steps over `byte` when it is next.
    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// The error at `position`: `reason`, or running out of input when there is none left.
    private func failure(_ reason: JSONParseError.Reason) -> JSONParseError {
        JSONParseError(offset: position, reason: position < bytes.count ? reason : .unexpectedEnd)
    }
}
