import Foundation
import Testing
import ToolportJSON

/// RFC 8259, rule by rule: for each, documents that must be read and documents that must be refused.
/// Written for Toolport from the RFC's grammar (not taken from another project's corpus).
struct JSONConformanceTests {
    /// One rule of the RFC with what it allows and what it forbids.
    struct Rule: CustomTestStringConvertible, Sendable {
        let section: String
        let accepted: [String]
        let refused: [String]
        var testDescription: String { section }
    }

    static let rules: [Rule] = [
        Rule(section: "2. a JSON text is one value, any kind, with insignificant whitespace around it",
             accepted: ["1", "\"a\"", "null", "true", "false", "[]", "{}", " \t\n\r1 \t\n\r"],
             refused: ["", " ", "1 2", "[] []", "{}x", "\"a\"\"b\""]),
        Rule(section: "2. whitespace is only space, tab, line feed and carriage return",
             accepted: ["[ 1 ,\t2 ,\n3 ,\r4 ]", "{ \"a\" : 1 }"],
             refused: ["\u{0B}1", "\u{0C}1", "[1,\u{A0}2]", "[1\u{2028}]", "\u{FEFF}\u{FEFF}1"]),
        Rule(section: "3. literal names are lower case: true, false, null",
             accepted: ["[true,false,null]"],
             refused: ["True", "FALSE", "Null", "nul", "tru", "nulll", "undefined", "NaN"]),
        Rule(section: "4. an object holds zero or more string-keyed members separated by commas",
             accepted: ["{\"a\":1}", "{\"a\":1,\"b\":[2]}", "{\"\":0}", "{\"a\":{\"b\":{}}}"],
             refused: ["{a:1}", "{'a':1}", "{1:1}", "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{,}", "{\"a\":1,}",
                       "{\"a\":1,,\"b\":2}", "{\"a\":1", "{\"a\":1]"]),
        Rule(section: "5. an array holds zero or more values separated by commas",
             accepted: ["[]", "[1]", "[1,\"a\",[],{}]", "[[[]]]"],
             refused: ["[", "[1", "[1 2]", "[,1]", "[1,]", "[1,,2]", "[,]", "[1}", "]"]),
        Rule(section: "6. numbers: optional minus, no leading zeros, fraction and exponent need digits",
             accepted: ["0", "-0", "10", "-12.5", "0.5", "1e5", "1E5", "1e+5", "1e-5", "1.5e10", "-0.0e0"],
             refused: ["+1", "01", "-01", "00", ".5", "5.", "1.e5", "1e", "1e+", "-", "0x1F", "1_000", "Infinity", "-Infinity", "1..2", "--1"]),
        Rule(section: "7. strings: quoted, the two-character escapes and \\u with four hex digits",
             accepted: [#""""#, #""abc""#, #""\"\\\/\b\f\n\r\t""#, #""\u00e9\u00E9""#, #""\ud83d\ude00""#, "\"é😀\""],
             refused: ["'a'", "\"a", #""\a""#, #""\x41""#, #""\u12""#, #""\u12G4""#, #""\U0041""#, "\"a\u{0}b\"", "\"tab\there\"",
                       "\"line\nbreak\""]),
        Rule(section: "7. escaped UTF-16 surrogates come in pairs",
             accepted: [#""\uD834\uDD1E""#],
             refused: [#""\uD834""#, #""\uDD1E""#, #""\uDD1E\uD834""#, #""\uD834x""#]),
    ]

    @Test(arguments: rules)
    func followsTheRule(_ rule: Rule) {
        for text in rule.accepted {
            #expect(throws: Never.self, "\(text.debugDescription) must be read") { try JSONValue(parsing: Data(text.utf8)) }
        }
        for text in rule.refused {
            #expect(throws: JSONParseError.self, "\(text.debugDescription) must be refused") { try JSONValue(parsing: Data(text.utf8)) }
        }
    }

    @Test func refusesIllFormedUTF8() {
        for bytes: [UInt8] in [[0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x22], [0x22, 0xC0, 0x80, 0x22]] {
            #expect(throws: JSONParseError.self) { try JSONValue(parsing: Data(bytes)) }
        }
    }
}
