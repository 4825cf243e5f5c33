public import Foundation

/// Files passed between clients and tools through Toolport, as Composio's SDK expects them: a client asks for an
/// upload URL, PUTs the bytes there (no API key: the URL's signature allows it), and names the file by its key
/// (`s3key`) in a tool's file argument; a download tool's bytes are kept and served at a signed URL (`s3url`).
///
/// ```swift
/// let exchange = FileExchange(store: try FileStore(directory: url), signer: signer, publicURL: "https://toolport.example.com")
/// let upload = exchange.newUpload(now: Date())      // upload.url: https://toolport.example.com/files/uploads/<id>?expires=…&signature=…
/// ```
public struct FileExchange: Sendable {
    public let store: FileStore
    let signer: FileURLSigner
    /// The externally visible base URL (`--public-url`) file URLs are built on, without a trailing slash.
    let publicURL: String
    public let configuration: Configuration

    /// How long URLs last and how large a file may be.
    public struct Configuration: Sendable {
        /// How long a signed upload or download URL works.
        public var urlLifetime: Duration
        /// The largest file an upload URL accepts (`--max-file-mb`).
        public var maxFileSize: Int

        public init(urlLifetime: Duration = .seconds(900), maxFileSize: Int = 32 * 1024 * 1024) {
            self.urlLifetime = urlLifetime
            self.maxFileSize = maxFileSize
        }
    }

    /// A signed URL for one file.
    public struct SignedURL: Sendable, Equatable {
        public let key: FileKey
        public let url: String
        public let expiresAt: Date
    }

    public init(store: FileStore, signer: FileURLSigner, publicURL: String, configuration: Configuration = Configuration()) {
        self.store = store
        self.signer = signer
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.configuration = configuration
    }

    /// A new upload key and the URL its bytes are PUT to.
    public func newUpload(now: Date) -> SignedURL {
        signedURL(for: FileKey.random(.upload), now: now)
    }

    /// Keeps `data`, a download tool's answer, and returns the URL that serves it.
    /// - Throws: `FileStoreError.unavailable` when the disk refuses.
    public func publishDownload(_ data: Data, now: Date) throws(FileStoreError) -> SignedURL {
        let key = FileKey.random(.download)
        try store.write(data, to: key)
        return signedURL(for: key, now: now)
    }

    /// The bytes uploaded under `text`, a tool argument's `s3key`.
    /// - Throws: `FileExchangeError`, saying what is wrong with the key or the file.
    public func upload(named text: String) throws(FileExchangeError) -> Data {
        guard let key = FileKey(text), key.kind == .upload else { throw .notAnUploadKey(text) }
        do {
            return try store.read(key)
        } catch {
            throw .store(error)
        }
    }

    /// Whether a request to `/files/<kind>/<id>?expires=…&signature=…` may go ahead: see ``FileURLSigner``.
    public func check(method: String, kind: String, id: String, expires: String?, signature: String?, now: Date) -> Result<FileKey, FileURLRefusal> {
        signer.check(method: method, kind: kind, id: id, expires: expires, signature: signature, now: now)
    }

    private func signedURL(for key: FileKey, now: Date) -> SignedURL {
        let grant = FileGrant(key: key, lifetime: configuration.urlLifetime, now: now)
        return SignedURL(key: key, url: "\(publicURL)/files/\(key)?\(signer.query(for: grant))", expiresAt: grant.expiresAt)
    }
}

/// Why a tool's file argument names no usable upload.
public enum FileExchangeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key is not one Toolport hands out for uploads.
    case notAnUploadKey(String)
    case store(FileStoreError)

    public var description: String {
        switch self {
        case .notAnUploadKey(let text):
            "s3key \"\(text.prefix(80))\" is not a Toolport upload key (uploads/<32 hex digits>, the key POST /api/v3/files/upload/request returns)"
        case .store(let error):
            error.description
        }
    }
}
