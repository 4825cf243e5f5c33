import Crypto
import Foundation

/// One signed-in admin: who signed in (the stored key's id, or nil for `TOOLPORT_API_KEY`), a random id, and when
/// the session ends. The console keeps no session state: the cookie carries these, signed.
struct AdminSession: Sendable, Equatable {
    /// Random, 128 bits in hex: what the CSRF token is bound to.
    var id: String
    /// The admin key that signed in; nil for the bootstrap key. The session ends when that key is revoked.
    var keyID: String?
    var expiresAt: Date
}

/// Signs and reads admin session cookies (HMAC-SHA256 under a key derived from the master key), and makes and
/// checks the CSRF token bound to each session. Pure: the time is passed in.
///
/// The cookie value is `<id>.<key id or "-">.<expiry, seconds since 1970>.<signature, base64url>`.
struct AdminSessionSigner: Sendable {
    /// The purpose the signing key is derived for (`SecretBox.derivedKey(purpose:)`).
    static let keyPurpose = "toolport-admin-console-session-v1"
    /// The cookie's name.
    static let cookieName = "toolport_admin"
    /// How long a session lasts after sign-in.
    static let defaultLifetime: TimeInterval = 8 * 3600

    private let keyData: Data
    let lifetime: TimeInterval

    init(keyData: Data, lifetime: TimeInterval = Self.defaultLifetime) {
        self.keyData = keyData
        self.lifetime = lifetime
    }

    /// Why a cookie was not accepted.
    enum Refusal: Error, Equatable {
        case malformed
        case badSignature
        case expired
    }

    /// A new session for `keyID`, ending `lifetime` after `now`.
    func issue(keyID: String?, now: Date, id: String = Self.randomID()) -> AdminSession {
        AdminSession(id: id, keyID: keyID, expiresAt: Date(timeIntervalSince1970: (now.timeIntervalSince1970 + lifetime).rounded(.down)))
    }

    /// The cookie value that carries `session`.
    func cookieValue(_ session: AdminSession) -> String {
        let payload = Self.payload(session)
        return payload + "." + Self.base64URL(mac("session." + payload))
    }

    /// The session `value` carries, if it is well-formed, signed with this key and not expired at `now`.
    func session(fromCookie value: String, now: Date) -> Result<AdminSession, Refusal> {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0].count == 32, parts[0].allSatisfy(\.isHexDigit), !parts[1].isEmpty,
            let seconds = Int64(parts[2]), let signature = Self.data(base64URL: parts[3])
        else { return .failure(.malformed) }
        let payload = parts[0...2].joined(separator: ".")
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data(("session." + payload).utf8), using: SymmetricKey(data: keyData))
        else { return .failure(.badSignature) }
        let session = AdminSession(id: parts[0], keyID: parts[1] == "-" ? nil : parts[1], expiresAt: Date(timeIntervalSince1970: Double(seconds)))
        guard now < session.expiresAt else { return .failure(.expired) }
        return .success(session)
    }

    /// The CSRF token of `session`: what every console form carries in its hidden `csrf_token` field.
    func csrfToken(for session: AdminSession) -> String {
        Self.base64URL(mac("csrf." + session.id))
    }

    /// Whether `token` is `session`'s CSRF token, compared in constant time.
    func checkCSRF(_ token: String, for session: AdminSession) -> Bool {
        guard let given = Self.data(base64URL: token) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: Data(("csrf." + session.id).utf8), using: SymmetricKey(data: keyData))
    }

    private func mac(_ text: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: keyData)))
    }

    private static func payload(_ session: AdminSession) -> String {
        "\(session.id).\(session.keyID ?? "-").\(Int64(session.expiresAt.timeIntervalSince1970))"
    }

    static func randomID() -> String {
        SymmetricKey(size: .bits128).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: String) -> Data? {
        guard !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), text.allSatisfy(\.isASCII) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}

/// The `Set-Cookie` values of the admin session: HttpOnly, SameSite=Strict, scoped to `/admin`, Secure when the
/// console is served over https.
enum AdminCookie {
    static func setting(_ value: String, maxAge: TimeInterval, secure: Bool) -> String {
        "\(AdminSessionSigner.cookieName)=\(value); Path=/admin; Max-Age=\(Int(maxAge)); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// Ends the session in the browser.
    static func clearing(secure: Bool) -> String {
        setting("", maxAge: 0, secure: secure)
    }

    /// The value of the cookie `name` in a `Cookie` request header, if present.
    static func value(named name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
