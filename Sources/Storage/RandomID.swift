import Foundation

/// Random identifiers and tokens from the system CSPRNG, safe to put in URLs.
public enum RandomID {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    /// `prefix` followed by 16 characters from `[a-z0-9]`: 16 × log2(36) ≈ 82.7 random bits.
    /// - Parameter prefix: what the ID names, such as `ac_` or `ca_`.
    public static func make(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return prefix + String(characters)
    }

    /// `bytes` random bytes in URL-safe base64 without padding, for OAuth states, link tokens and
    /// CSRF tokens.
    /// - Parameter bytes: how many random bytes; 32 (256 bits, 43 characters) by default.
    public static func token(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
