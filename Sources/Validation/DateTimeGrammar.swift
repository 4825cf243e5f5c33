/// RFC 3339 `full-date` and `date-time` recognition, with real calendar dates (no February 30th).
enum DateTimeGrammar {
    /// Whether `text` is `YYYY-MM-DD` naming a day that exists.
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 10 && isDate(bytes, at: 0)
    }

    /// Whether `text` is `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
    static func isDateTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, isDate(bytes, at: 0), bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            let hour = number(bytes, at: 11, digits: 2), bytes[13] == UInt8(ascii: ":"),
            let minute = number(bytes, at: 14, digits: 2), bytes[16] == UInt8(ascii: ":"),
            let second = number(bytes, at: 17, digits: 2),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > digitsStart else { return false }
        }
        return isOffset(bytes[index...])
    }

    /// Whether the 10 bytes at `offset` are a real `YYYY-MM-DD` date.
    private static func isDate(_ bytes: [UInt8], at offset: Int) -> Bool {
        guard let year = number(bytes, at: offset, digits: 4), bytes[offset + 4] == UInt8(ascii: "-"),
            let month = number(bytes, at: offset + 5, digits: 2), bytes[offset + 7] == UInt8(ascii: "-"),
            let day = number(bytes, at: offset + 8, digits: 2), (1...12).contains(month)
        else { return false }
        return (1...daysIn(month: month, year: year)).contains(day)
    }

    /// Whether `bytes` is exactly a time offset: `Z` or `±HH:MM`.
    private static func isOffset(_ bytes: ArraySlice<UInt8>) -> Bool {
        let offset = Array(bytes)
        if offset == [UInt8(ascii: "Z")] || offset == [UInt8(ascii: "z")] { return true }
        guard offset.count == 6, offset[0] == UInt8(ascii: "+") || offset[0] == UInt8(ascii: "-"),
            let hours = number(offset, at: 1, digits: 2), offset[3] == UInt8(ascii: ":"),
            let minutes = number(offset, at: 4, digits: 2)
        else { return false }
        return hours <= 23 && minutes <= 59
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The decimal number written by `digits` ASCII digits at `offset`, or `nil` if any is not a digit.
    private static func number(_ bytes: [UInt8], at offset: Int, digits: Int) -> Int? {
        guard offset + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[offset..<offset + digits] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
