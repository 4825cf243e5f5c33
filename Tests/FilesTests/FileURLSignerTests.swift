import Foundation
import Files
import Testing

/// The decision on a request to a signed file URL, one row per case: the shape, the method, the signature, then
/// the expiry, in that order.
struct FileURLSignerTests {
    static let signer = FileURLSigner(keyData: Data(repeating: 1, count: 32))
    static let otherSigner = FileURLSigner(keyData: Data(repeating: 2, count: 32))
    static let id = "0123456789abcdef0123456789abcdef"
    static let upload = FileKey(kind: .upload, id: id)!
    static let download = FileKey(kind: .download, id: id)!
    static let expires = 1_800_000_000
    static let now = Date(timeIntervalSince1970: TimeInterval(expires - 60))

    /// The query values of a URL `signer` made for `key`.
    static func query(_ key: FileKey, signer: FileURLSigner = signer, expires: Int = expires) -> (expires: String, signature: String) {
        let parts = Dictionary(
            uniqueKeysWithValues: signer.query(for: FileGrant(key: key, expires: expires)).split(separator: "&").map { pair in
                let halves = pair.split(separator: "=", maxSplits: 1)
                return (String(halves[0]), String(halves[1]))
            }
        )
        return (parts["expires"]!, parts["signature"]!)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var method: String
        var kind: String
        var id: String
        var expires: String?
        var signature: String?
        var now: Date
        var expected: Result<FileKey, FileURLRefusal>
        var testDescription: String { name }
    }

    static let rows: [Row] = {
        let genuineUpload = query(upload)
        let genuineDownload = query(download)
        let laterExpiry = query(upload, expires: expires + 3600)
        let foreign = query(upload, signer: otherSigner)
        let past = Date(timeIntervalSince1970: TimeInterval(expires))
        return [
            Row(name: "a genuine upload URL, PUT in time", method: "PUT", kind: "uploads", id: id, expires: genuineUpload.expires,
                signature: genuineUpload.signature, now: now, expected: .success(upload)),
            Row(name: "the method in any case", method: "put", kind: "uploads", id: id, expires: genuineUpload.expires,
                signature: genuineUpload.signature, now: now, expected: .success(upload)),
            Row(name: "a genuine download URL, GET in time", method: "GET", kind: "downloads", id: id, expires: genuineDownload.expires,
                signature: genuineDownload.signature, now: now, expected: .success(download)),
            Row(name: "the first second of expiry", method: "PUT", kind: "uploads", id: id, expires: genuineUpload.expires,
                signature: genuineUpload.signature, now: past, expected: .failure(.expired(at: past))),
            Row(name: "GET of an upload", method: "GET", kind: "uploads", id: id, expires: genuineUpload.expires,
                signature: genuineUpload.signature, now: now, expected: .failure(.wrongMethod(allowed: "PUT"))),
            Row(name: "PUT of a download", method: "PUT", kind: "downloads", id: id, expires: genuineDownload.expires,
                signature: genuineDownload.signature, now: now, expected: .failure(.wrongMethod(allowed: "GET"))),
            Row(name: "an upload's signature on the download of the same id", method: "GET", kind: "downloads", id: id,
                expires: genuineUpload.expires, signature: genuineUpload.signature, now: now, expected: .failure(.forged)),
            Row(name: "a longer expiry than signed", method: "PUT", kind: "uploads", id: id, expires: laterExpiry.expires,
                signature: genuineUpload.signature, now: now, expected: .failure(.forged)),
            Row(name: "another file's id", method: "PUT", kind: "uploads", id: "f" + id.dropFirst(), expires: genuineUpload.expires,
                signature: genuineUpload.signature, now: now, expected: .failure(.forged)),
            Row(name: "signed with another deployment's key", method: "PUT", kind: "uploads", id: id, expires: foreign.expires,
                signature: foreign.signature, now: now, expected: .failure(.forged)),
            Row(name: "a forged URL past its claimed expiry is forged, not expired", method: "PUT", kind: "uploads", id: id,
                expires: foreign.expires, signature: foreign.signature, now: past, expected: .failure(.forged)),
            Row(name: "a truncated signature", method: "PUT", kind: "uploads", id: id, expires: genuineUpload.expires,
                signature: String(genuineUpload.signature.dropLast(4)), now: now, expected: .failure(.forged)),
            Row(name: "no signature", method: "PUT", kind: "uploads", id: id, expires: genuineUpload.expires, signature: nil, now: now,
                expected: .failure(.malformed("signature is missing or not base64url"))),
            Row(name: "standard base64 instead of base64url", method: "PUT", kind: "uploads", id: id, expires: genuineUpload.expires,
                signature: "ab+/", now: now, expected: .failure(.malformed("signature is missing or not base64url"))),
            Row(name: "no expiry", method: "PUT", kind: "uploads", id: id, expires: nil, signature: genuineUpload.signature, now: now,
                expected: .failure(.malformed("expires must be a time in whole seconds"))),
            Row(name: "an expiry that is not a number", method: "PUT", kind: "uploads", id: id, expires: "soon",
                signature: genuineUpload.signature, now: now, expected: .failure(.malformed("expires must be a time in whole seconds"))),
            Row(name: "a negative expiry", method: "PUT", kind: "uploads", id: id, expires: "-5", signature: genuineUpload.signature,
                now: now, expected: .failure(.malformed("expires must be a time in whole seconds"))),
            Row(name: "an unknown kind", method: "PUT", kind: "secrets", id: id, expires: genuineUpload.expires,
                signature: genuineUpload.signature, now: now,
                expected: .failure(.malformed("the path is not a Toolport file (/files/uploads/<32 hex digits> or /files/downloads/<32 hex digits>)"))),
            Row(name: "a path instead of an id", method: "PUT", kind: "uploads", id: "..", expires: genuineUpload.expires,
                signature: genuineUpload.signature, now: now,
                expected: .failure(.malformed("the path is not a Toolport file (/files/uploads/<32 hex digits> or /files/downloads/<32 hex digits>)"))),
        ]
    }()

    @Test(arguments: rows)
    func decides(_ row: Row) {
        let decision = Self.signer.check(
            method: row.method, kind: row.kind, id: row.id, expires: row.expires, signature: row.signature, now: row.now
        )
        #expect(decision == row.expected)
    }

    @Test func aGrantLastsItsLifetimeInWholeSeconds() {
        let grant = FileGrant(key: Self.upload, lifetime: .seconds(900), now: Date(timeIntervalSince1970: 1_000.75))
        #expect(grant.expires == 1_900)
        #expect(grant.method == "PUT")
        #expect(FileGrant(key: Self.download, expires: 1).method == "GET")
    }

    @Test func theQueryCarriesNoKeyMaterial() {
        let query = Self.signer.query(for: FileGrant(key: Self.upload, expires: Self.expires))
        #expect(query.hasPrefix("expires=\(Self.expires)&signature="))
        #expect(!query.contains(Data(repeating: 1, count: 32).base64EncodedString()))
        #expect(query.count < 80)
    }
}
