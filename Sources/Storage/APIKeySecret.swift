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
    public static func hash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The last four characters, for telling keys apart in listings without revealing them.
    public static func hint(_ key: String) -> String {
        "…" + String(key.suffix(4))
    }
}
