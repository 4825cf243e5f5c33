public import Foundation

/// What a signed file URL lets anyone who holds it do, without an API key: PUT the bytes of one upload, or GET
/// one download, until `expiresAt`.
public struct FileGrant: Sendable, Equatable {
    public let key: FileKey
    /// Whole seconds since 1970: what the URL carries.
    public let expires: Int

    public init(key: FileKey, expires: Int) {
        self.key = key
        self.expires = expires
    }

    /// A grant for `key` that lasts `lifetime` from `now`.
    public init(key: FileKey, lifetime: Duration, now: Date) {
        self.init(key: key, expires: Int(now.timeIntervalSince1970.rounded(.down)) + Int(lifetime.components.seconds))
    }

    /// The one method the grant allows: an upload is written once with PUT, a download is read with GET.
    public var method: String { Self.method(for: key.kind) }

    public var expiresAt: Date { Date(timeIntervalSince1970: TimeInterval(expires)) }

    static func method(for kind: FileKey.Kind) -> String {
        switch kind {
        case .upload: "PUT"
        case .download: "GET"
        }
    }
}

/// Why a request to a signed file URL may not go ahead (see ``FileURLSigner/check(method:kind:id:expires:signature:now:)``).
public enum FileURLRefusal: Error, Sendable, Equatable {
    /// The URL is not one Toolport makes (a bad key, a missing or non-numeric `expires`, no `signature`).
    case malformed(String)
    /// The method is not the one the key's kind allows (GET of an upload, PUT of a download).
    case wrongMethod(allowed: String)
    /// The signature does not match: the URL was altered or not made by this deployment.
    case forged
    /// A genuine URL whose time is up.
    case expired(at: Date)
}
