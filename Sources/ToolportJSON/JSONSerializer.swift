/// Writes a `JSONValue` as compact UTF-8 JSON, byte for byte as `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` wrote it, except where `JSONEncoder` failed and the whole document became `null`:
/// here a non-finite number is written as `null` in its place, and nesting is not limited to 511 levels.
struct JSONSerializer {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .integer(let integer): writeInteger(integer)
        case .number(let number): writeNumber(number)
        case .string(let string): writeString(string)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in members.sorted(by: { Self.utf8Precedes($0.key, $1.key) }).enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(member.key)
                bytes.append(UInt8(ascii: ":"))
                write(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// `JSONEncoder`'s `.sortedKeys` order on Linux: lexicographic by UTF-8 bytes, compared in place when both are contiguous.
    private static func utf8Precedes(_ first: String, _ second: String) -> Bool {
        let inPlace = first.utf8.withContiguousStorageIfAvailable { first in
            second.utf8.withContiguousStorageIfAvailable { first.lexicographicallyPrecedes($0) }
        }
        return inPlace.flatMap { $0 } ?? first.utf8.lexicographicallyPrecedes(second.utf8)
    }

    private mutating func writeInteger(_ integer: Int) {
        if integer < 0 { bytes.append(UInt8(ascii: "-")) }
        let firstDigit = bytes.count
        var magnitude = integer.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[firstDigit...].reverse()
    }

    /// Swift's shortest round-tripping `description` without a trailing `.0` (`1`, `0.1`, `1e+20`, `-0`), as `JSONEncoder` writes it.
    private mutating func writeNumber(_ number: Double) {
        guard number.isFinite else { return append("null") }
        let text = number.description
        bytes.append(contentsOf: text.utf8.dropLast(text.hasSuffix(".0") ? 2 : 0))
    }

    /// Escapes `"`, `\` and control characters (`\b \f \n \r \t`, others as lowercase `\u00xx`); everything else is copied as UTF-8.
    private mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var segmentStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[segmentStart..<index]))
                writeEscape(for: byte)
                segmentStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[segmentStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func writeEscape(for byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        case 0x0A: append("\\n")
        case 0x0D: append("\\r")
        case 0x09: append("\\t")
        default:
            append("\\u00")
            bytes.append(Self.hexDigit(byte >> 4))
            bytes.append(Self.hexDigit(byte & 0x0F))
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
