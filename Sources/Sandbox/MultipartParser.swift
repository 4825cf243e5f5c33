public import Foundation

/// Reads `multipart/form-data` bodies (RFC 7578) into their parts.
public enum MultipartParser {
    /// The `boundary` parameter of a `multipart/form-data` content type, unquoted.
    public static func boundary(inContentType contentType: String) -> String? {
        let fields = HeaderParameters(contentType)
        guard fields.value.lowercased() == "multipart/form-data" else { return nil }
        return fields.parameters["boundary"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Splits `body` at `boundary` into its parts.
    /// - Throws: `MultipartError` when the delimiters or part headers are missing.
    public static func parse(_ body: Data, boundary: String) throws(MultipartError) -> [MultipartPart] {
        let body = Data(body)
        let delimiter = Data("--\(boundary)".utf8)
        let nextDelimiter = Data("\r\n--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        guard let opening = body.range(of: delimiter), body[..<opening.lowerBound].allSatisfy({ $0 == 13 || $0 == 10 }) else {
            throw .missingOpeningBoundary
        }
        var parts: [MultipartPart] = []
        var cursor = opening.upperBound
        while true {
            if body[cursor...].starts(with: Data("--".utf8)) { return parts }
            guard body[cursor...].starts(with: Data("\r\n".utf8)),
                let headersEnd = body.range(of: headerEnd, in: cursor..<body.endIndex)
            else { throw .unterminatedPart(index: parts.count) }
            // A part without headers has its blank line right after the delimiter's line break.
            let headerBytes = headersEnd.lowerBound > cursor ? body[(cursor + 2)..<headersEnd.lowerBound] : Data()
            let headerText = String(decoding: headerBytes, as: UTF8.self)
            guard let contentEnd = body.range(of: nextDelimiter, in: headersEnd.upperBound..<body.endIndex) else {
                throw .unterminatedPart(index: parts.count)
            }
            parts.append(try part(headers: headerText, data: body[headersEnd.upperBound..<contentEnd.lowerBound], index: parts.count))
            cursor = contentEnd.upperBound
        }
    }

    private static func part(headers: String, data: Data, index: Int) throws(MultipartError) -> MultipartPart {
        var disposition: HeaderParameters?
        var contentType: String?
        for line in headers.split(separator: "\r\n") {
            let name = line.prefix { $0 != ":" }.trimmingCharacters(in: .whitespaces).lowercased()
            let value = String(line.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces)
            switch name {
            case "content-disposition": disposition = HeaderParameters(value)
            case "content-type": contentType = value
            default: continue
            }
        }
        guard let disposition, let name = disposition.parameters["name"] else { throw .missingName(index: index) }
        return MultipartPart(name: name, filename: disposition.parameters["filename"], contentType: contentType, data: Data(data))
    }
}
