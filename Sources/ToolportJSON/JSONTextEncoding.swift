internal import Foundation

/// The Unicode encoding of a JSON text, detected from its first four bytes as `JSONDecoder` does (RFC 4627 §3):
/// UTF-8 unless a byte order mark or the pattern of zero bytes around the first ASCII characters says otherwise.
enum JSONTextEncoding {
    case utf8
    case transcoded(String.Encoding)

    /// Detects the encoding of `bytes`; `byteOrderMarkLength` is how many leading bytes are its mark.
    static func detect(in bytes: UnsafeBufferPointer<UInt8>) -> (encoding: Self, byteOrderMarkLength: Int) {
        let byte0 = bytes.count > 0 ? bytes[0] : nil
        let byte1 = bytes.count > 1 ? bytes[1] : nil
        let byte2 = bytes.count > 2 ? bytes[2] : nil
        let byte3 = bytes.count > 3 ? bytes[3] : nil
        switch (byte0, byte1, byte2, byte3) {
        case (0, 0, 0xFE, 0xFF): return (.transcoded(.utf32BigEndian), 4)
        // Sic: `JSONDecoder` takes FE FF 00 00 (not FF FE 00 00) for the UTF-32 little-endian mark.
        case (0xFE, 0xFF, 0, 0): return (.transcoded(.utf32LittleEndian), 4)
        case (0xFE, 0xFF, _, _): return (.transcoded(.utf16BigEndian), 2)
        case (0xFF, 0xFE, _, _): return (.transcoded(.utf16LittleEndian), 2)
        case (0xEF, 0xBB, 0xBF, _): return (.utf8, 3)
        case (0, 0, 0, let nonZero?) where nonZero != 0: return (.transcoded(.utf32BigEndian), 0)
        case (0, let nonZero1?, 0, let nonZero2?) where nonZero1 != 0 && nonZero2 != 0: return (.transcoded(.utf16BigEndian), 0)
        case (let nonZero?, 0, 0, 0) where nonZero != 0: return (.transcoded(.utf32LittleEndian), 0)
        case (let nonZero1?, 0, let nonZero2?, 0) where nonZero1 != 0 && nonZero2 != 0: return (.transcoded(.utf16LittleEndian), 0)
        case (0, let nonZero?, nil, nil) where nonZero != 0: return (.transcoded(.utf16BigEndian), 0)
        case (let nonZero?, 0, nil, nil) where nonZero != 0: return (.transcoded(.utf16LittleEndian), 0)
        default: return (.utf8, 0)
        }
    }
}

extension JSONParser {
    /// Parses a whole JSON text in any encoding `JSONTextEncoding` detects, skipping its byte order mark.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        let (encoding, byteOrderMarkLength) = JSONTextEncoding.detect(in: bytes)
        switch encoding {
        case .utf8:
            var parser = JSONParser(bytes: bytes, startingAt: byteOrderMarkLength)
            return try parser.parseDocument()
        case .transcoded(let sourceEncoding):
            guard var text = String(bytes: bytes[byteOrderMarkLength...], encoding: sourceEncoding) else {
                throw JSONParseError(offset: 0, reason: .undecodableText)
            }
            return try text.withUTF8 { utf8 in
                Result { () throws(JSONParseError) in
                    var parser = JSONParser(bytes: utf8, startingAt: 0)
                    return try parser.parseDocument()
                }
            }.get()
        }
    }
}
