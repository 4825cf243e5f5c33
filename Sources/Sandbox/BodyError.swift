/// Why a request body could not be read as fields.
enum BodyError: Error, CustomStringConvertible {
    case invalidJSON
    case notAnObject
    case invalidMultipart(MultipartError)

    var description: String {
        switch self {
        case .invalidJSON: "The request body is not valid JSON."
        case .notAnObject: "The request body must be a JSON object."
        case .invalidMultipart(let error): "The request body is not valid multipart/form-data: \(error)."
        }
    }
}
