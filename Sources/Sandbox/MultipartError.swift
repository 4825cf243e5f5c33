/// Why a `multipart/form-data` body could not be read.
public enum MultipartError: Error, Equatable, CustomStringConvertible {
    /// The body does not start with the boundary delimiter.
    case missingOpeningBoundary
    /// A part has no blank line after its headers or no delimiter after its content.
    case unterminatedPart(index: Int)
    /// A part has no `Content-Disposition: form-data; name="…"` header.
    case missingName(index: Int)

    public var description: String {
        switch self {
        case .missingOpeningBoundary: "the multipart body does not start with its boundary"
        case .unterminatedPart(let index): "multipart part \(index) is not terminated"
        case .missingName(let index): "multipart part \(index) has no Content-Disposition name"
        }
    }
}
