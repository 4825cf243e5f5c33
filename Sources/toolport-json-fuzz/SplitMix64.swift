import Foundation
import ToolportJSON

/// A small seeded generator (SplitMix64) with the makers of the fuzzer's inputs.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A random JSON value: scalars of every kind, with strings that need escapes and numbers at the edges.
    mutating func value(depth: Int) -> JSONValue {
        switch below(depth > 4 ? 6 : 9) {
        case 0: return .null
        case 1: return .bool(below(2) == 0)
        case 2: return .integer([0, 1, -1, Int.max, Int.min, Int(truncatingIfNeeded: next()), below(1000)][below(7)])
        case 3:
            let number = [0.5, -2.25, 1e300, -1e-300, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 1.5e19, Double(bitPattern: next() & 0x7FEF_FFFF_FFFF_FFFF)][below(8)]
            return number.rounded() == number && abs(number) < 9e18 ? .integer(Int(number)) : .number(number)
        case 4, 5: return .string(string())
        case 6: return .array((0..<below(5)).map { _ in value(depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<below(5) { members[string()] = value(depth: depth + 1) }
            return .object(members)
        }
    }

    mutating func string() -> String {
        let pieces = ["a", "key", "é", "😀", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}", "𝄞", " ", "id"]
        return (0..<below(6)).map { _ in pieces[below(pieces.count)] }.joined()
    }

    /// `value` as JSON text with random whitespace, escapes and number spellings.
    mutating func rendered(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        render(value, into: &out)
        return out
    }

    private mutating func space(_ out: inout [UInt8]) {
        let spaces: [UInt8] = [0x20, 0x09, 0x0A, 0x0D]
        for _ in 0..<(below(4) == 0 ? below(3) : 0) { out.append(spaces[below(spaces.count)]) }
    }

    private mutating func render(_ value: JSONValue, into out: inout [UInt8]) {
        space(&out)
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
        case .integer(let integer):
            out += Array((below(5) == 0 && integer >= 0 && integer < 1000 ? "\(integer).0e0" : "\(integer)").utf8)
        case .number: out += Array(value.encoded())
        case .string(let string):
            out.append(UInt8(ascii: "\""))
            for scalar in string.unicodeScalars {
                if below(4) == 0, scalar.value < 0x10000 {
                    out += Array(String(format: "\\u%04x", scalar.value).utf8)
                } else {
                    out += Array(JSONValue.string(String(scalar)).encoded().dropFirst().dropLast())
                }
            }
            out.append(UInt8(ascii: "\""))
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                render(element, into: &out)
            }
            space(&out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, (key, member)) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                render(.string(key), into: &out)
                space(&out)
                out.append(UInt8(ascii: ":"))
                render(member, into: &out)
            }
            space(&out)
            out.append(UInt8(ascii: "}"))
        }
        space(&out)
    }

    static let alphabet = Array(#"{}[],:"\-+.0123456789eEtrufalsnu \#t\#n"#.utf8) + [0x00, 0x7F, 0xC3, 0xA9, 0xFF, 0xED, 0xA0, 0x80]

    /// `document` with one to four random edits: deletions, insertions, replacements, a copied slice, a cut.
    mutating func mutated(_ document: [UInt8]) -> [UInt8] {
        var bytes = document
        for _ in 0..<(1 + below(4)) {
            let at = bytes.isEmpty ? 0 : below(bytes.count + 1)
            switch below(6) {
            case 0 where !bytes.isEmpty && at < bytes.count: bytes.remove(at: at)
            case 1: bytes.insert(Self.alphabet[below(Self.alphabet.count)], at: at)
            case 2 where at < bytes.count: bytes[at] = Self.alphabet[below(Self.alphabet.count)]
            case 3 where at < bytes.count:
                let end = min(bytes.count, at + 1 + below(12))
                bytes.insert(contentsOf: Array(bytes[at..<end]), at: at)
            case 4: bytes = Array(bytes.prefix(at))
            default:
                if let closer = bytes.indices.filter({ bytes[$0] == UInt8(ascii: "]") || bytes[$0] == UInt8(ascii: "}") }).randomElement(using: &self) {
                    bytes.insert(UInt8(ascii: ","), at: closer)
                }
            }
        }
        return bytes
    }

    /// A number literal near the edges: long mantissas, integer limits, large and tiny exponents.
    mutating func numberLiteral() -> String {
        let sign = below(2) == 0 ? "" : "-"
        let digits = (0..<(1 + below(25))).map { _ in String(below(10)) }.joined()
        let whole = digits.drop { $0 == "0" }.isEmpty ? "0" : String(digits.drop { $0 == "0" })
        let fraction = below(2) == 0 ? "" : "." + (0..<(1 + below(20))).map { _ in String(below(10)) }.joined()
        let exponent = below(2) == 0 ? "" : "e" + ["", "+", "-"][below(3)] + String(below(330))
        return sign + whole + fraction + exponent
    }

    /// Arrays and objects nested 500 to 530 deep, around the 512 limit.
    mutating func deeplyNested() -> [UInt8] {
        let depth = 500 + below(31)
        let opener = below(2) == 0 ? "[" : #"{"a":"#
        let closer = opener == "[" ? "]" : "}"
        return Array((String(repeating: opener, count: depth) + "1" + String(repeating: closer, count: depth)).utf8)
    }

    /// Up to 24 bytes from JSON's alphabet and a few that are not.
    mutating func noise() -> [UInt8] {
        (0..<below(25)).map { _ in Self.alphabet[below(Self.alphabet.count)] }
    }
}
