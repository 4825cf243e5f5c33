/// Recognition of the `uuid`, `email` and `uri` formats: strict enough to catch malformed values,
/// without claiming to be a full RFC parser.
enum AddressGrammar {
    /// Whether `text` is `8-4-4-4-12` hexadecimal digits (RFC 4122 layout, any case).
    static func isUUID(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 36 else { return false }
        for (index, scalar) in scalars.enumerated() {
            let isHyphenSlot = [8, 13, 18, 23].contains(index)
            guard isHyphenSlot ? scalar == "-" : scalar.properties.isASCIIHexDigit else { return false }
        }
        return true
    }

    /// Whether `text` is `local@domain` with a dot-atom local part and a dotted domain name.
    static func isEmail(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        let localSpecials: Set<Character> = ["(", ")", "<", ">", "[", "]", ":", ";", "@", "\\", ",", "\""]
        let localAtoms = local.split(separator: ".", omittingEmptySubsequences: false)
        guard local.count <= 64, localAtoms.allSatisfy({ !$0.isEmpty }),
            local.allSatisfy({ !$0.isWhitespace && !localSpecials.contains($0) && !isControl($0) })
        else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return domain.count <= 253 && labels.count >= 2 && labels.allSatisfy(isDomainLabel)
    }

    /// Whether `text` is an absolute RFC 3986 URI: `scheme:` followed by URI characters and valid `%XX` escapes.
    static func isURI(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let colon = scalars.firstIndex(of: ":"), colon > 0, scalars[0].properties.isAlphabetic,
            scalars[..<colon].allSatisfy({ isASCIILetterOrDigit($0) || "+-.".unicodeScalars.contains($0) })
        else { return false }
        let allowed = "-._~:/?#[]@!$&'()*+,;=".unicodeScalars
        var index = colon + 1
        while index < scalars.count {
            if scalars[index] == "%" {
                guard index + 2 < scalars.count, scalars[index + 1].properties.isASCIIHexDigit,
                    scalars[index + 2].properties.isASCIIHexDigit
                else { return false }
                index += 3
            } else {
                guard isASCIILetterOrDigit(scalars[index]) || allowed.contains(scalars[index]) else { return false }
                index += 1
            }
        }
        return true
    }

    /// A domain label: 1 to 63 letters, digits or inner hyphens.
    private static func isDomainLabel(_ label: Substring) -> Bool {
        (1...63).contains(label.count) && label.first != "-" && label.last != "-"
            && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
    }

    private static func isASCIILetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
    }

    private static func isControl(_ character: Character) -> Bool {
        character.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
