import Crypto
public import Foundation

/// Signs and checks Toolport's file URLs: HMAC-SHA256 over the method, the key and the expiry, under a key derived
/// from the master key (so every replica signs alike and nothing more needs storing).
///
/// ```swift
/// let signer = FileURLSigner(keyData: box.derivedKey(purpose: FileURLSigner.keyPurpose))
/// let query = signer.query(for: FileGrant(key: .random(.upload), lifetime: .seconds(900), now: Date()))
/// ```
public struct FileURLSigner: Sendable {
    /// The purpose the signing key is derived for.
    public static let keyPurpose = "toolport file URLs v1"

    /// The key's bytes (`SymmetricKey` is not `Sendable`); never logged or answered.
    private let keyData: Data

    public init(keyData: Data) {
        self.keyData = keyData
    }

    /// `expires=<seconds>&signature=<base64url>`: the query of the URL that carries `grant`.
    public func query(for grant: FileGrant) -> String {
        "expires=\(grant.expires)&signature=\(Self.base64URL(signature(method: grant.method, key: grant.key, expires: grant.expires)))"
    }

    /// The file a `method` request to `/files/<kind>/<id>` with the query values `expires` and `signature` may use at
    /// `now`, or why it may not. Checked in this order: the URL's shape, the method, the signature, the expiry; so
    /// only a genuine URL learns that it expired.
    public func check(method: String, kind: String, id: String, expires: String?, signature: String?, now: Date) -> Result<FileKey, FileURLRefusal> {
        guard let kind = FileKey.Kind(rawValue: kind), let key = FileKey(kind: kind, id: id) else {
            return .failure(.malformed("the path is not a Toolport file (/files/uploads/<32 hex digits> or /files/downloads/<32 hex digits>)"))
        }
        guard let expires, let seconds = Int(expires), seconds > 0 else { return .failure(.malformed("expires must be a time in whole seconds")) }
        guard let signature, let mac = Self.data(base64URL: signature) else { return .failure(.malformed("signature is missing or not base64url")) }
        let allowed = FileGrant.method(for: kind)
        guard method.uppercased() == allowed else { return .failure(.wrongMethod(allowed: allowed)) }
        let message = Self.message(method: allowed, key: key, expires: seconds)
        guard HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message, using: SymmetricKey(data: keyData)) else {
            return .failure(.forged)
        }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(seconds))
        guard now < expiresAt else { return .failure(.expired(at: expiresAt)) }
        return .success(key)
    }

    private func signature(method: String, key: FileKey, expires: Int) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Self.message(method: method, key: key, expires: expires), using: SymmetricKey(data: keyData)))
    }

    /// What is signed: one line each for the method, the key and the expiry.
    private static func message(method: String, key: FileKey, expires: Int) -> Data {
        Data("\(method)\n\(key)\n\(expires)".utf8)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: String) -> Data? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "=") }) else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.utf8.count % 4) % 4)
        return Data(base64Encoded: standard)
    }
}
