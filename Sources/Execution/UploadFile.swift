import Foundation
import ToolportJSON

/// A file argument: `{"name": "report.pdf", "mimetype": "application/pdf", "content": "<base64>"}`.
struct UploadFile: Sendable, Equatable {
    var name: String
    var mimetype: String
    var content: Data

    /// - Throws: `ExecutionError.invalidFile` when the object is not a file or its content is not base64.
    init(argument: String, value: JSONValue) throws(ExecutionError) {
        guard let name = value["name"]?.stringValue, !name.isEmpty, let encoded = value["content"]?.stringValue else {
            throw .invalidFile(argument: argument, reason: "expected {\"name\", \"mimetype\", \"content\": base64}")
        }
        guard let content = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters), !content.isEmpty || encoded.isEmpty else {
            throw .invalidFile(argument: argument, reason: "content is not valid base64")
        }
        self.name = name
        self.mimetype = value["mimetype"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? "application/octet-stream"
        self.content = content
    }
}

/// A `multipart/form-data` body with text fields and file parts.
struct MultipartBody {
    let boundary: String
    let data: Data

    init(fields: [(name: String, value: String)], files: [(part: String, file: UploadFile)]) {
        let boundary = "toolport-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var data = Data()
        func line(_ text: String) { data.append(Data((text + "\r\n").utf8)) }
        for (name, value) in fields {
            line("--\(boundary)")
            line("Content-Disposition: form-data; name=\"\(Self.quoted(name))\"")
            line("")
            line(value)
        }
        for (part, file) in files {
            line("--\(boundary)")
            line("Content-Disposition: form-data; name=\"\(Self.quoted(part))\"; filename=\"\(Self.quoted(file.name))\"")
            line("Content-Type: \(file.mimetype)")
            line("")
            data.append(file.content)
            line("")
        }
        line("--\(boundary)--")
        self.boundary = boundary
        self.data = data
    }

    /// A header parameter value with quotes and line breaks neutralised.
    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }
}
