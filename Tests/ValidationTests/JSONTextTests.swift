import Foundation
import Testing
import ToolportJSON

/// The hand-written JSON reader and writer give the values `JSONDecoder` gave and the bytes `JSONEncoder` gave,
/// and reject what is not JSON with a located `JSONParseError`.
struct JSONTextTests {
    // MARK: Reading

    @Test func roundTripsEveryKind() throws {
        let value: JSONValue = [
            "null": nil, "true": true, "false": false, "integer": -42, "number": 2.5, "string": "a \"b\"\n€ 😀",
            "array": [1, "two", [], [:]], "object": ["nested": ["deep": [nil]]],
        ]
        #expect(try JSONValue(parsing: value.encoded()) == value)
        #expect(String(decoding: value.encoded(), as: UTF8.self) == #"""
            {"array":[1,"two",[],{}],"false":false,"integer":-42,"null":null,"number":2.5,"object":{"nested":{"deep":[null]}},"string":"a \"b\"\n€ 😀","true":true}
            """#)
    }

    @Test(arguments: [
        (#""\"""#, "\""), (#""\\""#, "\\"), (#""\/""#, "/"), (#""\b""#, "\u{08}"), (#""\f""#, "\u{0C}"),
        (#""\n""#, "\n"), (#""\r""#, "\r"), (#""\t""#, "\t"), (#""\u0041""#, "A"), (#""\u00e9\u00E9""#, "éé"),
        (#""\u20AC""#, "€"), (#""a\u0000b""#, "a\u{0}b"), (#""\ud83d\ude00""#, "😀"), (#""\uD834\uDD1E""#, "𝄞"),
        (#""\uDBFF\uDFFF""#, "\u{10FFFF}"), (#""x\n\u00e9y😀\t""#, "x\né" + "y😀\t"), (#""raw é 😀 \#u{7F}""#, "raw é 😀 \u{7F}"),
    ])
    func decodesEscapes(text: String, expected: String) throws {
        #expect(try json(text) == .string(expected))
        #expect(try foundationDecoded(text) == .string(expected))
    }

    /// Whole numbers that fit `Int` are integers however they are written; the rest are doubles.
    @Test(arguments: [
        ("0", .integer(0)), ("-0", .integer(0)), ("-0.0", .integer(0)), ("1.0", .integer(1)), ("1e2", .integer(100)),
        ("1E+2", .integer(100)), ("0.5e1", .integer(5)), ("1e-400", .integer(0)), ("1.00000000000000000001", .integer(1)),
        ("9223372036854775807", .integer(.max)), ("-9223372036854775808", .integer(.min)), ("1e18", .integer(1_000_000_000_000_000_000)),
        ("9007199254740993.5", .integer(9_007_199_254_740_993)), ("-9223372036854775807.0", .integer(-9_223_372_036_854_775_807)),
        ("12345678901234567890", .number(12_345_678_901_234_567_890.0)), ("9223372036854775808", .number(9_223_372_036_854_775_808.0)),
        ("9223372036854775807.0", .number(9_223_372_036_854_775_807.0)), ("-9223372036854775809", .number(-9_223_372_036_854_775_809.0)),
        ("1e19", .number(1e19)), ("1.5", .number(1.5)), ("-0.5", .number(-0.5)), ("1e-2", .number(0.01)), ("2.5E-3", .number(0.0025)),
        ("4.9e-324", .number(.leastNonzeroMagnitude)), ("1.7976931348623157e308", .number(.greatestFiniteMagnitude)),
    ] as [(String, JSONValue)])
    func readsNumbersAsJSONDecoderDid(literal: String, expected: JSONValue) throws {
        #expect(try json(literal) == expected)
        #expect(try foundationDecoded(literal) == expected)
    }

    /// Random literals around the integer limits, with long fractions and exponents, read as `JSONDecoder` read them.
    @Test func readsRandomNumbersAsJSONDecoderDid() throws {
        var generator = SeededGenerator(seed: 8259)
        for _ in 0..<3000 {
            let literal = generator.numberLiteral()
            #expect(try json(literal) == foundationDecoded(literal), "\(literal)")
        }
    }

    @Test func keepsTheFirstOfDuplicateKeys() throws {
        for text in [#"{"a":1,"a":2}"#, #"{"b":true,"a":1,"b":[3]}"#, #"{"\u00e9":1,"e\u0301":2}"#] {
            #expect(try json(text) == foundationDecoded(text))
        }
        #expect(try json(#"{"a":1,"a":2}"#) == ["a": 1])
        #expect(try json(#"{"é":1,"e\u0301":2}"#) == ["é": 1])
    }

    /// RFC 8259 has no trailing commas; `JSONDecoder` accepts one, Toolport does not (no parser differential
    /// with a stricter proxy in front of it).
    @Test(arguments: [
        (#"[1,]"#, 3), (#"[1, ]"#, 4), (#"["",]"#, 4), (#"{"id":0,}"#, 8), (#"{"a":[1,],}"#, 8), (#"{"a":[""],}"#, 10),
        ("[\n1,\n]", 5), (#"[[],]"#, 4),
    ])
    func refusesTrailingCommas(text: String, offset: Int) throws {
        #expect(throws: JSONParseError(offset: offset, reason: .trailingComma)) { try json(text) }
    }

    @Test func readsByteOrderMarksAndUTF16AndUTF32() throws {
        let text = #"{"a":[1,"é😀"]}"#
        let expected: JSONValue = ["a": [1, "é😀"]]
        let documents: [[UInt8]] = [
            [0xEF, 0xBB, 0xBF] + Array(text.utf8),
            [0xFF, 0xFE] + bytes(of: text, in: .utf16LittleEndian), bytes(of: text, in: .utf16LittleEndian),
            [0xFE, 0xFF] + bytes(of: text, in: .utf16BigEndian), bytes(of: text, in: .utf16BigEndian),
            [0x00, 0x00, 0xFE, 0xFF] + bytes(of: text, in: .utf32BigEndian), bytes(of: text, in: .utf32BigEndian),
            bytes(of: text, in: .utf32LittleEndian),
        ]
        for document in documents {
            #expect(try JSONValue(parsing: Data(document)) == expected)
            #expect(try foundationDecoded(document) == expected)
        }
        #expect(try JSONValue(parsing: Data([0x31, 0x00])) == 1)
    }

    // MARK: Rejecting

    @Test(arguments: [
        ("", 0, .unexpectedEnd), (" ", 1, .unexpectedEnd), ("[1,2", 4, .unexpectedEnd), (#"{"a":"#, 5, .unexpectedEnd),
        ("[1 2]", 3, .expectedCommaOrBracket), (#"{"a" 1}"#, 5, .expectedColon), (#"{"a":1 "b":2}"#, 7, .expectedCommaOrBrace),
        ("{1:2}", 1, .expectedKey), ("[,]", 1, .expectedValue), ("[1,,]", 3, .expectedValue), ("{,}", 1, .expectedKey),
        ("1 2", 2, .trailingContent), ("[] x", 3, .trailingContent), ("[1]]", 3, .trailingContent), ("0x10", 1, .trailingContent),
        ("tru", 3, .unexpectedEnd), ("trux", 0, .invalidLiteral), ("nul", 3, .unexpectedEnd), ("TRUE", 0, .expectedValue),
        ("NaN", 0, .expectedValue), ("Infinity", 0, .expectedValue), ("-Infinity", 1, .invalidNumber), ("'a'", 0, .expectedValue),
        ("/*c*/1", 0, .expectedValue), ("\u{0B}1", 0, .expectedValue), ("\u{FEFF}\u{FEFF}1", 3, .expectedValue),
        ("01", 1, .invalidNumber), ("-01", 2, .invalidNumber), ("-", 1, .unexpectedEnd), ("-a", 1, .invalidNumber), ("+1", 0, .expectedValue),
        (".5", 0, .expectedValue), ("1.", 2, .unexpectedEnd), ("1.e5", 2, .invalidNumber), ("1e", 2, .unexpectedEnd),
        ("1e+", 3, .unexpectedEnd), ("1e400", 0, .numberOutOfRange), ("[-1e400]", 1, .numberOutOfRange),
        ("\"abc", 4, .unexpectedEnd), ("\"a\tb\"", 2, .controlCharacterInString), ("\"\u{0}\"", 1, .controlCharacterInString),
        (#""\x""#, 1, .invalidEscape), (#""\U0041""#, 1, .invalidEscape), (#""\u12""#, 1, .invalidEscape),
        (#""\u004G""#, 1, .invalidEscape), (#""\u00"#, 5, .unexpectedEnd), (#""\ud800""#, 1, .unpairedSurrogate),
        (#""\udc00""#, 1, .unpairedSurrogate), (#""a\ud800\u0041""#, 2, .unpairedSurrogate), (#""\ud800x""#, 1, .unpairedSurrogate),
        (#""\ud800\n""#, 1, .unpairedSurrogate), (#""\udc00\ud800""#, 1, .unpairedSurrogate),
    ] as [(String, Int, JSONParseError.Reason)])
    func rejectsInvalidDocuments(text: String, offset: Int, reason: JSONParseError.Reason) throws {
        #expect(throws: JSONParseError(offset: offset, reason: reason)) { try json(text) }
        #expect(throws: (any Error).self) { try foundationDecoded(text) }
    }

    @Test(arguments: [
        ([0x22, 0xFF, 0x22], 1), ([0x22, 0x61, 0xC0, 0xAF, 0x22], 2), ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),
        ([0x22, 0xE2, 0x82, 0x22], 1), ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1), ([0x22, 0x5C, 0x6E, 0xC3, 0x22], 3),
        ([0x7B, 0x22, 0xC3, 0x22, 0x3A, 0x31, 0x7D], 2), ([0x5B, 0x22, 0xC3, 0xA9, 0x80, 0x22, 0x5D], 4),
    ] as [([UInt8], Int)])
    func rejectsInvalidUTF8(document: [UInt8], offset: Int) throws {
        #expect(throws: JSONParseError(offset: offset, reason: .invalidUTF8)) { try JSONValue(parsing: Data(document)) }
        #expect(throws: (any Error).self) { try foundationDecoded(document) }
    }

    @Test func limitsNestingTo512Levels() throws {
        #expect(try json(String(repeating: "[", count: 512) + String(repeating: "]", count: 512)).arrayValue?.count == 1)
        #expect(try json(String(repeating: #"{"a":"#, count: 512) + "1" + String(repeating: "}", count: 512))["a"] != nil)
        let tooDeep = JSONParseError(offset: 512, reason: .tooDeeplyNested)
        #expect(throws: tooDeep) { try json(String(repeating: "[", count: 513) + String(repeating: "]", count: 513)) }
        #expect(throws: tooDeep) { try json(String(repeating: "[", count: 100_000)) }
        #expect(throws: JSONParseError(offset: 512 * 5, reason: .tooDeeplyNested)) { try json(String(repeating: #"{"a":"#, count: 100_000)) }
    }

    @Test func describesErrorsWithTheirOffset() {
        #expect(JSONParseError(offset: 3, reason: .invalidEscape).description == "invalid escape sequence at byte 3")
    }

    // MARK: Writing

    @Test func escapesStringsAsJSONEncoderDid() throws {
        var text = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
        text += "\u{7F}\"\\/é😀\u{2028}\u{FEFF}e\u{301}"
        let expected = #"""
            "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\#u{7F}\"\\/é😀\#u{2028}\#u{FEFF}e\#u{301}"
            """#
        #expect(String(decoding: JSONValue.string(text).encoded(), as: UTF8.self) == expected)
        #expect(JSONValue.string(text).encoded() == (try foundationEncoded(.string(text))))
        #expect(try JSONValue(parsing: JSONValue.string(text).encoded()) == .string(text))
    }

    /// `.sortedKeys` order on Linux: by UTF-8 bytes, so no case folding, no numeric ordering, and no Unicode normalisation.
    @Test func sortsKeysAsJSONEncoderDid() throws {
        let keys = ["a", "B", "_", "é", "a1", "a10", "a2", "", "Z", "z", "ä", "~", "1", " ", "aa", "A", "\u{7F}", "\u{E000}", "ａ", "\u{10000}", "e\u{301}x", "éa"]
        let value = JSONValue.object(Dictionary(uniqueKeysWithValues: keys.map { ($0, JSONValue.integer(1)) }))
        let order = #"{"":1," ":1,"1":1,"A":1,"B":1,"Z":1,"_":1,"a":1,"a1":1,"a10":1,"a2":1,"aa":1,"e\#u{301}x":1,"z":1,"~":1,"\#u{7F}":1,"ä":1,"é":1,"éa":1,"\#u{E000}":1,"ａ":1,"\#u{10000}":1}"#
        #expect(String(decoding: value.encoded(), as: UTF8.self) == order)
        #expect(value.encoded() == (try foundationEncoded(value)))
    }

    @Test func writesIntegersAsJSONEncoderDid() throws {
        for integer in [0, 7, -5, 10, 1_000_000, .max, .min] {
            #expect(JSONValue.integer(integer).encoded() == (try foundationEncoded(.integer(integer))))
        }
    }

    /// Doubles are written as Swift's shortest round-tripping description without a trailing `.0`.
    @Test(arguments: [
        (1.5, "1.5"), (1.0, "1"), (-0.0, "-0"), (0.0, "0"), (100.0, "100"), (0.1, "0.1"), (0.30000000000000004, "0.30000000000000004"),
        (1e15, "1000000000000000"), (1e16, "1e+16"), (1e20, "1e+20"), (1e-4, "0.0001"), (1e-5, "1e-05"), (.leastNonzeroMagnitude, "5e-324"),
        (.greatestFiniteMagnitude, "1.7976931348623157e+308"), (-1e-100, "-1e-100"), (123.456, "123.456"), (12_345_678_901_234_567_890.0, "1.2345678901234567e+19"),
    ])
    func writesDoublesAsJSONEncoderDid(number: Double, expected: String) throws {
        #expect(String(decoding: JSONValue.number(number).encoded(), as: UTF8.self) == expected)
        #expect(JSONValue.number(number).encoded() == (try foundationEncoded(.number(number))))
    }

    @Test func writesRandomDoublesAsJSONEncoderDid() throws {
        var generator = SeededGenerator(seed: 754)
        for _ in 0..<500 {
            let number = generator.finiteDouble()
            #expect(JSONValue.number(number).encoded() == (try foundationEncoded(.number(number))), "\(number)")
        }
    }

    /// `JSONEncoder` failed on these, which made the whole document `null`; now only the number is.
    @Test func writesNonFiniteNumbersAsNull() {
        let value: JSONValue = ["a": [.number(.nan), .number(.infinity), .number(-.infinity), 1]]
        #expect(String(decoding: value.encoded(), as: UTF8.self) == #"{"a":[null,null,null,1]}"#)
        #expect(throws: (any Error).self) { try foundationEncoded(value) }
    }

    @Test func writesNestingJSONEncoderRefused() {
        var value: JSONValue = 1
        for _ in 0..<600 { value = .array([value]) }
        #expect(String(decoding: value.encoded(), as: UTF8.self) == String(repeating: "[", count: 600) + "1" + String(repeating: "]", count: 600))
    }

    // MARK: Corpus

    /// Every Pipedrive tool schema reads to the value `JSONDecoder` gave and writes to the bytes `JSONEncoder` gave.
    @Test func matchesFoundationOnEverySchema() throws {
        let directory = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "schemas/pipedrive")
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil).filter { $0.pathExtension == "json" }
        #expect(files.count > 250)
        for file in files {
            let data = try Data(contentsOf: file)
            let value = try JSONValue(parsing: data)
            #expect(try value == foundationDecoded(data), "\(file.lastPathComponent)")
            #expect(try value.encoded() == foundationEncoded(value), "\(file.lastPathComponent)")
        }
    }

    // MARK: Helpers

    private func foundationDecoded(_ text: String) throws -> JSONValue {
        try foundationDecoded(Data(text.utf8))
    }

    private func foundationDecoded(_ bytes: [UInt8]) throws -> JSONValue {
        try foundationDecoded(Data(bytes))
    }

    private func foundationDecoded(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    private func foundationEncoded(_ value: JSONValue) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    private func bytes(of text: String, in encoding: String.Encoding) -> [UInt8] {
        Array(text.data(using: encoding) ?? Data())
    }
}

/// SplitMix64, so that the random cases are the same on every run.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A valid JSON number, often near 2^53 or 2^63, with up to 40 fraction digits and an exponent.
    mutating func numberLiteral() -> String {
        var literal = pick(["", "-"])
        let lead = pick(["9007199254740", "922337203685477", "4611686018427387", "1", "0", "123"])
        literal += lead == "0" ? lead : lead + digits(Int.random(in: 0...8, using: &self))
        if Bool.random(using: &self) { literal += "." + digits(Int.random(in: 1...40, using: &self)) }
        if Bool.random(using: &self) { literal += pick(["e", "E"]) + pick(["", "+", "-"]) + String(Int.random(in: 0...30, using: &self)) }
        return literal
    }

    /// A finite double from anywhere in the range, from short decimals, or from whole numbers.
    mutating func finiteDouble() -> Double {
        switch Int.random(in: 0..<3, using: &self) {
        case 0:
            let number = Double(bitPattern: next())
            return number.isFinite ? number : 0.5
        case 1: return Double(Int.random(in: -1_000_000...1_000_000, using: &self)) / pick([1, 10, 100, 1000, 3])
        default: return Double(Int.random(in: .min ... .max, using: &self))
        }
    }

    private mutating func pick<Element>(_ choices: [Element]) -> Element {
        choices[Int.random(in: 0..<choices.count, using: &self)]
    }

    private mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &self))) })
    }
}
