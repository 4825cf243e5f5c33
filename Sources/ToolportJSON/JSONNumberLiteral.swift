/// The value `JSONDecoder` gave a `JSONValue` for a number literal that is not a plain `Int`:
/// one with a fraction or an exponent, or an integer beyond `Int`.
///
/// `JSONDecoder` tried `Int` before `Double`. It read the literal as a `Double` and took a whole `Double`
/// below 2^53 as the integer (so `1.0`, `1e2` and `1e-400` are integers). From 2^53 on it read the literal
/// again as a Foundation `Decimal` and cut off the fraction (so `9007199254740993.5` is `9007199254740993`).
/// Anything else is `.number`.
enum JSONNumberLiteral {
    /// The value of a valid JSON number literal; `nil` when it overflows `Double`.
    static func value(of literal: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        guard let double = Double(String(decoding: literal, as: UTF8.self)), double.isFinite else { return nil }
        guard let integer = Int(exactly: double) else { return .number(double) }
        if double.magnitude < 0x1p53 { return .integer(integer) }
        return truncatedDecimal(literal).map(JSONValue.integer) ?? .number(double)
    }

    /// The literal read like Foundation's `Decimal` parser (a 128-bit mantissa that drops the digits past it,
    /// an `Int8` exponent, trailing zeros removed), with its fraction cut off; `nil` when that is no `Int`.
    private static func truncatedDecimal(_ literal: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let isNegative = literal[index] == UInt8(ascii: "-")
        if isNegative { index += 1 }
        var mantissa: UInt128 = 0
        var exponent = 0
        var isMantissaFull = false
        while index < literal.count, let digit = digitValue(literal[index]) {
            index += 1
            if isMantissaFull || !append(digit, to: &mantissa) {
                isMantissaFull = true
                guard exponent < Int8.max else { return nil }
                exponent += 1
            }
        }
        if index < literal.count, literal[index] == UInt8(ascii: ".") {
            index += 1
            while index < literal.count, let digit = digitValue(literal[index]) {
                index += 1
                guard !isMantissaFull else { continue }
                guard append(digit, to: &mantissa) else {
                    isMantissaFull = true
                    continue
                }
                guard exponent > Int8.min else { return nil }
                exponent -= 1
            }
        }
        if index < literal.count {
            index += 1
            let isExponentNegative = literal[index] == UInt8(ascii: "-")
            if isExponentNegative || literal[index] == UInt8(ascii: "+") { index += 1 }
            var written = 0
            while index < literal.count, let digit = digitValue(literal[index]) {
                index += 1
                written = written * 10 + Int(digit)
                guard written <= 2 * Int(Int8.max) else { return nil }
            }
            exponent += isExponentNegative ? -written : written
            guard Int(Int8.min)...Int(Int8.max) ~= exponent else { return nil }
        }
        while mantissa != 0, mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        guard var magnitude = UInt64(exactly: mantissa) else { return nil }
        for _ in 0..<max(-exponent, 0) { magnitude /= 10 }
        for _ in 0..<max(exponent, 0) {
            let (product, overflowed) = magnitude.multipliedReportingOverflow(by: 10)
            guard !overflowed else { return nil }
            magnitude = product
        }
        guard let integer = Int(exactly: magnitude) else { return nil }
        return isNegative ? -integer : integer
    }

    /// Appends a decimal digit to `mantissa`, leaving it unchanged when it would overflow.
    private static func append(_ digit: UInt8, to mantissa: inout UInt128) -> Bool {
        let (product, productOverflowed) = mantissa.multipliedReportingOverflow(by: 10)
        let (sum, sumOverflowed) = product.addingReportingOverflow(UInt128(digit))
        guard !productOverflowed, !sumOverflowed else { return false }
        mantissa = sum
        return true
    }

    private static func digitValue(_ byte: UInt8) -> UInt8? {
        let digit = byte &- UInt8(ascii: "0")
        return digit < 10 ? digit : nil
    }
}
