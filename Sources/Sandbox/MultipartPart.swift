public import Foundation

/// One part of a `multipart/form-data` body.
public struct MultipartPart: Sendable, Equatable {
    /// The `name` of its `Content-Disposition`.
    public var name: String
    /// The `filename` of its `Content-Disposition`, present for file parts.
    public var filename: String?
    /// Its `Content-Type` header.
    public var contentType: String?
    /// The content bytes.
    public var data: Data

    /// Creates a part.
    public init(name: String, filename: String? = nil, contentType: String? = nil, data: Data) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }

    /// The content as UTF-8 text, for ordinary form fields.
    public var text: String {
        String(decoding: data, as: UTF8.self)
    }
}
