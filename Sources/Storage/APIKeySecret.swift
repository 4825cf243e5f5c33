import Crypto
import Foundation

/// API key values: generated from the system CSPRNG, stored only as SHA-256 hashes.
public enum APIKeySecret {
    /// A new key: `tp_` followed by 32 random bytes in URL-safe base64 (256 bits).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "tp_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The lowercase hex SHA-256 of `key`: what the database keeps.
    /// Runs on every authenticated request, so it avoids `String(format:)` (a Foundation round trip per byte).
    public static func hash(_ key: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(2 * SHA256.byteCount)
        for byte in SHA256.hash(data: Array(key.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The last four characters, for telling keys apart in listings without revealing them.
    public static func hint(_ key: String) -> String {
        "…" + String(key.suffix(4))
    }
}
