/// Why the file store could not do what was asked; each message says what to do.
public enum FileStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No file has this key (never uploaded, or removed after the retention period).
    case notFound(FileKey)
    /// The upload was already written; an upload URL writes its file once.
    case alreadyUploaded(FileKey)
    /// The bytes went past the size cap; nothing was kept.
    case tooLarge(limit: Int)
    /// The disk refused (full, permissions, a missing directory): `reason` is the system's, never file content.
    case unavailable(operation: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let key):
            "no file has the key \(key): upload it first (POST /api/v3/files/upload/request, then PUT the bytes to new_presigned_url); "
                + "files are removed after the retention period"
        case .alreadyUploaded(let key):
            "\(key) was already uploaded; an upload URL writes its file once: request a new one for other bytes"
        case .tooLarge(let limit):
            "the file is larger than \(limit) bytes, the most this server accepts (--max-file-mb)"
        case .unavailable(let operation, let reason):
            "could not \(operation): \(reason)"
        }
    }
}
