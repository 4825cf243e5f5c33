import Foundation
import ToolportJSON

extension RecordedRequest {
    /// The body's fields, read by its content type: a JSON object, form fields, or the non-file parts of
    /// a multipart body (form values are text, except whole numbers for `…_id` fields). Empty when there is no body.
    /// - Throws: `BodyError` when the body does not parse as its content type says.
    func bodyFields() throws(BodyError) -> [String: JSONValue] {
        let type = contentType?.lowercased() ?? ""
        if type.hasPrefix("multipart/form-data") {
            guard let boundary = contentType.flatMap(MultipartParser.boundary(inContentType:)) else {
                throw .invalidMultipart(.missingOpeningBoundary)
            }
            let parts: [MultipartPart]
            do {
                parts = try MultipartParser.parse(body, boundary: boundary)
            } catch {
                throw .invalidMultipart(error)
            }
            return Dictionary(parts.filter { $0.filename == nil }.map { ($0.name, JSONValue.formValue($0.text, name: $0.name)) }) { _, last in last }
        }
        if type.hasPrefix("application/x-www-form-urlencoded") {
            return formFields.reduce(into: [:]) { fields, field in fields[field.key] = .formValue(field.value, name: field.key) }
        }
        guard !body.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) else { return [:] }
        guard let value = jsonBody else { throw .invalidJSON }
        guard let object = value.objectValue else { throw .notAnObject }
        return object
    }
}
