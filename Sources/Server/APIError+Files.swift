import Files
import HTTPTypes
import ToolportJSON

extension APIError {
    /// The answer to a file store failure: the client's mistake where it is one, 503 when the disk refuses.
    init(_ error: FileStoreError) {
        switch error {
        case .notFound:
            self.init(.fileNotFound, "File not found: \(error)")
        case .alreadyUploaded:
            self.init(.fileAlreadyUploaded, "Already uploaded: \(error)")
        case .tooLarge:
            self.init(.payloadTooLarge, "Too large: \(error)", suggestedFix: "Upload a smaller file, or raise --max-file-mb.")
        case .unavailable:
            // The reason (a path, a system error) stays in the server's log.
            self.init(.serviceUnavailable, "The file store is unavailable; try again shortly.")
        }
    }

    /// The answer to a request whose signed file URL does not allow it.
    init(_ refusal: FileURLRefusal) {
        switch refusal {
        case .malformed(let reason):
            self.init(.badRequest, "Not a Toolport file URL: \(reason)")
        case .wrongMethod(let allowed):
            self.init(.methodNotAllowed, "This file URL takes \(allowed) only", headers: [.allow: allowed])
        case .forged:
            self.init(
                .forbidden, "The file URL's signature does not match",
                suggestedFix: "Use the URL exactly as Toolport returned it (new_presigned_url, or a download's s3url)."
            )
        case .expired(let at):
            self.init(
                .forbidden, "This file URL expired at \(AccountsWire.timestamp(at).stringValue ?? "")",
                suggestedFix: "Request a new upload URL (POST /api/v3/files/upload/request), or run the download tool again."
            )
        }
    }
}
