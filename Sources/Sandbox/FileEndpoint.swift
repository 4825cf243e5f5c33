import Foundation
import HTTPTypes
import Hummingbird
import ToolportJSON

/// `POST /files` (multipart upload) and `GET /files/{id}/download` (the stored bytes).
enum FileEndpoint {
    /// Stores the `file` part's bytes and a file record carrying the other fields (`deal_id`, …).
    static func upload(_ request: RecordedRequest, fields: [String: JSONValue], store: inout CRMStore, now: Date) -> Response {
        guard let part = request.multipartParts.first(where: { $0.name == "file" && $0.filename != nil }), let filename = part.filename else {
            return PipedriveResponse.error(.badRequest, "No file provided: send it as the multipart/form-data part \"file\"")
        }
        let fileType = filename.contains(".") ? String(filename.split(separator: ".").last ?? "") : ""
        var record = fields
        record["name"] = .string(filename)
        record["file_name"] = .string(filename)
        record["file_size"] = .integer(part.data.count)
        record["file_type"] = .string(fileType.lowercased())
        record["remote_location"] = "s3"
        let stored = store[.files].insert(record, now: now)
        if let id = stored["id"]?.queryText {
            store.fileContents[id] = CRMStore.FileContent(data: part.data, contentType: part.contentType ?? "application/octet-stream")
        }
        return PipedriveResponse.success(.object(stored))
    }

    /// The stored bytes with their content type and an attachment `Content-Disposition`.
    static func download(id: String?, store: CRMStore) -> Response {
        guard let id, let record = store[.files].record(id: id), let content = store.fileContents[id] else {
            return StatefulOperation.notFound(.files)
        }
        let name = (record["name"]?.stringValue ?? record["file_name"]?.stringValue ?? "file").replacingOccurrences(of: "\"", with: "")
        return PipedriveResponse.bytes(content.data, contentType: content.contentType, headers: [.contentDisposition: "attachment; filename=\"\(name)\""])
    }
}
